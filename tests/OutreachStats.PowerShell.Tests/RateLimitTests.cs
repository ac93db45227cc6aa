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

    /// <summary>The campaign a verbose line names ("Campaign 'cam_…': …"), or null.</summary>
    private static string? CampaignOf(string line) =>
        line.StartsWith("Campaign '", StringComparison.Ordinal) && line.IndexOf("': ", StringComparison.Ordinal) is > 10 and var end
            ? line.Substring(10, end - 10)
            : null;

    [Fact]
    public void FortyCampaignsWithVerboseWriteOneWaitLinePerRequestThatWaitedEachNamingItsCampaign()
    {
        Connect(settings: "-RetryBaseDelaySeconds 0.05");
        var ids = Ids(40);
        Sandbox.Faults.Add(new FaultRule { Provider = Provider, Kind = FaultKind.Status, Status = 503, Body = "Service Unavailable", CampaignIds = [ids[3]], Count = 1 });

        var result = Run("$ids | Get-LemlistCampaignStats", new() { ["ids"] = ids }, verbose: true);

        result.AssertNoErrors();
        Assert.Equal(ids, result.Values("CampaignId").Cast<string>());
        var lines = result.Verbose.Select(v => v.Message).ToArray();
        var waits = lines.Where(l => l.Contains(": Waited ", StringComparison.Ordinal)).ToArray();
        var retries = lines.Where(l => l.Contains(" before attempt ", StringComparison.Ordinal)).ToArray();
        // 41 requests (one retry) at 20 per 2 s: the first 20 start at once, so at most 21 waited.
        Assert.Equal(41, Requests().Count);
        Assert.InRange(waits.Length, 1, 21);
        Assert.DoesNotContain(lines, l => l.Contains("0.00 s to stay within", StringComparison.Ordinal) || l.Contains("Waiting 0.00 s", StringComparison.Ordinal));
        Assert.All(waits, l => Assert.Matches(@"^Campaign 'cam_\w+': Waited \d+\.\d\d s to stay within lemlist's rate limit \(20 requests per 2 s\)\.$", l));
        Assert.All(waits.Concat(retries), l => Assert.Contains(CampaignOf(l), ids));
        Assert.All(waits.GroupBy(CampaignOf), campaign => Assert.True(campaign.Count() <= (campaign.Key == ids[3] ? 2 : 1), campaign.Key));
        Assert.StartsWith($"Campaign '{ids[3]}': lemlist answered 503 ServiceUnavailable; waiting ", Assert.Single(retries));
        // A request line, an answer line and at most one wait line per request, and the command's own.
        Assert.True(lines.Length <= 3 * 41 + 5, $"{lines.Length} verbose lines:\n" + string.Join("\n", lines));
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
