using System.Net;
using System.Text.Json;
using Xunit;
using OutreachStats.Testing;

namespace OutreachStats.Sandbox.Tests;

/// <summary>Smartlead: the key in the query, the documented errors, both row shapes and paging over thousands of sends.</summary>
public sealed class SmartleadApiTests : IAsyncLifetime
{
    private SandboxServer _perSend = null!;

    public async Task InitializeAsync() =>
        _perSend = await SandboxServer.StartAsync(SandboxFixture.Unlimited with { SmartleadShape = SmartleadShape.PerSend });

    public async Task DisposeAsync() => await _perSend.DisposeAsync();

    [Fact]
    public async Task A_missing_or_wrong_api_key_gets_401()
    {
        using var client = new SandboxClient(_perSend);
        using var http = new HttpClient();
        var missing = await http.GetAsync(_perSend.BaseUri(SandboxProvider.Smartlead) + "/api/v1/campaigns/123/statistics");
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        foreach (var key in new[] { "wrong", SandboxKeys.Revoked(SandboxProvider.Smartlead), SandboxKeys.Valid(SandboxProvider.Lemlist) })
        {
            var response = await client.SmartleadAsync("123", key: key);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            var body = await SandboxClient.JsonAsync(response);
            Assert.False(body.GetProperty("ok").GetBoolean());
            Assert.Equal(JsonValueKind.String, body.GetProperty("message").ValueKind);
        }
    }

