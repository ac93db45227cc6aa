using System.Globalization;
using System.Net;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using OutreachStats.Testing;

namespace OutreachStats.Sandbox.Tests;

/// <summary>
/// Fixed windows per key, on a fake clock: lemlist's 20 per 2 s with its four headers, the
/// configurable limits of the others, and the throttled keys. Each test uses a key of its own.
/// </summary>
public sealed class RateLimitTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Lemlist_allows_20_per_2_seconds_per_key_and_says_so_on_every_answer()
    {
        var clock = new FakeTimeProvider(Start);
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { TimeProvider = clock });
        using var client = new SandboxClient(sandbox);
        var key = KeyOfThisTest();

        for (var i = 1; i <= 20; i++)
        {
            var response = await client.LemlistStatsAsync("cam_123", key: key);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("20", Header(response, "X-RateLimit-Limit"));
            Assert.Equal((20 - i).ToString(CultureInfo.InvariantCulture), Header(response, "X-RateLimit-Remaining"));
            Assert.Equal("2", Header(response, "Retry-After"));
            Assert.Equal("Tue Mar 10 2026 09:00:02 GMT+0000 (Coordinated Universal Time)", Header(response, "X-RateLimit-Reset"));
        }

        clock.Advance(TimeSpan.FromMilliseconds(1200));
        var refused = await client.LemlistStatsAsync("cam_123", key: key);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("1", Header(refused, "Retry-After"));
        Assert.Equal("0", Header(refused, "X-RateLimit-Remaining"));
        // Another key has its own window; errors count and carry the headers too.
        var other = await client.LemlistStatsAsync("cam_unknown", key: KeyOfThisTest());
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal("19", Header(other, "X-RateLimit-Remaining"));
        Assert.Equal("19", Header(await client.LemlistBatchAsync("", key: "no-such-key"), "X-RateLimit-Remaining"));

        clock.Advance(TimeSpan.FromMilliseconds(800));
        var again = await client.LemlistStatsAsync("cam_123", key: key);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("19", Header(again, "X-RateLimit-Remaining"));
        Assert.Equal("Tue Mar 10 2026 09:00:04 GMT+0000 (Coordinated Universal Time)", Header(again, "X-RateLimit-Reset"));
        Assert.Equal(1, sandbox.Counters.Snapshot()[SandboxProvider.Lemlist].RateLimited);
    }

    [Fact]
    public async Task Smartlead_allows_60_per_minute_per_key_by_default()
    {
        var clock = new FakeTimeProvider(Start);
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { TimeProvider = clock });
        using var client = new SandboxClient(sandbox);
        var key = SandboxKeys.Valid(SandboxProvider.Smartlead) + "-" + Guid.NewGuid().ToString("N");
        for (var i = 0; i < 60; i++) Assert.Equal(HttpStatusCode.OK, (await client.SmartleadAsync("123", "limit=1", key)).StatusCode);
        clock.Advance(TimeSpan.FromSeconds(45));
        var refused = await client.SmartleadAsync("123", "limit=1", key);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("15", Header(refused, "Retry-After"));
        Assert.False((await SandboxClient.JsonAsync(refused)).GetProperty("ok").GetBoolean());
        clock.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal(HttpStatusCode.OK, (await client.SmartleadAsync("123", "limit=1", key)).StatusCode);
    }

    [Fact]
    public async Task Leadlex_and_Leadterra_have_no_limit_unless_configured_and_then_answer_rate_limited()
    {
        var clock = new FakeTimeProvider(Start);
        await using (var open = await SandboxServer.StartAsync(new SandboxOptions { TimeProvider = clock }))
        {
            using var client = new SandboxClient(open);
            for (var i = 0; i < 100; i++) Assert.Equal(HttpStatusCode.OK, (await client.LeadlexAsync("cmp_abc123")).StatusCode);
        }

        await using var limited = await SandboxServer.StartAsync(new SandboxOptions
        {
            TimeProvider = clock,
            LeadlexRateLimit = new RateLimit(3, TimeSpan.FromSeconds(10)),
            LeadterraRateLimit = new RateLimit(2, TimeSpan.FromSeconds(10)),
        });
        using var limitedClient = new SandboxClient(limited);
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await limitedClient.LeadlexAsync("cmp_abc123")).StatusCode);
        var refused = await limitedClient.LeadlexAsync("cmp_abc123");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("10", Header(refused, "Retry-After"));
        Assert.Equal("rate_limited", (await SandboxClient.JsonAsync(refused)).GetProperty("error").GetProperty("code").GetString());
        for (var i = 0; i < 2; i++) Assert.Equal(HttpStatusCode.OK, (await limitedClient.LeadterraAsync("camp_123")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await limitedClient.LeadterraAsync("camp_123")).StatusCode);
    }

    [Fact]
    public async Task A_throttled_key_is_always_over_its_limit()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions());
        using var client = new SandboxClient(sandbox);
        var lemlist = await client.LemlistStatsAsync("cam_123", key: SandboxKeys.Throttled(SandboxProvider.Lemlist));
        Assert.Equal(HttpStatusCode.TooManyRequests, lemlist.StatusCode);
        Assert.Equal("20", Header(lemlist, "X-RateLimit-Limit"));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.SmartleadAsync("123", key: SandboxKeys.Throttled(SandboxProvider.Smartlead))).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.LeadlexAsync("cmp_abc123", SandboxKeys.Throttled(SandboxProvider.Leadlex))).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.LeadterraAsync("camp_123", SandboxKeys.Throttled(SandboxProvider.Leadterra))).StatusCode);
    }

    private static string KeyOfThisTest() => SandboxKeys.Valid(SandboxProvider.Lemlist) + "-" + Guid.NewGuid().ToString("N");

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;
}
