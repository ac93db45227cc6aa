using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using OutreachStats.Http;
using OutreachStats.Model;
using OutreachStats.Providers;
using OutreachStats.Providers.Smartlead;
using Xunit;

namespace OutreachStats.Tests.Client;

/// <summary>
/// Smartlead's published limits (60 per minute, 1,000 per hour, 10 per second, all at once), its
/// x-ratelimit-* headers with a Unix reset, a 429's retry_after, and pages of the documented
/// maximum of 1,000 rows.
/// </summary>
public sealed class SmartleadLimitTests
{
    [Fact]
    public async Task EveryPublishedLimitHoldsOverMoreThanAnHourAndLosesNoTime()
    {
        using var h = new SmartleadHarness();
        const int campaigns = 1100;
        var next = 0;

        // Twenty campaigns at a time, as a pipeline of many campaigns would keep them in flight.
        var workers = Enumerable.Range(0, 20).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) is var id && id <= campaigns)
            {
                await foreach (var page in h.Client.GetStatisticsAsync(id, new SmartleadStatisticsQuery(), null, CancellationToken.None))
                {
                }
            }
        });
        await h.Time.RunUntilDone(Task.WhenAll(workers), h.Describe, fakeTimeLimit: TimeSpan.FromHours(2));

        var starts = h.Server.Requests.Select(r => r.At).ToArray();
        Assert.Equal(campaigns, starts.Length);
        Assert.Equal(10, FakeClock.MostWithinAnySpan(starts, TimeSpan.FromSeconds(1)));
        Assert.Equal(60, FakeClock.MostWithinAnySpan(starts, TimeSpan.FromMinutes(1)));
        Assert.Equal(1000, FakeClock.MostWithinAnySpan(starts, TimeSpan.FromHours(1)));
        // The 1,001st waits for the first answer to leave the hour, no longer (the clock moves in 100 ms steps).
        var first = starts.Min();
        var thousandAndFirst = starts.OrderBy(t => t).ElementAt(1000);
        Assert.InRange(thousandAndFirst - first, TimeSpan.FromHours(1), TimeSpan.FromHours(1) + TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void OnlySmartleadPublishesMoreThanOneLimit()
    {
        foreach (var provider in Enum.GetValues<OutreachProvider>().Where(p => p != OutreachProvider.Smartlead))
        {
            Assert.Empty(ProviderTable.For(provider).DefaultOptions().FurtherRateLimits);
        }
        var smartlead = SmartleadProvider.Definition.DefaultOptions();
        Assert.Equal("60 requests per 60 s, 1000 per 3600 s and 10 per 1 s", RateLimitRule.Describe(smartlead.RateLimits));
    }

    // -RateLimit sets the per-minute limit; the plan's hourly and per-second limits move with it.
    [Theory]
    [InlineData(120, 60, "120 requests per 60 s, 2000 per 3600 s and 20 per 1 s")]
    [InlineData(30, 60, "30 requests per 60 s, 500 per 3600 s and 5 per 1 s")]
    [InlineData(120, 120, "120 requests per 120 s, 1000 per 3600 s and 10 per 1 s")]
    [InlineData(1, 60, "1 requests per 60 s, 16 per 3600 s and 1 per 1 s")]
    public void ChangingTheRateLimitScalesTheFurtherLimits(int limit, double windowSeconds, string expected)
    {
        var options = SmartleadProvider.Definition.DefaultOptions();

        options.ChangeRateLimit(limit, TimeSpan.FromSeconds(windowSeconds));

        Assert.Equal(expected, RateLimitRule.Describe(options.RateLimits));
    }

    // Two runspaces connect one key, one at the standard plan's limits and one at Pro's: the key's
    // budget holds the lowest of each window until the stricter connection closes.
    [Fact]
    public void ConnectionsOfOneKeyShareTheLowestLimitOfEachWindow()
    {
        var key = TestKeys.Unique();
        var time = TimeProvider.System;
        var standard = SmartleadProvider.Definition.DefaultOptions();
        var pro = SmartleadProvider.Definition.DefaultOptions();
        pro.ChangeRateLimit(120, TimeSpan.FromMinutes(1));
        using var proLease = RequestBudget.Open("Smartlead", key, pro.RateLimit, pro.RateLimitWindow, time, pro.FurtherRateLimits);
        var standardLease = RequestBudget.Open("Smartlead", key, standard.RateLimit, standard.RateLimitWindow, time, standard.FurtherRateLimits);

        Assert.Equal("60 requests per 60 s, 1000 per 3600 s and 10 per 1 s", proLease.Budget.Description);
        standardLease.Dispose();
        Assert.Equal("120 requests per 60 s, 2000 per 3600 s and 20 per 1 s", proLease.Budget.Description);
    }

    [Fact]
    public void ChangingLemlistsRateLimitChangesItsOneWindowOnly()
    {
        var options = ProviderTable.For(OutreachProvider.Lemlist).DefaultOptions();

        options.ChangeRateLimit(10, TimeSpan.FromSeconds(2));

        Assert.Equal("10 requests per 2 s", RateLimitRule.Describe(options.RateLimits));
    }

    [Fact]
    public async Task TheVerboseLineOfAWaitNamesEveryLimit()
    {
        using var h = new SmartleadHarness();

        for (var id = 1; id <= 11; id++) await h.PagesAsync(id);

        Assert.Contains(h.Log, line => line.Contains("Waited ") && line.Contains("Smartlead's rate limit (60 requests per 60 s, 1000 per 3600 s and 10 per 1 s)"));
    }

    // Smartlead's guide: X-RateLimit-Reset is a Unix timestamp in seconds. Another program has
    // used the key up; the next request waits until the reset, to the end of its second.
    [Fact]
    public async Task AUnixResetHoldsTheNextRequestUntilThatInstant()
    {
        using var h = new SmartleadHarness();
        var reset = h.Time.GetUtcNow().AddSeconds(30).ToUnixTimeSeconds();
        h.Server.Script(
            WithRateHeaders(HttpStatusCode.OK, SmartleadExamples.Documented, remaining: 0, reset: reset.ToString(CultureInfo.InvariantCulture)),
            Replies.Json(SmartleadExamples.Documented));

        await h.PagesAsync(1);
        await h.PagesAsync(2);

        Assert.InRange(h.Gap(0, 1), TimeSpan.FromSeconds(31) - TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(31.5));
        Assert.Contains(h.Log, line => line.Contains("another program is using this key"));
    }

    [Fact]
    public async Task A429sRetryAfterInItsBodyIsWaitedWhenNoHeaderSaysIt()
    {
        using var h = new SmartleadHarness();
        h.Server.Script(RateLimitExceeded(retryAfterSeconds: 30), Replies.Json(SmartleadExamples.Documented));

        await h.PagesAsync();

        Assert.Equal(2, h.Server.RequestCount);
        Assert.InRange(h.Gap(0, 1), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30.5));
        Assert.Contains(h.Log, line => line.Contains("with Retry-After 30 s"));
    }

    [Fact]
    public async Task ARetryAfterHeaderGoesBeforeTheBodys()
    {
        using var h = new SmartleadHarness();
        h.Server.Script(RateLimitExceeded(retryAfterSeconds: 30, header: "2"), Replies.Json(SmartleadExamples.Documented));

        await h.PagesAsync();

        Assert.InRange(h.Gap(0, 1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2.5));
    }

    [Fact]
    public async Task ABodysRetryAfterBeyondTheCapIsRateLimitedWithTheWait()
    {
        using var h = new SmartleadHarness(o => o.MaxRetryAfter = TimeSpan.FromMinutes(2));
        h.Server.Script(RateLimitExceeded(retryAfterSeconds: 600));

        var error = await h.FailureAsync();

        Assert.Equal(1, h.Server.RequestCount);
        Assert.Equal("SmartleadRateLimited", error.ErrorId);
        Assert.Equal(TimeSpan.FromSeconds(600), error.RetryAfter);
    }

    // Without -IncludeMessage the body is dropped after parsing, but every byte of it arrives: a
    // page of the default 1,000 per-send rows with 20 KB HTML messages is over 16 MiB.
    [Fact]
    public async Task AThousandRowPageOfTwentyKilobyteMessagesIsRead()
    {
        using var h = new SmartleadHarness();
        var message = TwentyKilobytesOfHtml();
        var rows = Enumerable.Range(1, 1000).Select(i =>
        {
            var row = SmartleadExamples.SendRow(statsId: i, email: $"lead{i}@example.com");
            row["email_message"] = message;
            return (JsonNode)row;
        });
        var page = SmartleadExamples.Page(rows, offset: 0, limit: 1000, total: 1000);
        Assert.True(Encoding.UTF8.GetByteCount(page) > 16 * 1024 * 1024, "the page would fit the old cap");
        h.Server.Script(Replies.Json(page));

        var read = await h.RowsAsync(query: new SmartleadStatisticsQuery { IncludeMessage = true });

        Assert.Equal(1, h.Server.RequestCount);
        Assert.Equal(1000, read.Count);
        Assert.All(read.Cast<SmartleadSendStats>(), row => Assert.Equal(message, row.EmailMessage));
    }

    private static string TwentyKilobytesOfHtml()
    {
        var html = new StringBuilder();
        while (html.Length < 20_000) html.Append("<p style=\"margin:0 0 12px\">Hi Ada, a line of the message with a <a href=\"https://example.com/?a=1&b=2\">link</a>.</p>");
        return html.ToString(0, 20_000);
    }

    private static Reply RateLimitExceeded(int retryAfterSeconds, string? header = null) => (_, _) =>
    {
        var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests)
        {
            Content = new StringContent(
                $$$"""{"error": {"code": "RATE_LIMIT_EXCEEDED", "message": "Rate limit exceeded. Please retry later.", "retry_after": {{{retryAfterSeconds}}}}}""",
                Encoding.UTF8, "application/json"),
        };
        if (header is not null) response.Headers.TryAddWithoutValidation("Retry-After", header);
        return Task.FromResult(response);
    };

    private static Reply WithRateHeaders(HttpStatusCode status, string body, int remaining, string reset) => (_, _) =>
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        // As Smartlead writes them, in lower case.
        response.Headers.TryAddWithoutValidation("x-ratelimit-limit", "60");
        response.Headers.TryAddWithoutValidation("x-ratelimit-remaining", remaining.ToString(CultureInfo.InvariantCulture));
        response.Headers.TryAddWithoutValidation("x-ratelimit-reset", reset);
        return Task.FromResult(response);
    };
}
