using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace OutreachStats.PowerShell.Tests.Infrastructure;

/// <summary>
/// A lemlist stand-in speaking the two documented statistics routes: GET
/// /v2/campaigns/{campaignId}/stats and POST /v2/campaigns/stats/batch, with Basic
/// authentication (empty user, the key as password).
/// </summary>
public sealed class FakeLemlistServer : FakeServer
{
    /// <summary>The documented example response (lemlist-campaign-stats.md), 3 steps.</summary>
    public const string ExampleStatsJson = """
        {
          "nbLeads": 32, "nbLeadsLaunched": 32, "nbLeadsReached": 32, "nbLeadsOpened": 31,
          "nbLeadsInteracted": 4, "nbLeadsAnswered": 16, "nbLeadsInterested": 1, "nbLeadsNotInterested": 0,
          "nbLeadsUnsubscribed": 1, "nbLeadsInterrupted": 1, "messagesSent": 72, "messagesNotSent": 0,
          "messagesBounced": 0, "delivered": 72, "opened": 47, "clicked": 4, "replied": 16,
          "invitationAccepted": 0, "meetingBooked": 0,
          "steps": [
            { "index": 1, "sequenceId": "seq_rH5RD3fMkkt2gM3YC", "sequenceStep": 0, "taskType": "linkedinSend",
              "invited": 0, "sent": 32, "delivered": 32, "opened": 15, "clicked": 0, "replied": 15,
              "notDelivered": 0, "bounced": 0, "unsubscribed": 1 },
            { "index": 2, "sequenceId": "seq_rH5RD3fMkkt2gM3YC", "sequenceStep": 1,
              "invited": 0, "sent": 20, "delivered": 20, "opened": 17, "clicked": 1, "replied": 1,
              "notDelivered": 0, "bounced": 0, "unsubscribed": 0 },
            { "index": 3, "sequenceId": "seq_rH5RD3fMkkt2gM3YC", "sequenceStep": 2,
              "invited": 0, "sent": 20, "delivered": 20, "opened": 15, "clicked": 3, "replied": 0,
              "notDelivered": 0, "bounced": 0, "unsubscribed": 0 }
          ]
        }
        """;

    private const string StatsPrefix = "/v2/campaigns/";
    private const string StatsSuffix = "/stats";
    private const string BatchPath = "/v2/campaigns/stats/batch";

    private FakeLemlistServer(string apiKey)
        : base(apiKey)
    {
    }

    public static Task<FakeLemlistServer> StartAsync(string apiKey) => StartAsync(new FakeLemlistServer(apiKey));

    /// <summary>The Authorization header lemlist expects for <paramref name="key"/>.</summary>
    public static string BasicAuthorization(string key) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(":" + key));

    protected override string? CampaignIdOf(string path) =>
        path.StartsWith(StatsPrefix, StringComparison.Ordinal) && path.EndsWith(StatsSuffix, StringComparison.Ordinal)
        && path.Length > StatsPrefix.Length + StatsSuffix.Length && path != BatchPath
            ? path.Substring(StatsPrefix.Length, path.Length - StatsPrefix.Length - StatsSuffix.Length)
            : null;

    protected override bool IsAuthorized(RecordedRequest request) =>
        string.Equals(request.Authorization, BasicAuthorization(ApiKey), StringComparison.Ordinal);

    protected override async Task RouteAsync(HttpContext context, RecordedRequest request)
    {
        if (request.CampaignId is { } campaignId)
        {
            if (request.Method != HttpMethods.Get)
            {
                await Text(context, 405, "Bad method");
                return;
            }
            await SingleAsync(context, campaignId, request);
            return;
        }
        if (request.Path == BatchPath)
        {
            if (request.Method != HttpMethods.Post)
            {
                await Text(context, 405, "Bad method");
                return;
            }
            await BatchAsync(context, request.Body);
            return;
        }
        await Text(context, 404, "Not Found");
    }

    private async Task SingleAsync(HttpContext context, string campaignId, RecordedRequest request)
    {
        if (!request.Query.TryGetValue("startDate", out var start) || !request.Query.TryGetValue("endDate", out var end)
            || !IsIsoDate(start) || !IsIsoDate(end))
        {
            await Text(context, 400, "Bad params: startDate and endDate are required");
            return;
        }
        if (!CampaignExists(campaignId))
        {
            await Text(context, 404, "Campaign not found");
            return;
        }
        await Json(context, ExampleStatsJson);
    }

    private async Task BatchAsync(HttpContext context, string body)
    {
        JsonNode? json;
        try
        {
            json = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            await Text(context, 400, "Bad params: campaignIds must be a non-empty array");
            return;
        }
        if (json?["campaignIds"] is not JsonArray idsNode || idsNode.Count == 0)
        {
            await Text(context, 400, "Bad params: campaignIds must be a non-empty array");
            return;
        }
        if (idsNode.Count > 100)
        {
            await Text(context, 400, "Bad params: campaignIds must contain at most 100 items");
            return;
        }
        if (json["startDate"]?.GetValue<string>() is not { } start || json["endDate"]?.GetValue<string>() is not { } end
            || !IsIsoDate(start) || !IsIsoDate(end))
        {
            await Text(context, 400, "Bad params: startDate and endDate are required");
            return;
        }
        var ids = idsNode.Select(n => n!.GetValue<string>()).ToList();
        foreach (var id in ids)
        {
            if (await TryOverrideAsync(context, id)) return;
        }
        var results = new JsonArray();
        var errors = new JsonArray();
        foreach (var id in ids)
        {
            if (CampaignExists(id))
            {
                var stats = JsonNode.Parse(ExampleStatsJson)!.AsObject();
                stats.Insert(0, "campaignId", id);
                results.Add(stats);
            }
            else
            {
                errors.Add(new JsonObject { ["campaignId"] = id, ["error"] = "Campaign not found" });
            }
        }
        await Json(context, new JsonObject { ["results"] = results, ["errors"] = errors }.ToJsonString());
    }

    private static bool IsIsoDate(string value) =>
        DateTime.TryParseExact(value, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out _);

}
