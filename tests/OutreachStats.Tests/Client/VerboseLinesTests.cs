using System.Collections.Concurrent;
using System.Net;
using OutreachStats.Http;
using Xunit;

namespace OutreachStats.Tests.Client;

/// <summary>
/// What -Verbose shows of many campaigns at once: one line per request that really waited for the
/// rate budget, and every line naming the campaign (or the lemlist batch) it is about.
/// </summary>
public sealed class VerboseLinesTests
{
    private static bool IsWaitLine(string line) => line.Contains(": Waited ", StringComparison.Ordinal);

    private static bool IsRetryLine(string line) => line.Contains(" before attempt ", StringComparison.Ordinal);

    /// <summary>The campaign a line names ("Campaign 'cam_7': …" gives cam_7), or null.</summary>
    private static string? CampaignOf(string line) =>
        line.StartsWith("Campaign '", StringComparison.Ordinal) && line.IndexOf("': ", StringComparison.Ordinal) is > 10 and var end
            ? line.Substring(10, end - 10)
            : null;

    [Fact]
    public async Task SixtyLemlistCampaignsThroughTheRateLimitLogOneWaitLinePerRequestThatWaitedEachNamingItsCampaign()
    {
        using var h = new LemlistHarness(o => o.RetryBaseDelay = TimeSpan.FromMilliseconds(100));
        var ids = Enumerable.Range(0, 60).Select(i => "cam_" + i).ToArray();
        var failedOnce = new ConcurrentDictionary<string, bool>();
        h.Server.Script((request, token) =>
            request.RequestUri!.AbsolutePath.EndsWith("/cam_7/stats", StringComparison.Ordinal) && failedOnce.TryAdd("cam_7", true)
                ? Replies.Status(HttpStatusCode.ServiceUnavailable)(request, token)
                : Replies.Json(ApiExamples.SingleStats)(request, token));
        var begin = h.Time.GetUtcNow();

        await h.Time.RunUntilDone(Task.WhenAll(ids.Select(id => h.Client.GetCampaignStatsAsync(id, Windows.Plain(), h.LogSink, CancellationToken.None))), h.Describe);

        var log = h.Log.ToArray();
        var waits = log.Where(IsWaitLine).ToArray();
        // 61 requests at 20 per 2 s: the first 20 start at once, the other 41 wait (the retry too).
        Assert.Equal(61, h.Server.RequestCount);
        var waitedRequests = h.Server.Requests.Count(r => r.At > begin);
        Assert.Equal(41, waitedRequests);
        Assert.True(waits.Length <= waitedRequests, h.Describe());
        Assert.True(waits.Length >= 40, h.Describe());
        Assert.DoesNotContain(log, line => line.Contains("0.00 s", StringComparison.Ordinal) && !IsRetryLine(line));
        Assert.All(waits, line => Assert.Matches(@"^Campaign 'cam_\d+': Waited \d+\.\d\d s to stay within lemlist's rate limit \(20 requests per 2 s\)\.$", line));
        // At most one wait line for each request of a campaign (cam_7 has two requests).
        Assert.All(waits.GroupBy(CampaignOf), campaign => Assert.True(campaign.Count() <= (campaign.Key == "cam_7" ? 2 : 1), campaign.Key));
        var retry = Assert.Single(log, IsRetryLine);
        Assert.StartsWith("Campaign 'cam_7': lemlist answered 503 ServiceUnavailable; waiting ", retry);
        Assert.All(log, line => Assert.Contains(CampaignOf(line), ids));
    }

    [Fact]
    public async Task ALemlistBatchNamesItsFirstAndLastCampaignOnEveryLine()
    {
        using var h = new LemlistHarness(o => o.RetryBaseDelay = TimeSpan.FromMilliseconds(100));
        var ids = Enumerable.Range(0, 100).Select(i => "cam_" + i).ToArray();
        h.Server.Script(Replies.Status(HttpStatusCode.BadGateway), Replies.Json(ApiExamples.Batch(ids.Select(id => (id, 1)), Array.Empty<(string, string)>())));

        await h.GetBatchAsync(ids);

        Assert.NotEmpty(h.Log);
        Assert.All(h.Log, line => Assert.StartsWith("Campaigns 'cam_0' to 'cam_99': ", line));
        Assert.Contains(h.Log, line => line.StartsWith("Campaigns 'cam_0' to 'cam_99': lemlist answered 502 BadGateway; waiting ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EverySmartleadLeadlexAndLeadterraLineNamesItsCampaign()
    {
        using var smartlead = new SmartleadHarness(o => o.RetryBaseDelay = TimeSpan.FromMilliseconds(100));
        smartlead.Server.Script(Replies.Status(HttpStatusCode.InternalServerError), Replies.Json(SmartleadExamples.Documented));
        using var leadlex = new LeadlexHarness(o => o.RetryBaseDelay = TimeSpan.FromMilliseconds(100));
        leadlex.Server.Script(Replies.Status(HttpStatusCode.GatewayTimeout), Replies.Json(LeadlexExamples.Documented));
        using var leadterra = new LeadterraHarness(o => o.RetryBaseDelay = TimeSpan.FromMilliseconds(100));
        leadterra.Server.Script(Replies.Status(HttpStatusCode.ServiceUnavailable), Replies.Json(LeadterraExamples.Documented));

        await smartlead.PagesAsync(12345);
        await leadlex.GetAsync("cmp_abc123");
        await leadterra.GetAsync("camp_123");

        foreach (var (log, id) in new[] { (smartlead.Log, "12345"), (leadlex.Log, "cmp_abc123"), (leadterra.Log, "camp_123") })
        {
            Assert.Contains(log, IsRetryLine);
            Assert.All(log, line => Assert.StartsWith($"Campaign '{id}': ", line));
        }
    }

    [Fact]
    public async Task ACampaignIdHoldingPartOfTheKeyIsMaskedInItsLines()
    {
        using var h = new LemlistHarness();
        var id = "cam_" + h.KeyText.Substring(h.KeyText.Length - 8);

        await h.GetStatsAsync(id);

        Assert.All(h.Log, line => Assert.DoesNotContain(h.KeyText.Substring(h.KeyText.Length - 8), line));
        Assert.All(h.Log, line => Assert.StartsWith("Campaign 'cam_", line));
    }
}
