using OutreachStats.Http;
using Xunit;

namespace OutreachStats.Tests.Client;

/// <summary>The caller's cancellation ends a call as cancelled; an attempt that hangs ends as a Timeout.</summary>
public sealed class CancellationAndTimeoutTests
{
    private static readonly TimeSpan RealTimeBound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task CancellingARequestInFlightEndsTheCallAsCancelledWithoutRetry()
    {
        using var h = new LemlistHarness(o => o.MaxRetries = 4);
        h.Server.Script(Replies.NeverAnswers(), Replies.Json(ApiExamples.SingleStats));
        using var cancellation = new CancellationTokenSource();

        var call = h.Client.GetCampaignStatsAsync("cam_123", Windows.Plain(), h.LogSink, cancellation.Token);
        Assert.Equal(1, h.Server.RequestCount);
        cancellation.Cancel();

        // Cancelled, not an OutreachApiException: the caller asked for it, nothing failed.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(RealTimeBound));
        await h.Time.AdvanceAsync(TimeSpan.FromMinutes(5));
        Assert.Equal(1, h.Server.RequestCount);
    }

    [Fact]
    public async Task CancellingDuringBackoffEndsTheCallWithoutAnotherAttempt()
    {
        using var h = new LemlistHarness(o => o.MaxRetries = 4);
        h.Server.Script(Replies.TooManyRequests("30"), Replies.Json(ApiExamples.SingleStats));
        using var cancellation = new CancellationTokenSource();

        var call = h.Client.GetCampaignStatsAsync("cam_123", Windows.Plain(), h.LogSink, cancellation.Token);
        await h.Time.AdvanceAsync(TimeSpan.FromSeconds(10));
        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(RealTimeBound));
        await h.Time.AdvanceAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(1, h.Server.RequestCount);
    }

    [Fact]
    public async Task CancellingWhileWaitingForTheRateBudgetEndsTheCallWithoutARequest()
    {
        using var h = new LemlistHarness(o => { o.RateLimit = 1; o.RateLimitWindow = TimeSpan.FromSeconds(10); });
        await h.GetStatsAsync();
        using var cancellation = new CancellationTokenSource();

        var call = h.Client.GetCampaignStatsAsync("cam_123", Windows.Plain(), h.LogSink, cancellation.Token);
        Assert.False(call.IsCompleted);
        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(RealTimeBound));
        Assert.Equal(1, h.Server.RequestCount);
    }

    [Fact]
    public async Task AnAttemptThatNeverAnswersTimesOutIsRetriedThenFailsAsTimeout()
    {
        using var h = new LemlistHarness(o =>
        {
            o.AttemptTimeout = TimeSpan.FromSeconds(1);
            o.MaxRetries = 2;
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(100);
        });
        h.Server.Script(Replies.NeverAnswers());

        var error = await h.StatsFailureAsync();

        Assert.Equal(OutreachErrorKind.Timeout, error.Kind);
        Assert.Equal(3, h.Server.RequestCount);
        Assert.Contains("1 s", error.Message);
        Assert.Contains("3 attempts", error.Message);
        // Each attempt is given its full second before the next one starts.
        Assert.True(h.Gap(0, 1) >= TimeSpan.FromSeconds(1), $"second attempt after {h.Gap(0, 1)}");
        Assert.True(h.Gap(1, 2) >= TimeSpan.FromSeconds(1), $"third attempt after {h.Gap(1, 2)}");
    }

    [Fact]
    public async Task ATimedOutAttemptFollowedByAnAnswerSucceeds()
    {
        using var h = new LemlistHarness(o => { o.AttemptTimeout = TimeSpan.FromSeconds(1); o.RetryBaseDelay = TimeSpan.FromMilliseconds(100); });
        h.Server.Script(Replies.NeverAnswers(), Replies.Json(ApiExamples.SingleStats));

        var stats = await h.GetStatsAsync();

        Assert.Equal(32, stats.NbLeads);
        Assert.Equal(2, h.Server.RequestCount);
        Assert.Contains(h.Log, line => line.Contains("no answer within 1 s"));
    }

    [Fact]
    public async Task AnAnswerWithinTheAttemptTimeoutIsKept()
    {
        using var h = new LemlistHarness(o => o.AttemptTimeout = TimeSpan.FromSeconds(1));
        h.Server.Script(Replies.Json(ApiExamples.SingleStats));

        var stats = await h.GetStatsAsync();

        Assert.Equal(32, stats.NbLeads);
        Assert.Equal(1, h.Server.RequestCount);
    }
}
