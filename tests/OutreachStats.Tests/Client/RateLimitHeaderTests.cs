using System.Globalization;
using System.Net;
using System.Text;
using OutreachStats.Http;
using Xunit;

namespace OutreachStats.Tests.Client;

/// <summary>
/// lemlist's X-RateLimit-Remaining and X-RateLimit-Reset: when no request is left, nothing more is
/// sent on the key until the reset, which lemlist writes as a human-readable date.
/// </summary>
public sealed class RateLimitHeaderTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 14, 9, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, string> Resets => new()
    {
        // The docs' example: JavaScript's Date.toString(), an offset without a colon, a zone name after it.
        { "Tue Feb 16 2021 09:02:42 GMT+0100 (Central European Standard Time)", "2021-02-16T08:02:42Z" },
        { "Fri Mar 14 2025 09:00:02 GMT+0000 (Coordinated Universal Time)", "2025-03-14T09:00:02Z" },
        { "Fri Mar 14 2025 03:30:05 GMT-0530", "2025-03-14T09:00:05Z" },
        { "Fri, 14 Mar 2025 09:00:03 GMT", "2025-03-14T09:00:03Z" },
        { "2025-03-14T09:00:04.500Z", "2025-03-14T09:00:04.5Z" },
        { "1741942806", "2025-03-14T09:00:06Z" },
        { "2", "2025-03-14T09:00:02Z" },
    };

    [Theory]
    [MemberData(nameof(Resets))]
    public void ResetDatesAreReadInEveryFormTheyCome(string header, string expected)
    {
        var reset = RateLimitHeaders.ParseReset(header, Now);

        Assert.Equal(DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture), reset);
    }

    [Theory]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("-5")]
    [InlineData("Xyz Foo 99 2021 09:02:42 GMT+0100")]
    public void AResetThatCannotBeReadIsNull(string header) => Assert.Null(RateLimitHeaders.ParseReset(header, Now));

    [Fact]
    public async Task NoRequestLeftHoldsTheNextRequestUntilTheReset()
    {
        using var h = new LemlistHarness();
        h.Server.Script(Exhausted("Fri Mar 14 2025 09:00:02 GMT+0000 (Coordinated Universal Time)"), Replies.Json(ApiExamples.SingleStats));

        await h.GetStatsAsync("cam_1");
        await h.GetStatsAsync("cam_2");

        // lemlist's own budget (20 per 2 s) would have let the second go at once. The reset is
        // given to the second, so the hold lasts to that second's end: 09:00:03.
        Assert.True(h.Gap(0, 1) >= TimeSpan.FromSeconds(3) - TimeSpan.FromMilliseconds(1), h.Describe());
        Assert.Contains(h.Log, line => line.Contains("another program is using this key"));
    }

    // The provider counted no more requests than this process made: the budget's own window
    // already keeps within the limit, and holding would only slow the work down.
    [Fact]
    public async Task UsingUpTheWindowAloneHoldsNothing()
    {
        using var h = new LemlistHarness();
        h.Server.Script(WithRateHeaders(remaining: 0, reset: "Fri Mar 14 2025 09:00:30 GMT+0000", limit: 1), Replies.Json(ApiExamples.SingleStats));

        await h.GetStatsAsync("cam_1");
        await h.GetStatsAsync("cam_2");

        Assert.True(h.Gap(0, 1) < TimeSpan.FromSeconds(1), h.Describe());
    }

    [Theory]
    [InlineData("Fri Mar 14 2025 09:00:02 GMT+0000 (Coordinated Universal Time)", 3000)]
    [InlineData("Fri, 14 Mar 2025 09:00:02 GMT", 3000)]
    [InlineData("2025-03-14T09:00:02.250Z", 2250)]
    [InlineData("2.5", 2500)]
    public void AResetGivenToTheSecondIsTakenAsThatSecondsEnd(string header, int millisecondsFromNow)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK);
        response.Headers.TryAddWithoutValidation("X-RateLimit-Reset", header);

        Assert.Equal(Now.AddMilliseconds(millisecondsFromNow), RateLimitHeaders.Reset(response.Headers, Now));
    }

    [Fact]
    public async Task RequestsLeftDoNotHoldAnything()
    {
        using var h = new LemlistHarness();
        h.Server.Script(WithRateHeaders(remaining: 3, reset: "Fri Mar 14 2025 09:00:30 GMT+0000"), Replies.Json(ApiExamples.SingleStats));

        await h.GetStatsAsync("cam_1");
        await h.GetStatsAsync("cam_2");

        Assert.True(h.Gap(0, 1) < TimeSpan.FromSeconds(1), h.Describe());
    }

    // A reset in the past (the clocks differ) or unreadable must not let the next request go at
    // once into a window the provider says is full: one window is waited instead.
    [Theory]
    [InlineData("Fri Mar 14 2025 08:59:00 GMT+0000")]
    [InlineData("whenever")]
    public async Task AResetInThePastOrUnreadableHoldsOneWindow(string reset)
    {
        using var h = new LemlistHarness();
        h.Server.Script(Exhausted(reset), Replies.Json(ApiExamples.SingleStats));

        await h.GetStatsAsync("cam_1");
        await h.GetStatsAsync("cam_2");

        Assert.True(h.Gap(0, 1) >= TimeSpan.FromSeconds(2) - TimeSpan.FromMilliseconds(1), h.Describe());
        Assert.True(h.Gap(0, 1) < TimeSpan.FromSeconds(3), h.Describe());
    }

    // Leadlex's window is the module's own 60 s: a 429 that names its wait (Retry-After: 1) but no
    // reset is waited out for the second it names, not for a whole window.
    [Fact]
    public async Task ARetryAfterWithoutAResetDecidesTheWaitItNames()
    {
        using var h = new LeadlexHarness();
        h.Server.Script((_, _) =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests)
            {
                Content = new StringContent("""{"error":{"code":"rate_limited","message":"Slow down"}}""", Encoding.UTF8, "application/json"),
            };
            response.Headers.TryAddWithoutValidation("Retry-After", "1");
            response.Headers.TryAddWithoutValidation("X-RateLimit-Remaining", "0");
            return Task.FromResult(response);
        }, Replies.Json(LeadlexExamples.Documented));

        await h.GetAsync("cmp_1");
        await h.GetAsync("cmp_2");

        Assert.InRange(h.Gap(0, 1), TimeSpan.FromSeconds(1) - TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(2));
        Assert.True(h.Gap(1, 2) < TimeSpan.FromSeconds(1), h.Describe());
    }

    private static Reply Exhausted(string reset) => WithRateHeaders(remaining: 0, reset);

    private static Reply WithRateHeaders(int remaining, string reset, int limit = 20) => (_, _) =>
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent(ApiExamples.SingleStats, Encoding.UTF8, "application/json"),
        };
        response.Headers.TryAddWithoutValidation("X-RateLimit-Limit", limit.ToString(CultureInfo.InvariantCulture));
        response.Headers.TryAddWithoutValidation("X-RateLimit-Remaining", remaining.ToString(CultureInfo.InvariantCulture));
        response.Headers.TryAddWithoutValidation("X-RateLimit-Reset", reset);
        return Task.FromResult(response);
    };
}
