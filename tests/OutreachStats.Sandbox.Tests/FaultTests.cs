using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Xunit;
using OutreachStats.Testing;

namespace OutreachStats.Sandbox.Tests;

/// <summary>Every scripted fault, in code and through /_sandbox/faults.</summary>
public sealed class FaultTests : IAsyncLifetime
{
    private SandboxServer _sandbox = null!;

    public async Task InitializeAsync() => _sandbox = await SandboxServer.StartAsync(SandboxFixture.Unlimited);

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    [Fact]
    public async Task A_status_for_the_next_N_requests_then_the_real_answers()
    {
        using var client = new SandboxClient(_sandbox);
        _sandbox.Faults.Add(new FaultRule { Provider = SandboxProvider.Leadterra, Kind = FaultKind.Status, Status = 503, Body = "{\"error\":\"maintenance\"}", Count = 2 });
        for (var i = 0; i < 2; i++)
        {
            var response = await client.LeadterraAsync("camp_123");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("{\"error\":\"maintenance\"}", await response.Content.ReadAsStringAsync());
        }
        Assert.Equal(HttpStatusCode.OK, (await client.LeadterraAsync("camp_123")).StatusCode);
        Assert.Empty(_sandbox.Faults.Active);
        // Other providers were never touched.
        Assert.Equal(HttpStatusCode.OK, (await client.LeadlexAsync("cmp_abc123")).StatusCode);
    }

    [Fact]
    public async Task A_fault_aimed_at_campaigns_hits_only_them_and_batches_that_name_them()
    {
        using var client = new SandboxClient(_sandbox);
        var id = _sandbox.Faults.Add(new FaultRule { Provider = SandboxProvider.Lemlist, Kind = FaultKind.Status, Status = 500, CampaignIds = ["cam_456"] });
        Assert.Equal(HttpStatusCode.OK, (await client.LemlistStatsAsync("cam_123")).StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, (await client.LemlistStatsAsync("cam_456")).StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, (await client.LemlistBatchAsync(["cam_123", "cam_456"])).StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, (await client.LemlistStatsAsync("cam_456")).StatusCode);
        Assert.True(_sandbox.Faults.Remove(id));
        Assert.Equal(HttpStatusCode.OK, (await client.LemlistStatsAsync("cam_456")).StatusCode);
    }

    [Fact]
    public async Task A_rule_that_starts_after_N_requests_lets_them_pass_first()
    {
        using var client = new SandboxClient(_sandbox);
        _sandbox.Faults.Add(new FaultRule { Provider = SandboxProvider.Smartlead, Kind = FaultKind.Status, Status = 503, CampaignIds = ["123"], StartAfter = 2, Count = 1 });

        // Another campaign's request is not one of the rule's: it neither passes nor is faulted.
        Assert.Equal(HttpStatusCode.OK, (await client.SmartleadAsync("12345")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SmartleadAsync("123", "offset=0&limit=10")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SmartleadAsync("123", "offset=10&limit=10")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.SmartleadAsync("123", "offset=20&limit=10")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SmartleadAsync("123", "offset=20&limit=10")).StatusCode);
        Assert.Empty(_sandbox.Faults.Active);

        Assert.Equal(HttpStatusCode.BadRequest, (await client.ControlAsync(HttpMethod.Post, "/faults", """{"provider":"lemlist","kind":"html","startAfter":-1}""")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.ControlAsync(HttpMethod.Post, "/faults", """{"provider":"lemlist","kind":"html","startAfter":1}""")).StatusCode);
        Assert.Equal(1, Assert.Single(_sandbox.Faults.Active).Rule.StartAfter);
    }

    [Fact]
    public async Task A_429_with_Retry_After_in_seconds_or_as_a_date()
    {
        using var client = new SandboxClient(_sandbox);
        _sandbox.Faults.Add(new FaultRule { Provider = SandboxProvider.Smartlead, Kind = FaultKind.RateLimited, RetryAfterSeconds = 7, Count = 1 });
        var seconds = await client.SmartleadAsync("123");
        Assert.Equal(HttpStatusCode.TooManyRequests, seconds.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), seconds.Headers.RetryAfter?.Delta);

