using System.Net;
using System.Text.Json;
using OutreachStats.Http;
using OutreachStats.Providers.Lemlist;
using Xunit;

namespace OutreachStats.Tests.Client;

/// <summary>
/// A batch's campaigns whose entries failed transiently are asked for again, alone together, in
/// retries of the one call on the fake clock; the others keep the answer of the attempt they came back in.
/// </summary>
public sealed class LemlistBatchRetryTests
{
    private const string Transient = "Internal error while computing stats, please retry";
    private static readonly TimeSpan RealTimeBound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ATransientErrorEntryIsReSentAloneAndItsStatsComeBack()
    {
        using var h = new LemlistHarness();
        h.Server.Script(
            Replies.Json(ApiExamples.Batch(new[] { ("cam_a", 1), ("cam_c", 3) }, new[] { ("cam_b", Transient) })),
            Replies.Json(ApiExamples.Batch(new[] { ("cam_b", 2) }, Array.Empty<(string, string)>())));

        var entries = await h.GetBatchAsync(new[] { "cam_a", "cam_b", "cam_c" });

        Assert.Equal(new[] { 1, 2, 3 }, entries.Select(e => e.Stats!.NbLeads));
        Assert.All(entries, e => Assert.Null(e.Error));
        Assert.Equal(2, h.Server.RequestCount);
        Assert.Equal(new[] { "cam_b" }, CampaignIds(h.Server.Requests[1]));
        var line = Assert.Single(h.Log, l => l.Contains("asked for again", StringComparison.Ordinal));
        Assert.Contains("1 campaign(s) of the batch failed transiently", line);
        Assert.Contains($"'cam_b': {Transient}", line);
        Assert.Contains("before attempt 2 of 5", line);
    }

    [Fact]
    public async Task TheReSentRequestCarriesOnlyTheFailedIdsWithTheSameWindowAndFilters()
    {
        using var h = new LemlistHarness();
        h.Server.Script(
            Replies.Json(ApiExamples.Batch(new[] { ("cam_a", 1), ("cam_c", 3) }, new[] { ("cam_d", "Request timed out") })),
            Replies.Json(ApiExamples.Batch(new[] { ("cam_b", 2), ("cam_d", 4) }, Array.Empty<(string, string)>())));

        var entries = await h.GetBatchAsync(new[] { "cam_a", "cam_b", "cam_c", "cam_d" }, Windows.Filtered());

        Assert.Equal(new[] { 1, 2, 3, 4 }, entries.Select(e => e.Stats!.NbLeads));
        Assert.Equal(new[] { "cam_b", "cam_d" }, CampaignIds(h.Server.Requests[1]));
        // Everything but the IDs is the first request's.
        Assert.Equal(WithoutIds(h.Server.Requests[0]), WithoutIds(h.Server.Requests[1]));
    }

