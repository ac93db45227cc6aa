using System.Globalization;
using System.Net;
using OutreachStats.Http;
using Xunit;

namespace OutreachStats.Tests.Client;

/// <summary>429 handling: Retry-After in seconds or as a date, the cap on waiting, and backoff without it.</summary>
public sealed class RetryAfterTests
{
    [Fact]
    public async Task RetryAfterInSecondsIsWaitedThenTheCallSucceeds()
    {
        using var h = new LemlistHarness();
        h.Server.Script(Replies.TooManyRequests("3"), Replies.Json(ApiExamples.SingleStats));

        var stats = await h.GetStatsAsync();

        Assert.Equal(32, stats.NbLeads);
        Assert.Equal(2, h.Server.RequestCount);
        Assert.InRange(h.Gap(0, 1), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3.5));
        Assert.Contains(h.Log, line => line.Contains("Retry-After 3 s"));
    }

    [Fact]
    public async Task RetryAfterAsAnHttpDateIsWaitedUntilThatDate()
    {
        using var h = new LemlistHarness();
        var date = h.Time.GetUtcNow().AddSeconds(5).ToString("r", CultureInfo.InvariantCulture);
        h.Server.Script(Replies.TooManyRequests(date), Replies.Json(ApiExamples.SingleStats));

        await h.GetStatsAsync();

        Assert.Equal(2, h.Server.RequestCount);
        Assert.InRange(h.Gap(0, 1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5.5));
    }

    [Fact]
    public async Task ARetryAfterDateInThePastRetriesWithoutWaiting()
    {
        using var h = new LemlistHarness();
        var date = h.Time.GetUtcNow().AddSeconds(-30).ToString("r", CultureInfo.InvariantCulture);
        h.Server.Script(Replies.TooManyRequests(date), Replies.Json(ApiExamples.SingleStats));

        await h.GetStatsAsync();

        Assert.Equal(2, h.Server.RequestCount);
        Assert.True(h.Gap(0, 1) < TimeSpan.FromSeconds(0.5), $"waited {h.Gap(0, 1)}");
    }

    [Fact]
    public async Task A429WithoutRetryAfterIsRetriedWithJitteredBackoff()
    {
        using var h = new LemlistHarness(o => o.RetryBaseDelay = TimeSpan.FromSeconds(1));
        h.Server.Script(Replies.TooManyRequests(), Replies.Json(ApiExamples.SingleStats));

        await h.GetStatsAsync();

        Assert.Equal(2, h.Server.RequestCount);
        // Polly's decorrelated jitter puts the first delay in (0, ~1.38) x the base delay.
        Assert.InRange(h.Gap(0, 1), TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(1.5));
    }

    [Fact]
    public async Task ARetryAfterBeyondTheCapFailsAtOnceAsRateLimited()
    {
        using var h = new LemlistHarness(o => o.MaxRetryAfter = TimeSpan.FromMinutes(2));
        h.Server.Script(Replies.TooManyRequests("600"), Replies.Json(ApiExamples.SingleStats));
        var begin = h.Time.GetUtcNow();

        var error = await h.StatsFailureAsync();

        Assert.Equal(OutreachErrorKind.RateLimited, error.Kind);
        Assert.Equal("LemlistRateLimited", error.ErrorId);
        Assert.Equal(TimeSpan.FromSeconds(600), error.RetryAfter);
        Assert.Contains("600 s", error.Message);
        Assert.Equal(1, h.Server.RequestCount);
        Assert.True(h.Time.GetUtcNow() - begin < TimeSpan.FromSeconds(1), "it waited before failing");
    }

    // Only one request was made, so the message must not claim the retries were spent.
    [Fact]
    public async Task ARetryAfterBeyondTheCapDoesNotClaimAttemptsThatWereNotMade()
    {
        using var h = new LemlistHarness(o => o.MaxRetries = 4);
        h.Server.Script(Replies.TooManyRequests("600"));

        var error = await h.StatsFailureAsync();

        Assert.Equal(1, h.Server.RequestCount);
        Assert.DoesNotContain("after 5 attempt", error.Message);
        Assert.Contains("after 1 attempt", error.Message);
    }

    [Fact]
    public async Task A429ForeverIsRateLimitedAfterEveryAttempt()
    {
        using var h = new LemlistHarness(o => o.MaxRetries = 3);
        h.Server.Script(Replies.TooManyRequests("1"));

        var error = await h.StatsFailureAsync();

        Assert.Equal(OutreachErrorKind.RateLimited, error.Kind);
        Assert.Equal(4, h.Server.RequestCount);
        Assert.Equal(TimeSpan.FromSeconds(1), error.RetryAfter);
        Assert.Contains("after 4 attempt", error.Message);
        for (var i = 1; i < 4; i++) Assert.True(h.Gap(i - 1, i) >= TimeSpan.FromSeconds(1), $"attempt {i + 1} came {h.Gap(i - 1, i)} after the previous one");
    }

    [Fact]
    public async Task RetryAfterWaitsAndBudgetWaitsAddUp()
    {
        // Budget of 2 per 10 s: after the 429 and a 1 s Retry-After, the retry still needs a free slot.
        using var h = new LemlistHarness(o => { o.RateLimit = 2; o.RateLimitWindow = TimeSpan.FromSeconds(10); });
        h.Server.Script(Replies.Json(ApiExamples.SingleStats), Replies.TooManyRequests("1"), Replies.Json(ApiExamples.SingleStats));

        await h.GetStatsAsync();
        await h.GetStatsAsync();

        Assert.Equal(3, h.Server.RequestCount);
        Assert.True(h.Gap(0, 2) >= TimeSpan.FromSeconds(10), $"the retry started {h.Gap(0, 2)} after the first request");
    }

    // lemlist puts Retry-After on every answer; on a 500 it does not speak of this failure, so
    // the backoff decides, and a long one neither delays the retry nor prevents it.
    [Fact]
    public async Task ARetryAfterOnA500NeitherSetsTheWaitNorPreventsTheRetry()
    {
        using var h = new LemlistHarness(o => { o.RetryBaseDelay = TimeSpan.FromSeconds(1); o.MaxRetryAfter = TimeSpan.FromSeconds(5); });
        h.Server.Script(
            (_, _) =>
            {
                var response = new HttpResponseMessage(HttpStatusCode.InternalServerError) { Content = new StringContent("Internal error") };
                response.Headers.TryAddWithoutValidation("Retry-After", "60");
                return Task.FromResult(response);
            },
            Replies.Json(ApiExamples.SingleStats));

        var stats = await h.GetStatsAsync();

        Assert.Equal(32, stats.NbLeads);
        Assert.Equal(2, h.Server.RequestCount);
        Assert.True(h.Gap(0, 1) < TimeSpan.FromSeconds(5), h.Describe());
    }
}
