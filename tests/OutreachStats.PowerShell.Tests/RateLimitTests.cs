using OutreachStats.PowerShell.Tests.Infrastructure;
using Xunit;

namespace OutreachStats.PowerShell.Tests;

/// <summary>lemlist's rate limit (20 requests per 2 seconds per key) as the server sees it.</summary>
public sealed class RateLimitTests : FakeLemlistTestBase
{
    [Fact]
    public void Answers429WithRetryAfterAreWaitedOutAndEveryCampaignComesOut()
    {
        Connect();
        Server.RateLimitNext(3, retryAfterSeconds: 1);

        var result = Run("'cam_1', 'cam_2', 'cam_3', 'cam_4' | Get-LemlistCampaignStats", verbose: true);

        result.AssertNoErrors();
        Assert.Equal(new object?[] { "cam_1", "cam_2", "cam_3", "cam_4" }, result.Values("CampaignId"));
        foreach (var stats in result.Output) AssertDocumentedNumbers(stats);
        // 3 answered 429, then every campaign once with 200.
        Assert.Equal(7, Server.Requests.Count);
        Assert.Contains(result.Verbose, v => v.Message.Contains("429"));
    }

    [Fact]
    public void A429OnTheBatchRouteIsWaitedOut()
    {
        Connect();
        Server.RateLimitNext(2, retryAfterSeconds: 1);

        var result = Run("'cam_1', 'cam_2' | Get-LemlistBatchStats");

        result.AssertNoErrors();
        Assert.Equal(new object?[] { "cam_1", "cam_2" }, result.Values("CampaignId"));
        Assert.Equal(3, Server.Requests.Count);
    }

    [Fact]
    public async Task ThirtyCampaignsNeverMakeMoreThan20RequestsInAnyTwoSeconds()
    {
        // Warm the fake server up first (its first request pays for JIT compilation), so that
        // arrival times measure the module, not the test server.
        using (var http = new HttpClient())
        {
            await http.GetAsync(new Uri(Server.BaseUri, "warm-up"));
        }
        Connect();
        var ids = Enumerable.Range(1, 30).Select(i => "cam_" + i).ToArray();

        var result = Run("$ids | Get-LemlistCampaignStats", new() { ["ids"] = ids });

        result.AssertNoErrors();
        Assert.Equal(ids, result.Values("CampaignId").Cast<string>().ToArray());
        var arrivals = Server.Requests.Where(r => r.CampaignId is not null).Select(r => r.ArrivedAt).Order().ToArray();
        Assert.Equal(30, arrivals.Length);
        var window = TimeSpan.FromSeconds(2);
        for (var i = 0; i + 20 < arrivals.Length; i++)
        {
            // Request i and request i + 20 must arrive at least the window apart.
            var span = arrivals[i + 20] - arrivals[i];
            Assert.True(span >= window,
                $"Requests {i + 1} to {i + 21} arrived within {span.TotalMilliseconds:0} ms: 21 requests in less than 2 s.");
        }
    }
}
