using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using OutreachStats.Http;
using OutreachStats.Model;
using OutreachStats.Providers.Leadlex;
using OutreachStats.Providers.Leadterra;
using OutreachStats.Providers.Smartlead;
using Xunit;

namespace OutreachStats.Tests.Client;

// Harnesses and documented examples for the Smartlead, Leadlex and Leadterra clients. Each
// harness starts from the provider's own default options (its rate budget), on the fake clock.

internal sealed class SmartleadHarness : ClientHarness
{
    public static readonly Uri DefaultBase = new("https://server.smartlead.ai");

    public SmartleadHarness(Action<TransportOptions>? configure = null, string? key = null, Uri? baseUri = null)
        : base(SmartleadProvider.Definition.CreateTransport, configure, key, null, SmartleadProvider.Definition.DefaultOptions)
    {
        Client = new SmartleadClient(baseUri ?? DefaultBase, Transport);
        Server.Script(Replies.Json(SmartleadExamples.Documented));
    }

    public SmartleadClient Client { get; }

    /// <summary>Every page of one campaign, read to the end on the fake clock.</summary>
    public Task<List<SmartleadPage>> PagesAsync(long campaignId = 12345, SmartleadStatisticsQuery? query = null) =>
        Run(Collect(Client.GetStatisticsAsync(campaignId, query ?? new SmartleadStatisticsQuery(), LogSink, CancellationToken.None)));

    public async Task<List<object>> RowsAsync(long campaignId = 12345, SmartleadStatisticsQuery? query = null) =>
        (await PagesAsync(campaignId, query)).SelectMany(p => p.Rows).ToList();

    public Task<OutreachApiException> FailureAsync(long campaignId = 12345, SmartleadStatisticsQuery? query = null) =>
        Assert.ThrowsAsync<OutreachApiException>(() => PagesAsync(campaignId, query));

    private static async Task<List<SmartleadPage>> Collect(IAsyncEnumerable<SmartleadPage> pages)
    {
        var list = new List<SmartleadPage>();
        await foreach (var page in pages) list.Add(page);
        return list;
    }
}

internal sealed class LeadlexHarness : ClientHarness
{
    public static readonly Uri DefaultBase = new("https://data.leadlex.com/functions/v1/api-gateway");

    public LeadlexHarness(Action<TransportOptions>? configure = null, string? key = null)
        : base(LeadlexProvider.Definition.CreateTransport, configure, key, null, LeadlexProvider.Definition.DefaultOptions)
    {
        Client = new LeadlexClient(DefaultBase, Transport);
        Server.Script(Replies.Json(LeadlexExamples.Documented));
    }

    public LeadlexClient Client { get; }

    public Task<LeadlexCampaignStats> GetAsync(string campaignId = "cmp_abc123") => Run(Client.GetCampaignStatsAsync(campaignId, LogSink, CancellationToken.None));

    public Task<OutreachApiException> FailureAsync(string campaignId = "cmp_abc123") => Assert.ThrowsAsync<OutreachApiException>(() => GetAsync(campaignId));
}

internal sealed class LeadterraHarness : ClientHarness
{
    public static readonly Uri DefaultBase = new("https://app.leadterra.co");

    public LeadterraHarness(Action<TransportOptions>? configure = null, string? key = null)
        : base(LeadterraProvider.Definition.CreateTransport, configure, key, null, LeadterraProvider.Definition.DefaultOptions)
    {
        Client = new LeadterraClient(DefaultBase, Transport);
        Server.Script(Replies.Json(LeadterraExamples.Documented));
    }

    public LeadterraClient Client { get; }

    public Task<LeadterraCampaignStats> GetAsync(string campaignId = "camp_123") => Run(Client.GetCampaignStatsAsync(campaignId, LogSink, CancellationToken.None));

    public Task<OutreachApiException> FailureAsync(string campaignId = "camp_123") => Assert.ThrowsAsync<OutreachApiException>(() => GetAsync(campaignId));
}