    [Theory]
    [InlineData("limit=1001")]
    [InlineData("limit=0")]
    [InlineData("limit=ten")]
    [InlineData("offset=-1")]
    [InlineData("email_sequence_number=0")]
    [InlineData("email_sequence_number=21")]
    [InlineData("email_status=delivered")]
    [InlineData("sent_time_start_date=yesterday")]
    [InlineData("sent_time_end_date=16%2F10%2F2023")]
    public async Task An_invalid_parameter_gets_400(string query)
    {
        using var client = new SandboxClient(_perSend);
        var response = await client.SmartleadAsync("123", query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False((await SandboxClient.JsonAsync(response)).GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task A_campaign_ID_that_is_no_integer_gets_400_and_an_unknown_one_404()
    {
        using var client = new SandboxClient(_perSend);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SmartleadAsync("abc")).StatusCode);
        var unknown = await client.SmartleadAsync("999999999");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.False((await SandboxClient.JsonAsync(unknown)).GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task Paging_walks_thousands_of_sends_with_offset_limit_and_total_stats()
    {
        using var client = new SandboxClient(_perSend);
        var big = (await CampaignsWithAsync(_perSend, client, total => total >= 3000, 1))[0];
        var seen = new List<string>();
        int? total = null;
        for (var offset = 0; ; offset += 1000)
        {
            var body = await SandboxClient.OkJsonAsync(await client.SmartleadAsync(big, $"offset={offset}&limit=1000"));
            Assert.Equal(offset, body.GetProperty("offset").GetInt32());
            Assert.Equal(1000, body.GetProperty("limit").GetInt32());
            var pageTotal = int.Parse(body.GetProperty("total_stats").GetString()!);
            Assert.Equal(total ?? pageTotal, pageTotal);
            total = pageTotal;
            var page = body.GetProperty("data").EnumerateArray().ToList();
            seen.AddRange(page.Select(r => r.GetProperty("stats_id").GetString()!));
            if (page.Count < 1000) break;
        }
        Assert.Equal(total, seen.Count);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.True(seen.Count >= 3000);

        var defaults = await SandboxClient.OkJsonAsync(await client.SmartleadAsync(big));
        Assert.Equal(100, defaults.GetProperty("data").GetArrayLength());
        Assert.Equal(seen.Take(100), defaults.GetProperty("data").EnumerateArray().Select(r => r.GetProperty("stats_id").GetString()));
    }

    [Fact]
    public async Task Per_send_rows_carry_every_field_and_a_rendered_body_of_about_10_KB()
    {
        using var client = new SandboxClient(_perSend);
        var body = await SandboxClient.OkJsonAsync(await client.SmartleadAsync("123", "limit=5"));
        string[] fields =
        [
            "stats_id", "lead_name", "lead_email", "lead_category", "sequence_number", "email_campaign_seq_id", "seq_variant_id", "email_subject",
            "email_message", "sent_time", "open_time", "click_time", "reply_time", "open_count", "click_count", "is_unsubscribed", "is_bounced", "ignore_reply",
        ];
        foreach (var row in body.GetProperty("data").EnumerateArray())
        {
            Assert.Equal(fields.Order(), row.EnumerateObject().Select(p => p.Name).Order());
            var html = row.GetProperty("email_message").GetString()!;
            Assert.StartsWith("<!DOCTYPE html>", html);
            Assert.InRange(html.Length, 9_000, 12_000);
            Assert.DoesNotContain("{company}", html);
            Assert.Equal(JsonValueKind.Number, row.GetProperty("seq_variant_id").ValueKind);
        }
    }

    [Fact]
    public async Task A_reply_counts_once_per_lead_though_it_shows_on_several_rows()
    {
        using var client = new SandboxClient(_perSend);
        await using var aggregateSandbox = await SandboxServer.StartAsync(SandboxFixture.Unlimited with { SmartleadShape = SmartleadShape.Aggregate });
        using var aggregateClient = new SandboxClient(aggregateSandbox);
        var sawSeveralRows = false;
        var sawCategoryWithoutReply = false;
        foreach (var id in await CampaignsWithAsync(_perSend, client, total => total is >= 200 and <= 1500, 6))
        {
            var rows = await FilterTests.RowsAsync(client, id, "");
            var byLead = rows.GroupBy(r => r.GetProperty("lead_email").GetString()).ToList();
            foreach (var lead in byLead)
            {
                var replies = lead.Select(r => r.GetProperty("reply_time")).Where(t => t.ValueKind != JsonValueKind.Null).Select(t => t.GetString()).ToList();
                // One lead, at most one reply time, wherever it shows.
                Assert.True(replies.Distinct().Count() <= 1);
                sawSeveralRows |= replies.Count > 1;
                sawCategoryWithoutReply |= replies.Count == 0 && lead.Any(r => r.GetProperty("lead_category").ValueKind == JsonValueKind.String);
                Assert.Single(lead.Select(r => r.GetProperty("lead_category").ToString()).Distinct());
                Assert.True(lead.Max(r => r.GetProperty("sequence_number").GetInt32()) <= 20);
            }
            var aggregate = (await SandboxClient.OkJsonAsync(await aggregateClient.SmartleadAsync(id, "limit=1000"))).GetProperty("data").EnumerateArray().ToList();
            Assert.Equal(byLead.Count(l => l.Any(r => r.GetProperty("reply_time").ValueKind != JsonValueKind.Null)),
                aggregate.Sum(r => r.GetProperty("replied").GetInt32()));
            Assert.Equal(rows.Count, aggregate.Sum(r => r.GetProperty("sent").GetInt32()));
        }
        Assert.True(sawSeveralRows, "Some reply shows on several rows of its lead.");
        Assert.True(sawCategoryWithoutReply, "Some lead has a category but no reply.");
    }

    [Fact]
    public async Task The_seed_gives_each_campaign_its_shape_and_some_campaigns_have_up_to_20_steps()
    {
        await using var mixed = await SandboxServer.StartAsync(SandboxFixture.Unlimited);
        using var client = new SandboxClient(mixed);
        var campaigns = mixed.Campaigns(SandboxProvider.Smartlead, 0, 200);
        Assert.Contains(campaigns, c => c.Shape == SmartleadShape.Aggregate);
        Assert.Contains(campaigns, c => c.Shape == SmartleadShape.PerSend);
        foreach (var campaign in campaigns.Take(10))
        {
            var body = await SandboxClient.OkJsonAsync(await client.SmartleadAsync(campaign.Id, "limit=1"));
            Assert.Equal(campaign.Shape == SmartleadShape.PerSend, body.TryGetProperty("total_stats", out _));
        }
        var longest = 0;
        foreach (var campaign in campaigns.Where(c => c.Shape == SmartleadShape.Aggregate).Take(80))
        {
            var rows = (await SandboxClient.OkJsonAsync(await client.SmartleadAsync(campaign.Id, "limit=1000"))).GetProperty("data").EnumerateArray();
            longest = Math.Max(longest, rows.Select(r => r.GetProperty("sequence_number").GetInt32()).DefaultIfEmpty(0).Max());
        }
        Assert.InRange(longest, 10, 20);
    }

    /// <summary>The first campaigns of a per-send sandbox whose number of sends suits the test.</summary>
    internal static async Task<List<string>> CampaignsWithAsync(SandboxServer sandbox, SandboxClient client, Func<int, bool> wanted, int count)
    {
        var found = new List<string>();
        foreach (var campaign in sandbox.Campaigns(SandboxProvider.Smartlead, 0, 500))
        {
            var body = await SandboxClient.OkJsonAsync(await client.SmartleadAsync(campaign.Id, "limit=1"));
            if (wanted(int.Parse(body.GetProperty("total_stats").GetString()!))) found.Add(campaign.Id);
            if (found.Count == count) return found;
        }
        throw new Xunit.Sdk.XunitException("Not enough campaigns of the first 500 have that many sends.");
    }
}