        var date = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);
        _sandbox.Faults.Add(new FaultRule { Provider = SandboxProvider.Leadlex, Kind = FaultKind.RateLimited, RetryAfterDate = date, Count = 1 });
        var dated = await client.LeadlexAsync("cmp_abc123");
        Assert.Equal(HttpStatusCode.TooManyRequests, dated.StatusCode);
        Assert.Equal(date, dated.Headers.RetryAfter?.Date);
        Assert.Equal("Wed, 02 Jan 2030 03:04:05 GMT", dated.Headers.GetValues("Retry-After").Single());
        Assert.Equal("rate_limited", (await SandboxClient.JsonAsync(dated)).GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_scripted_lemlist_429_has_no_Retry_After_but_keeps_the_rate_limit_headers()
    {
        using var client = new SandboxClient(_sandbox);
        _sandbox.Faults.Add(new FaultRule { Provider = SandboxProvider.Lemlist, Kind = FaultKind.Status, Status = 429, Body = "Too many requests", Count = 1 });

        var scripted = await client.LemlistStatsAsync("cam_123");
        var real = await client.LemlistStatsAsync("cam_123");

        Assert.Equal(HttpStatusCode.TooManyRequests, scripted.StatusCode);
        Assert.Null(scripted.Headers.RetryAfter);
        Assert.True(scripted.Headers.Contains("X-RateLimit-Remaining"));
        Assert.Equal(HttpStatusCode.OK, real.StatusCode);
        Assert.NotNull(real.Headers.RetryAfter);
    }

    [Fact]
    public async Task An_aborted_connection_mid_body()
    {
        using var client = new SandboxClient(_sandbox);
        _sandbox.Faults.Add(new FaultRule { Provider = SandboxProvider.Lemlist, Kind = FaultKind.Abort, Count = 1 });
        var failure = await Record.ExceptionAsync(async () =>
        {
            var response = await client.LemlistStatsAsync("cam_123");
            await response.Content.ReadAsStringAsync();
        });
        Assert.True(failure is HttpRequestException or IOException, failure?.ToString() ?? "no failure");
        Assert.Equal(HttpStatusCode.OK, (await client.LemlistStatsAsync("cam_123")).StatusCode);
    }

    [Fact]
    public async Task Truncated_JSON_an_HTML_page_an_empty_200_and_wrong_types()
    {
        using var client = new SandboxClient(_sandbox);
        var real = await (await client.LeadlexAsync("cmp_abc123")).Content.ReadAsStringAsync();

        _sandbox.Faults.Add(new FaultRule { Provider = SandboxProvider.Leadlex, Kind = FaultKind.Truncated, Count = 1 });
        var truncated = await client.LeadlexAsync("cmp_abc123");
        Assert.Equal(HttpStatusCode.OK, truncated.StatusCode);
        var cut = await truncated.Content.ReadAsStringAsync();
        Assert.Equal(real[..(real.Length / 2)], cut);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(cut));

        _sandbox.Faults.Add(new FaultRule { Provider = SandboxProvider.Leadlex, Kind = FaultKind.Html, Count = 1 });
        var html = await client.LeadlexAsync("cmp_abc123");
        Assert.Equal(HttpStatusCode.OK, html.StatusCode);
        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("<!DOCTYPE html>", await html.Content.ReadAsStringAsync());

        _sandbox.Faults.Add(new FaultRule { Provider = SandboxProvider.Leadlex, Kind = FaultKind.Empty, Count = 1 });
        var empty = await client.LeadlexAsync("cmp_abc123");
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Equal(0, empty.Content.Headers.ContentLength);

        _sandbox.Faults.Add(new FaultRule { Provider = SandboxProvider.Leadlex, Kind = FaultKind.WrongTypes, Count = 1 });
        var wrong = await SandboxClient.JsonAsync(await client.LeadlexAsync("cmp_abc123"));
        var stats = wrong.GetProperty("data").GetProperty("stats");
        Assert.Equal(JsonValueKind.String, stats.GetProperty("sent_count").ValueKind);
        Assert.Equal(JsonDocument.Parse(real).RootElement.GetProperty("data").GetProperty("stats").GetProperty("sent_count").ToString(), stats.GetProperty("sent_count").GetString());

        Assert.Equal(real, await (await client.LeadlexAsync("cmp_abc123")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Latency_and_a_slow_body_take_their_time()
    {
        using var client = new SandboxClient(_sandbox);
        _sandbox.Faults.Add(new FaultRule { Provider = SandboxProvider.Leadterra, Kind = FaultKind.Delay, DelayMilliseconds = 300, Count = 1 });
        var watch = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.OK, (await client.LeadterraAsync("camp_123")).StatusCode);
        Assert.True(watch.ElapsedMilliseconds >= 280, $"{watch.ElapsedMilliseconds} ms");

        var real = await (await client.LemlistStatsAsync("cam_123")).Content.ReadAsStringAsync();
        _sandbox.Faults.Add(new FaultRule { Provider = SandboxProvider.Lemlist, Kind = FaultKind.SlowBody, Chunks = 4, ChunkDelayMilliseconds = 100, Count = 1 });
        watch.Restart();
        var slow = await client.LemlistStatsAsync("cam_123");
        Assert.Equal(real, await slow.Content.ReadAsStringAsync());
        Assert.True(watch.ElapsedMilliseconds >= 280, $"{watch.ElapsedMilliseconds} ms");

        await using var delayed = await SandboxServer.StartAsync(SandboxFixture.Unlimited with { Latency = TimeSpan.FromMilliseconds(250) });
        using var delayedClient = new SandboxClient(delayed);
        watch.Restart();
        Assert.Equal(HttpStatusCode.OK, (await delayedClient.LeadlexAsync("cmp_abc123")).StatusCode);
        Assert.True(watch.ElapsedMilliseconds >= 230, $"{watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task A_batch_entry_error_moves_the_named_campaigns_to_errors_for_the_next_N_batches_naming_them()
    {
        using var client = new SandboxClient(_sandbox);
        var ids = _sandbox.Campaigns(SandboxProvider.Lemlist, 0, 3).Select(c => c.Id).ToArray();
        // One rule naming two campaigns: a batch naming both uses up one of its count.
        _sandbox.Faults.Add(new FaultRule { Provider = SandboxProvider.Lemlist, Kind = FaultKind.BatchEntryError, CampaignIds = [ids[0], ids[2]], Count = 1 });

        var faulted = await SandboxClient.OkJsonAsync(await client.LemlistBatchAsync(ids));
        Assert.Equal([ids[1]], ResultIds(faulted));
        var errors = faulted.GetProperty("errors").EnumerateArray().ToArray();
        Assert.Equal([ids[0], ids[2]], errors.Select(e => e.GetProperty("campaignId").GetString()));
        // The documented shape: campaignId and error, both strings, nothing else.
        Assert.All(errors, e => Assert.Equal(["campaignId", "error"], e.EnumerateObject().Select(p => p.Name)));
        Assert.All(errors, e => Assert.Equal(FaultRule.DefaultEntryError, e.GetProperty("error").GetString()));
        Assert.Empty(_sandbox.Faults.Active);

        var clean = await SandboxClient.OkJsonAsync(await client.LemlistBatchAsync(ids));
        Assert.Equal(ids, ResultIds(clean));
        Assert.Empty(clean.GetProperty("errors").EnumerateArray());

        _sandbox.Faults.Add(new FaultRule { Provider = SandboxProvider.Lemlist, Kind = FaultKind.BatchEntryError, CampaignIds = [ids[1]], Body = "Request timed out", Count = 2 });
        Assert.Equal(HttpStatusCode.OK, (await client.LemlistBatchAsync([ids[0]])).StatusCode);
        Assert.Single(_sandbox.Faults.Active);
        for (var i = 0; i < 2; i++)
        {
            var error = Assert.Single((await SandboxClient.OkJsonAsync(await client.LemlistBatchAsync([ids[1], ids[2]]))).GetProperty("errors").EnumerateArray());
            Assert.Equal("Request timed out", error.GetProperty("error").GetString());
        }
        Assert.Equal([ids[1], ids[2]], ResultIds(await SandboxClient.OkJsonAsync(await client.LemlistBatchAsync([ids[1], ids[2]]))));
    }

    [Fact]
    public async Task A_batch_entry_missing_leaves_the_named_campaigns_out_of_both_arrays()
    {
        using var client = new SandboxClient(_sandbox);
        var ids = _sandbox.Campaigns(SandboxProvider.Lemlist, 0, 2).Select(c => c.Id).ToArray();
        _sandbox.Faults.Add(new FaultRule { Provider = SandboxProvider.Lemlist, Kind = FaultKind.BatchEntryMissing, CampaignIds = [ids[1], "cam_doesNotExist0000"], Count = 1 });

        var faulted = await SandboxClient.OkJsonAsync(await client.LemlistBatchAsync([ids[0], ids[1], "cam_doesNotExist0000"]));
        Assert.Equal([ids[0]], ResultIds(faulted));
        Assert.Empty(faulted.GetProperty("errors").EnumerateArray());

        var clean = await SandboxClient.OkJsonAsync(await client.LemlistBatchAsync([ids[0], ids[1], "cam_doesNotExist0000"]));
        Assert.Equal(ids, ResultIds(clean));
        Assert.Equal("cam_doesNotExist0000", Assert.Single(clean.GetProperty("errors").EnumerateArray()).GetProperty("campaignId").GetString());
    }

    [Fact]
    public async Task The_control_endpoint_takes_batch_entry_faults_by_name_for_lemlist_campaigns_only()
    {
        using var client = new SandboxClient(_sandbox);
        var id = _sandbox.Campaigns(SandboxProvider.Lemlist, 0, 1)[0].Id;
        var added = await client.ControlAsync(HttpMethod.Post, "/faults", $$"""{"provider":"lemlist","kind":"batchEntryMissing","campaignIds":["{{id}}"],"count":1}""");
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(FaultKind.BatchEntryMissing, Assert.Single(_sandbox.Faults.Active).Rule.Kind);
        Assert.Empty(ResultIds(await SandboxClient.OkJsonAsync(await client.LemlistBatchAsync([id]))));

        Assert.Equal(HttpStatusCode.BadRequest, (await client.ControlAsync(HttpMethod.Post, "/faults", """{"provider":"lemlist","kind":"batchEntryError"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.ControlAsync(HttpMethod.Post, "/faults", """{"provider":"smartlead","kind":"batchEntryError","campaignIds":["1"]}""")).StatusCode);
        Assert.Empty(_sandbox.Faults.Active);
    }

    [Fact]
    public async Task The_control_endpoint_adds_lists_and_removes_faults()
    {
        using var client = new SandboxClient(_sandbox);
        var added = await client.ControlAsync(HttpMethod.Post, "/faults", """{"provider":"smartlead","kind":"status","status":502,"body":"Bad Gateway","count":1}""");
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var id = (await SandboxClient.JsonAsync(added)).GetProperty("id").GetInt32();
        var listed = await SandboxClient.JsonAsync(await client.ControlAsync(HttpMethod.Get, "/faults"));
        Assert.Equal("status", Assert.Single(listed.EnumerateArray()).GetProperty("rule").GetProperty("kind").GetString());

        var faulted = await client.SmartleadAsync("123");
        Assert.Equal(HttpStatusCode.BadGateway, faulted.StatusCode);
        Assert.Equal("text/plain", faulted.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Bad Gateway", await faulted.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.NotFound, (await client.ControlAsync(HttpMethod.Delete, $"/faults/{id}")).StatusCode);
        await client.ControlAsync(HttpMethod.Post, "/faults", """{"provider":"lemlist","kind":"abort","campaignIds":["cam_123"]}""");
        await client.ControlAsync(HttpMethod.Post, "/faults", """{"provider":"lemlist","kind":"delay","delayMilliseconds":10}""");
        Assert.Equal(2, _sandbox.Faults.Active.Count);
        Assert.Equal(HttpStatusCode.NoContent, (await client.ControlAsync(HttpMethod.Delete, "/faults")).StatusCode);
        Assert.Empty(_sandbox.Faults.Active);

        Assert.Equal(HttpStatusCode.BadRequest, (await client.ControlAsync(HttpMethod.Post, "/faults", """{"provider":"lemlist","kind":"status"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.ControlAsync(HttpMethod.Post, "/faults", """{"provider":"nowhere","kind":"status","status":500}""")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.ControlAsync(HttpMethod.Post, "/faults", "not json")).StatusCode);
        Assert.Throws<ArgumentException>(() => _sandbox.Faults.Add(new FaultRule { Provider = SandboxProvider.Lemlist, Kind = FaultKind.Delay }));
    }

    [Fact]
    public async Task A_capped_limit_gives_the_first_rows_asked_for_and_echoes_the_cap()
    {
        using var client = new SandboxClient(_sandbox);
        var id = _sandbox.Campaigns(SandboxProvider.Smartlead, 0, 200).First(c => c.Shape == SmartleadShape.PerSend).Id;
        var real = await SandboxClient.OkJsonAsync(await client.SmartleadAsync(id, "offset=5&limit=20"));
        _sandbox.Faults.Add(new FaultRule { Provider = SandboxProvider.Smartlead, Kind = FaultKind.LimitCapped, Limit = 7, CampaignIds = [id] });

        var capped = await SandboxClient.OkJsonAsync(await client.SmartleadAsync(id, "offset=5&limit=20"));
        var within = await SandboxClient.OkJsonAsync(await client.SmartleadAsync(id, "offset=5&limit=3"));

        Assert.Equal(7, capped.GetProperty("limit").GetInt32());
        Assert.Equal(5, capped.GetProperty("offset").GetInt32());
        Assert.Equal(real.GetProperty("total_stats").GetString(), capped.GetProperty("total_stats").GetString());
        Assert.Equal(StatsIds(real).Take(7), StatsIds(capped));
        Assert.Equal(3, within.GetProperty("limit").GetInt32());
        Assert.Equal(StatsIds(real).Take(3), StatsIds(within));
        Assert.Single(_sandbox.Faults.Active);
        Assert.Throws<ArgumentException>(() => _sandbox.Faults.Add(new FaultRule { Provider = SandboxProvider.Smartlead, Kind = FaultKind.LimitCapped }));
        Assert.Throws<ArgumentException>(() => _sandbox.Faults.Add(new FaultRule { Provider = SandboxProvider.Lemlist, Kind = FaultKind.LimitCapped, Limit = 5 }));
        Assert.Equal(HttpStatusCode.Created, (await client.ControlAsync(HttpMethod.Post, "/faults", """{"provider":"smartlead","kind":"limitCapped","limit":50}""")).StatusCode);
    }

    private static IEnumerable<string> StatsIds(JsonElement page) =>
        page.GetProperty("data").EnumerateArray().Select(r => r.GetProperty("stats_id").GetString()!);

    private static string[] ResultIds(JsonElement answer) =>
        answer.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("campaignId").GetString()!).ToArray();
}
