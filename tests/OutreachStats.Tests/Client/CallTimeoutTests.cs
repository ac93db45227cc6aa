using OutreachStats.Http;
using Xunit;

namespace OutreachStats.Tests.Client;

/// <summary>The two clocks of a call: one per attempt, started once the attempt has its place in the rate budget, and one for the whole call.</summary>
public sealed class CallTimeoutTests
{
    [Fact]
    public async Task TheCallTimeoutEndsRetriesThatWouldGoOnLonger()
    {
        using var h = new LemlistHarness(o =>
        {
            o.AttemptTimeout = TimeSpan.FromSeconds(20);
            o.CallTimeout = TimeSpan.FromSeconds(45);
            o.MaxRetries = 4;
        });
        h.Server.Script(Replies.NeverAnswers());
        var started = h.Time.GetUtcNow();

        var error = await h.StatsFailureAsync();

        Assert.Equal(OutreachErrorKind.Timeout, error.Kind);
        Assert.Contains("within 45 s", error.Message);
        Assert.Contains("-CallTimeoutSeconds", OutreachStats.Cmdlets.ErrorAdvice.For(error));
        // Two 20 s attempts and a backoff fit in 45 s; the third attempt is cut off by the call's clock.
        Assert.Equal(3, h.Server.RequestCount);
        Assert.InRange(h.Time.GetUtcNow() - started, TimeSpan.FromSeconds(45), TimeSpan.FromSeconds(46));
    }

    [Fact]
    public async Task AnAttemptTimeoutSaysWhichSettingToRaise()
    {
        using var h = new LemlistHarness(o => { o.AttemptTimeout = TimeSpan.FromSeconds(5); o.MaxRetries = 1; });
        h.Server.Script(Replies.NeverAnswers());

        var error = await h.StatsFailureAsync();

        Assert.Equal(OutreachErrorKind.Timeout, error.Kind);
        Assert.Contains("within 5 s (2 attempts)", error.Message);
        Assert.Contains("-AttemptTimeoutSeconds", OutreachStats.Cmdlets.ErrorAdvice.For(error));
    }

    [Fact]
    public async Task WaitingForTheRateBudgetDoesNotCountAgainstTheAttemptTimeout()
    {
        // One request per 10 s: the second call queues 10 s for its place, longer than an attempt may take.
        using var h = new LemlistHarness(o =>
        {
            o.RateLimit = 1;
            o.RateLimitWindow = TimeSpan.FromSeconds(10);
            o.AttemptTimeout = TimeSpan.FromSeconds(1);
            o.MaxRetries = 0;
        });

        await h.GetStatsAsync("cam_1");
        var stats = await h.GetStatsAsync("cam_2");

        Assert.Equal("cam_2", stats.CampaignId);
        Assert.True(h.Gap(0, 1) >= TimeSpan.FromSeconds(10), h.Describe());
        Assert.Contains(h.Log, line => line.Contains("to stay within lemlist's rate limit"));
    }
}