    [Fact]
    public async Task APermanentErrorEntryIsNotReSent()
    {
        using var h = new LemlistHarness();
        h.Server.Script(Replies.Json(ApiExamples.Batch(new[] { ("cam_a", 1) }, new[] { ("cam_gone", "Campaign not found"), ("cam_odd", "Campaign is archived") })));

        var entries = await h.GetBatchAsync(new[] { "cam_a", "cam_gone", "cam_odd" });

        Assert.Equal(1, h.Server.RequestCount);
        Assert.Equal(1, entries[0].Stats!.NbLeads);
        Assert.Equal(OutreachErrorKind.CampaignNotFound, entries[1].Error!.Kind);
        Assert.Equal(OutreachErrorKind.CampaignFailed, entries[2].Error!.Kind);
        Assert.DoesNotContain(h.Log, l => l.Contains("asked for again", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AMissingEntryIsReSent()
    {
        using var h = new LemlistHarness();
        h.Server.Script(
            Replies.Json(ApiExamples.Batch(new[] { ("cam_a", 1) }, Array.Empty<(string, string)>())),
            Replies.Json(ApiExamples.Batch(new[] { ("cam_lost", 2) }, Array.Empty<(string, string)>())));

        var entries = await h.GetBatchAsync(new[] { "cam_a", "cam_lost" });

        Assert.Equal(new[] { 1, 2 }, entries.Select(e => e.Stats!.NbLeads));
        Assert.Equal(new[] { "cam_lost" }, CampaignIds(h.Server.Requests[1]));
        Assert.Contains(h.Log, l => l.Contains("'cam_lost': the answer has neither statistics nor an error for it", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("timeout")]
    [InlineData("Stats computation timed out")]
    [InlineData("Service temporarily unavailable")]
    [InlineData("Please try again later")]
    [InlineData("Rate limit exceeded")]
    [InlineData("Too many concurrent computations")]
    [InlineData("Internal Server Error")]
    [InlineData("read ECONNRESET")]
    public void ErrorTextsThatSayTheyPassAreTransient(string error) => Assert.True(LemlistClient.IsTransientEntryError(error));

    [Theory]
    [InlineData("Campaign not found")]
    [InlineData("Campaign not found, retry with another ID")]
    [InlineData("Campaign is archived")]
    [InlineData("no reason given")]
    public void NotFoundAndOtherErrorTextsArePermanent(string error) => Assert.False(LemlistClient.IsTransientEntryError(error));

    [Fact]
    public async Task RoundsStopAtMaxRetriesAndTheErrorsCountTheAttempts()
    {
        using var h = new LemlistHarness(o => o.MaxRetries = 2);
        h.Server.Script(Replies.Json(ApiExamples.Batch(new[] { ("cam_a", 1) }, new[] { ("cam_busy", Transient) })));

        var entries = await h.GetBatchAsync(new[] { "cam_a", "cam_busy", "cam_lost" });

        Assert.Equal(3, h.Server.RequestCount);
        Assert.Equal(1, entries[0].Stats!.NbLeads);
        var busy = entries[1].Error!;
        Assert.Equal(OutreachErrorKind.CampaignFailed, busy.Kind);
        Assert.Equal("cam_busy", busy.CampaignId);
        Assert.Contains("3 attempts", busy.Message);
        Assert.Contains(Transient, busy.Message);
        Assert.Contains("ask for it alone with Get-LemlistCampaignStats", OutreachStats.Cmdlets.ErrorAdvice.For(busy));
        var lost = entries[2].Error!;
        Assert.Equal(OutreachErrorKind.InvalidResponse, lost.Kind);
        Assert.Contains("3 attempts", lost.Message);
    }

    // Re-sending is a retry of the one call: its backoff (exponential, with jitter) runs on the
    // transport's clock, and each wait is the one the log announces.
    [Fact]
    public async Task ReSendsWaitTheCallsBackoffOnTheTransportsClock()
    {
        using var h = new LemlistHarness(o => { o.MaxRetries = 2; o.RetryBaseDelay = TimeSpan.FromSeconds(1); });
        h.Server.Script(Replies.Json(ApiExamples.Batch(Array.Empty<(string, int)>(), new[] { ("cam_busy", Transient) })));

        await h.GetBatchAsync(new[] { "cam_busy" });

        Assert.Equal(3, h.Server.RequestCount);
        var announced = h.Log.Select(l => System.Text.RegularExpressions.Regex.Match(l, @"waiting (\d+\.\d+) s before attempt"))
            .Where(m => m.Success).Select(m => TimeSpan.FromSeconds(double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(2, announced.Count);
        // The fake clock moves in 100 ms steps, so a wait ends at most one step late (the log rounds to 10 ms).
        Assert.InRange(h.Gap(0, 1), announced[0] - TimeSpan.FromMilliseconds(10), announced[0] + TimeSpan.FromMilliseconds(110));
        Assert.InRange(h.Gap(1, 2), announced[1] - TimeSpan.FromMilliseconds(10), announced[1] + TimeSpan.FromMilliseconds(110));
    }

    // One deadline for the whole batch: re-sends do not each get a call timeout of their own.
    [Fact]
    public async Task TheCallTimeoutBoundsEveryReSendTogether()
    {
        using var h = new LemlistHarness(o => { o.MaxRetries = 10; o.RetryBaseDelay = TimeSpan.FromSeconds(2); o.CallTimeout = TimeSpan.FromSeconds(5); o.AttemptTimeout = TimeSpan.FromSeconds(5); });
        h.Server.Script(Replies.Json(ApiExamples.Batch(Array.Empty<(string, int)>(), new[] { ("cam_busy", Transient) })));

        var error = await h.BatchFailureAsync("cam_busy");

        Assert.Equal(OutreachErrorKind.Timeout, error.Kind);
        Assert.InRange(h.Server.RequestCount, 1, 4);
        // A timer due just before the deadline fires in the fake clock's step that reaches it, so a
        // request may be stamped with the deadline itself, never later.
        Assert.All(h.Server.Requests, r => Assert.True(r.At - h.Server.Requests[0].At <= TimeSpan.FromSeconds(5), h.Describe()));
    }

    [Fact]
    public async Task EveryCampaignComesBackOnceInTheOrderAskedAcrossRounds()
    {
        using var h = new LemlistHarness();
        var ids = Enumerable.Range(0, 100).Select(i => $"cam_{i:000}").ToArray();
        var index = ids.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);
        // Round 1 answers in reverse order: 10, 20, 30 fail transiently, 40 is missing, 50 is gone.
        var firstResults = ids.Reverse().Where(id => id is not ("cam_010" or "cam_020" or "cam_030" or "cam_040" or "cam_050")).Select(id => (id, index[id]));
        h.Server.Script(
            Replies.Json(ApiExamples.Batch(firstResults, new[] { ("cam_030", Transient), ("cam_050", "Campaign not found"), ("cam_010", "Service unavailable"), ("cam_020", Transient) })),
            Replies.Json(ApiExamples.Batch(new[] { ("cam_040", 40), ("cam_010", 10), ("cam_030", 30) }, new[] { ("cam_020", Transient) })),
            Replies.Json(ApiExamples.Batch(new[] { ("cam_020", 20) }, Array.Empty<(string, string)>())));

        var entries = await h.GetBatchAsync(ids);

        Assert.Equal(ids, entries.Select(e => e.CampaignId));
        Assert.Equal(OutreachErrorKind.CampaignNotFound, entries[50].Error!.Kind);
        Assert.Equal(
            Enumerable.Range(0, 100).Where(i => i != 50),
            entries.Where(e => e.Stats is not null).Select(e => e.Stats!.NbLeads));
        Assert.Equal(new[] { "cam_010", "cam_020", "cam_030", "cam_040" }, CampaignIds(h.Server.Requests[1]));
        Assert.Equal(new[] { "cam_020" }, CampaignIds(h.Server.Requests[2]));
        Assert.Equal(3, h.Server.RequestCount);
    }

    [Fact]
    public async Task AReSentRequestThatFailsKeepsTheCampaignsSettledBefore()
    {
        using var h = new LemlistHarness(o => o.MaxRetries = 1);
        h.Server.Script(
            Replies.Json(ApiExamples.Batch(new[] { ("cam_a", 1) }, new[] { ("cam_b", Transient) })),
            Replies.Text(HttpStatusCode.BadRequest, "Bad params: campaignIds must be a non-empty array"));

        var entries = await h.GetBatchAsync(new[] { "cam_a", "cam_b" });

        Assert.Equal(1, entries[0].Stats!.NbLeads);
        Assert.Equal(OutreachErrorKind.BadRequest, entries[1].Error!.Kind);
        Assert.Equal("cam_b", entries[1].Error!.CampaignId);
    }

    [Fact]
    public async Task CancellingDuringTheBackoffEndsTheCallWithoutAnotherRequest()
    {
        using var h = new LemlistHarness(o => o.RetryBaseDelay = TimeSpan.FromMinutes(1));
        h.Server.Script(Replies.Json(ApiExamples.Batch(Array.Empty<(string, int)>(), new[] { ("cam_busy", Transient) })));
        using var cancellation = new CancellationTokenSource();

        var call = h.Client.GetBatchStatsAsync(new[] { "cam_busy" }, Windows.Plain(), h.LogSink, cancellation.Token);
        await WaitForAsync(() => h.Log.Any(l => l.Contains("asked for again", StringComparison.Ordinal)));
        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(RealTimeBound));
        await h.Time.AdvanceAsync(TimeSpan.FromMinutes(5));
        Assert.Equal(1, h.Server.RequestCount);
    }

    private static string[] CampaignIds(RecordedRequest request)
    {
        using var body = JsonDocument.Parse(request.Body);
        return body.RootElement.GetProperty("campaignIds").EnumerateArray().Select(e => e.GetString()!).ToArray();
    }

    private static string WithoutIds(RecordedRequest request)
    {
        var body = System.Text.Json.Nodes.JsonNode.Parse(request.Body)!.AsObject();
        Assert.True(body.Remove("campaignIds"));
        return body.ToJsonString();
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + RealTimeBound;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException("The condition did not come true in time.");
            await Task.Delay(10);
        }
    }
}