internal static class SmartleadExamples
{
    /// <summary>The 200 example of smartlead-campaign-statistics.md, as published.</summary>
    public const string Documented = """
        {
          "ok": true,
          "data": [
            {
              "campaign_id": 123,
              "sequence_number": 1,
              "sent": 1240,
              "opened": 372,
              "clicked": 89,
              "replied": 23,
              "unsubscribed": 4,
              "bounced": 18
            },
            {
              "campaign_id": 123,
              "sequence_number": 2,
              "sent": 892,
              "opened": 267,
              "clicked": 54,
              "replied": 12,
              "unsubscribed": 2,
              "bounced": 9
            }
          ],
          "offset": 0,
          "limit": 100
        }
        """;

    /// <summary>A per-send row as public clients of the live API read it, every field set.</summary>
    public static JsonObject SendRow(
        long statsId = 901, string email = "ada@example.com", int step = 1, string? sent = "2025-01-06T09:00:00.000Z",
        string? opened = null, string? clicked = null, string? replied = null, int opens = 0, int clicks = 0,
        bool unsubscribed = false, bool bounced = false, string? category = null) => new()
        {
            ["stats_id"] = statsId,
            ["lead_name"] = "Ada Lovelace",
            ["lead_email"] = email,
            ["lead_category"] = category,
            ["sequence_number"] = step,
            ["email_campaign_seq_id"] = 5501,
            ["seq_variant_id"] = 7701,
            ["email_subject"] = "Quick question",
            ["email_message"] = "<p>Hi Ada," + new string('x', 10_000) + "</p>",
            ["sent_time"] = sent,
            ["open_time"] = opened,
            ["click_time"] = clicked,
            ["reply_time"] = replied,
            ["open_count"] = opens,
            ["click_count"] = clicks,
            ["is_unsubscribed"] = unsubscribed,
            ["is_bounced"] = bounced,
            ["ignore_reply"] = false,
        };

    /// <summary>An envelope around <paramref name="rows"/>, with total_stats when given.</summary>
    public static string Page(IEnumerable<JsonNode> rows, long offset = 0, int limit = 100, long? total = null, bool? ok = true)
    {
        var page = new JsonObject();
        if (ok is { } flag) page["ok"] = flag;
        page["data"] = new JsonArray(rows.Select(r => r.DeepClone()).ToArray());
        page["offset"] = offset;
        page["limit"] = limit;
        if (total is { } t) page["total_stats"] = t;
        return page.ToJsonString();
    }

    /// <summary>A page of <paramref name="count"/> per-send rows numbered from <paramref name="firstId"/>.</summary>
    public static string SendPage(int count, long offset, int limit, long? total, long firstId = 1) =>
        Page(Enumerable.Range(0, count).Select(i => (JsonNode)SendRow(statsId: firstId + i, email: $"lead{firstId + i}@example.com")), offset, limit, total);

    public static SmartleadStatisticsQuery Query(ulong skip = 0, ulong first = ulong.MaxValue, int pageSize = 100, bool includeTotalCount = false, bool includeMessage = false) =>
        new() { Skip = skip, First = first, PageSize = pageSize, IncludeTotalCount = includeTotalCount, IncludeMessage = includeMessage };
}

internal static class LeadlexExamples
{
    /// <summary>The example response of leadlex-campaign-stats.md.</summary>
    public const string Documented = """
        {
          "data": {
            "stats": {
              "sent_count": 1247,
              "opened_count": 612,
              "clicked_count": 143,
              "replied_count": 89,
              "bounced_count": 12,
              "unsubscribed_count": 4,
              "open_rate": 0.491,
              "click_rate": 0.115,
              "reply_rate": 0.071
            }
          }
        }
        """;
}

internal static class LeadterraExamples
{
    /// <summary>The example response of leadterra-campaign-stats.md.</summary>
    public const string Documented = """
        {
          "campaignId": "camp_123",
          "totalEnrolled": 500,
          "sent": 480,
          "delivered": 471,
          "bounced": 9,
          "replied": 38,
          "queued": 20,
          "openRate": 0.42,
          "replyRate": 0.08
        }
        """;
}

/// <summary>The error bodies the providers may send for one code: every shape the module reads.</summary>
internal static class ErrorBodies
{
    public static TheoryData<string> Shapes(string code, string message) => new()
    {
        $$$"""{"error":{"code":"{{{code}}}","message":"{{{message}}}"}}""",
        $$"""{"error":"{{code}}","message":"{{message}}"}""",
        $$"""{"code":"{{code}}","message":"{{message}}"}""",
    };
}
