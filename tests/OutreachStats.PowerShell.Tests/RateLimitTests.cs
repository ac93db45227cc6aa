using OutreachStats.PowerShell.Tests.Infrastructure;
using OutreachStats.Sandbox;
using Xunit;

namespace OutreachStats.PowerShell.Tests;

/// <summary>lemlist's rate limit (20 requests per 2 seconds per key) as the server sees it.</summary>
public sealed class RateLimitTests : LemlistTestBase
{
    [Fact]
    public async Task Answers429WithRetryAfterAreWaitedOutAndEveryCampaignComesOut()
    {
        Connect();
        var ids = Ids(4);
        Sandbox.Faults.Add(new FaultRule { Provider = Provider, Kind = FaultKind.RateLimited, RetryAfterSeconds = 1, Count = 3 });

        var result = Run("$ids | Get-LemlistCampaignStats", new() { ["ids"] = ids }, verbose: true);

        result.AssertNoErrors();
        Assert.Equal(ids, result.Values("CampaignId").Cast<string>());
        foreach (var stats in result.Output) await AssertLemlistNumbersAsync(stats);
        // 3 answered 429, then every campaign once with 200.
        Assert.Equal(7, Requests().Count);
        Assert.Contains(result.Verbose, v => v.Message.Contains("429"));
    }

    [Fact]
    public void A429OnTheBatchRouteIsWaitedOut()
    {
        Connect();
        var ids = Ids(2);
        Sandbox.Faults.Add(new FaultRule { Provider = Provider, Kind = FaultKind.RateLimited, RetryAfterSeconds = 1, Count = 2 });

        var result = Run("$ids | Get-LemlistBatchStats", new() { ["ids"] = ids });

        result.AssertNoErrors();
        Assert.Equal(ids, result.Values("CampaignId").Cast<string>());
        Assert.Equal(3, Requests().Count);
    }

    // Real time on purpose: the module's budget of lemlist's documented 20 per 2 s (a connection
    // can only lower it) against the sandbox's own lemlist, which counts in fixed 2 s windows and
    // answers 429 past 20.
    [Fact]
    public async Task ThirtyCampaignsNeverMakeMoreThan20RequestsInAnyTwoSecondsAndCauseNo429()
    {
        // The sandbox's first answer pays for JIT compilation: warm it up, so that arrival times measure the module.
        await Reference.LemlistStatsAsync(Ids(1)[0]);
        Connect();
        var ids = Ids(30);

        var result = Run("$ids | Get-LemlistCampaignStats", new() { ["ids"] = ids });

        result.AssertNoErrors();
        Assert.Equal(ids, result.Values("CampaignId").Cast<string>());
        var requests = Requests();
        Assert.Equal(30, requests.Count);
        Assert.Equal(0, LemlistCounters.RateLimited);
        var arrivals = requests.Select(r => r.ArrivedAt).Order().ToArray();
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
