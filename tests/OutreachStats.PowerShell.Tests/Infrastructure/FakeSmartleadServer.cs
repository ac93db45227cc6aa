using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace OutreachStats.PowerShell.Tests.Infrastructure;

/// <summary>
/// A Smartlead stand-in: GET /api/v1/campaigns/{campaign_id}/statistics with the key as the
/// api_key query parameter, paged by offset and limit (at most 1000). Each campaign has
/// <see cref="RowsPerCampaign"/> per-send rows (three steps, a reply every fourth lead), or the
/// documented aggregate rows when <see cref="Aggregate"/> is set. Filters are checked for their
/// documented formats (400 otherwise) but do not change the rows.
/// </summary>
public sealed class FakeSmartleadServer : FakeServer
{
    private const string Prefix = "/api/v1/campaigns/";
    private const string Suffix = "/statistics";

    private FakeSmartleadServer(string apiKey)
        : base(apiKey)
    {
    }

    /// <summary>How many per-send rows a campaign has.</summary>
    public Func<string, int> RowsPerCampaign { get; set; } = _ => 3;

    /// <summary>Answer with the documented aggregate rows (two steps, no total_stats) instead of per-send rows.</summary>
    public bool Aggregate { get; set; }

    /// <summary>Put total_stats in each page (as the live API does).</summary>
    public bool SendTotal { get; set; } = true;

    public static Task<FakeSmartleadServer> StartAsync(string apiKey) => StartAsync(new FakeSmartleadServer(apiKey));

    protected override string? CampaignIdOf(string path) =>
        path.StartsWith(Prefix, StringComparison.Ordinal) && path.EndsWith(Suffix, StringComparison.Ordinal) && path.Length > Prefix.Length + Suffix.Length
            ? path.Substring(Prefix.Length, path.Length - Prefix.Length - Suffix.Length)
            : null;

    protected override bool IsAuthorized(RecordedRequest request) =>
        request.Query.TryGetValue("api_key", out var key) && key == ApiKey && request.Authorization is null;

    protected override Task RejectKeyAsync(HttpContext context) => Json(context, """{"message":"Invalid or missing API key"}""", 401);

    protected override async Task RouteAsync(HttpContext context, RecordedRequest request)
    {
        if (request.CampaignId is not { } id || request.Method != HttpMethods.Get)
        {
            await Json(context, """{"message":"Not Found"}""", 404);
            return;
        }
        var query = request.Query;
        if (!id.All(char.IsAsciiDigit)
            || !Whole(query, "offset", 0, int.MaxValue, out var offset) || !Whole(query, "limit", 1, 1000, out var limit)
            || (query.ContainsKey("email_sequence_number") && !Whole(query, "email_sequence_number", 1, 20, out _))
            || (query.TryGetValue("email_status", out var status) && status is not ("opened" or "clicked" or "replied" or "unsubscribed" or "bounced"))
            || (query.TryGetValue("sent_time_start_date", out var start) && !IsSmartleadTime(start))
            || (query.TryGetValue("sent_time_end_date", out var end) && !IsSmartleadTime(end)))
        {
            await Json(context, """{"message":"Invalid request parameters"}""", 400);
            return;
        }
        if (!CampaignExists(id))
        {
            await Json(context, """{"message":"The requested resource does not exist or you don't have access to it"}""", 404);
            return;
        }

        var page = new JsonObject { ["ok"] = true };
        if (Aggregate)
        {
            var rows = offset == 0 ? new JsonArray(Step(id, 1, 1240, 372, 89, 23, 4, 18), Step(id, 2, 892, 267, 54, 12, 2, 9)) : new JsonArray();
            page["data"] = rows;
        }
        else
        {
            var total = RowsPerCampaign(id);
            var rows = new JsonArray();
            for (var i = offset; i < Math.Min(total, offset + limit); i++) rows.Add(SendRow(i));
            page["data"] = rows;
            if (SendTotal) page["total_stats"] = total;
        }
        page["offset"] = offset;
        page["limit"] = limit;
        await Json(context, page.ToJsonString());
    }

    /// <summary>Row <paramref name="i"/> (0-based) of a campaign: lead i, step 1 + i % 3, replied when i % 4 == 0.</summary>
    public static JsonObject SendRow(int i) => new()
    {
        ["stats_id"] = i + 1,
        ["lead_name"] = $"Lead {i + 1}",
        ["lead_email"] = $"lead{i + 1}@example.com",
        ["lead_category"] = i % 4 == 0 ? "Interested" : null,
        ["sequence_number"] = 1 + i % 3,
        ["email_campaign_seq_id"] = 5500 + i % 3,
        ["seq_variant_id"] = 7700 + i % 3,
        ["email_subject"] = "Quick question",
        ["email_message"] = "<p>Hello " + new string('x', 2_000) + "</p>",
        ["sent_time"] = "2025-01-06T09:00:00.000Z",
        ["open_time"] = i % 2 == 0 ? "2025-01-06T10:00:00.000Z" : null,
        ["click_time"] = null,
        ["reply_time"] = i % 4 == 0 ? "2025-01-07T08:00:00.000Z" : null,
        ["open_count"] = i % 2 == 0 ? 1 : 0,
        ["click_count"] = 0,
        ["is_unsubscribed"] = false,
        ["is_bounced"] = i % 10 == 9,
        ["ignore_reply"] = false,
    };

    private static JsonObject Step(string id, int step, int sent, int opened, int clicked, int replied, int unsubscribed, int bounced) => new()
    {
        ["campaign_id"] = long.Parse(id, CultureInfo.InvariantCulture),
        ["sequence_number"] = step,
        ["sent"] = sent,
        ["opened"] = opened,
        ["clicked"] = clicked,
        ["replied"] = replied,
        ["unsubscribed"] = unsubscribed,
        ["bounced"] = bounced,
    };

    private static bool Whole(IReadOnlyDictionary<string, string> query, string name, int min, int max, out int value)
    {
        value = 0;
        return query.TryGetValue(name, out var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
    }

    private static bool IsSmartleadTime(string value) =>
        DateTime.TryParseExact(value, "yyyy-MM-dd HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _);
}
