using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Primitives;
using OutreachStats.Sandbox.Data;
using OutreachStats.Sandbox.Hosting;

namespace OutreachStats.Sandbox.Providers.Smartlead;

/// <summary>
/// Smartlead's GET /api/v1/campaigns/{campaign_id}/statistics under &lt;root&gt;/smartlead, with
/// the key in the api_key query parameter. A campaign answers in one of two shapes (see
/// <see cref="SmartleadShape"/>); both are filtered and paged the same way, over the sends.
/// Errors carry {"ok": false, "message": "…"} (the docs name the statuses only).
/// </summary>
internal sealed partial class SmartleadApi : IProviderApi
{
    public const string StatisticsRoute = "/api/v1/campaigns/{campaign_id}/statistics";
    public const int MaxLimit = 1000;
    public const int DefaultLimit = 100;
    public const int MaxSequenceNumber = 20;

    private static readonly string[] Statuses = ["opened", "clicked", "replied", "unsubscribed", "bounced"];

    private readonly SandboxData _data;
    private readonly SmartleadShape _shape;
    private readonly BoundedCache<CampaignKey, SmartleadCampaign> _campaigns = new(128);

    public SmartleadApi(SandboxData data, SmartleadShape shape)
    {
        _data = data;
        _shape = shape;
    }

    public SandboxProvider Provider => SandboxProvider.Smartlead;

    public string? KeyOf(HttpRequest request) => request.Query.TryGetValue("api_key", out var key) ? key.ToString() : null;

    public SandboxResponse TooManyRequests() => Error(429, "Rate limit exceeded. Retry after the number of seconds in Retry-After.");

    public void Map(IEndpointRouteBuilder routes, ProviderPipeline pipeline) =>
        routes.MapGet(Provider.BasePath() + StatisticsRoute, context => pipeline.RunAsync(context, this, StatisticsRoute,
            (request, _) => [(string)request.RouteValues["campaign_id"]!], Statistics));

    public SmartleadCampaign? Find(string id) =>
        _data.Catalog(Provider).TryFind(id, out var key)
            ? _campaigns.GetOrAdd(key, k => SmartleadCampaign.Create(long.Parse(id, CultureInfo.InvariantCulture), k, _shape, _data.DataEnd))
            : null;

    private SandboxResponse Statistics(ProviderRequest request)
    {
        if (request.KeyKind is not (KeyKind.Valid or KeyKind.Throttled)) return Error(401, "Invalid or missing API key.");

        var id = (string)request.Http.RouteValues["campaign_id"]!;
        if (!CampaignIdPattern().IsMatch(id)) return Error(400, "campaign_id must be an integer.");
        if (ParseQuery(request.Http.Query, out var query) is { } problem) return Error(400, problem);

        var campaign = Find(id);
        if (campaign is null) return Error(404, $"Campaign {id} not found.");

        var rows = campaign.Sends.Where(index => Matches(campaign, campaign.Simulation.Messages[index], query)).ToList();
        return campaign.Shape == SmartleadShape.PerSend ? PerSend(campaign, rows, query) : Aggregate(campaign, rows, query);
    }

    /// <summary>The documented rows: per sequence step, the counts of the matching sends.</summary>
    private static SandboxResponse Aggregate(SmartleadCampaign campaign, List<int> rows, StatisticsQuery query)
    {
        var plan = campaign.Simulation.Plan;
        var groups = rows.Select(i => campaign.Simulation.Messages[i])
            .GroupBy(m => plan.Steps[m.Step].SequenceStep + 1)
            .OrderBy(g => g.Key)
            .Skip(query.Offset).Take(query.Limit)
            .ToList();
        return SandboxResponse.Json(200, json =>
        {
            json.WriteStartObject();
            json.WriteBoolean("ok", true);
            json.WriteStartArray("data");
            foreach (var group in groups)
            {
                json.WriteStartObject();
                json.WriteNumber("campaign_id", campaign.Id);
                json.WriteNumber("sequence_number", group.Key);
                json.WriteNumber("sent", group.Count());
                json.WriteNumber("opened", group.Count(m => m.Has(Outcome.Opened)));
                json.WriteNumber("clicked", group.Count(m => m.Has(Outcome.Clicked)));
                json.WriteNumber("replied", group.Count(m => m.Has(Outcome.Replied)));
                json.WriteNumber("unsubscribed", group.Count(m => m.Has(Outcome.Unsubscribed)));
                json.WriteNumber("bounced", group.Count(m => m.Has(Outcome.Bounced)));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteNumber("offset", query.Offset);
            json.WriteNumber("limit", query.Limit);
            json.WriteEndObject();
        });
    }

    /// <summary>
    /// The rows public clients of the live API read: one per send, with total_stats (the number of
    /// matching sends, a string of digits as the live API's counts are). A reply shows as reply_time
    /// on every send of the lead before it; lead_category is the lead's, replied or not.
    /// </summary>
    private static SandboxResponse PerSend(SmartleadCampaign campaign, List<int> rows, StatisticsQuery query)
    {
        var plan = campaign.Simulation.Plan;
        var page = rows.Skip(query.Offset).Take(query.Limit).ToList();
        return SandboxResponse.Json(200, json =>
        {
            json.WriteStartObject();
            json.WriteBoolean("ok", true);
            json.WriteString("total_stats", rows.Count.ToString(CultureInfo.InvariantCulture));
            json.WriteStartArray("data");
            foreach (var index in page)
            {
                var message = campaign.Simulation.Messages[index];
                var step = plan.Steps[message.Step];
                var lead = campaign.Leads[message.Lead];
                var replyAt = campaign.Simulation.Leads[message.Lead].ReplyAt;
                var rng = campaign.Key.Generator(Data.Stream.Content, 10_000_000 + (ulong)index);
                json.WriteStartObject();
                json.WriteString("stats_id", rng.Uuid());
                json.WriteString("lead_name", lead.Name);
                json.WriteString("lead_email", lead.Email);
                WriteOptional(json, "lead_category", lead.Category);
                json.WriteNumber("sequence_number", step.SequenceStep + 1);
                json.WriteNumber("email_campaign_seq_id", campaign.SequenceId(step.SequenceStep));
                json.WriteNumber("seq_variant_id", campaign.VariantId(step));
                json.WriteString("email_subject", SmartleadEmail.Subject(campaign, step, lead));
                json.WriteString("email_message", SmartleadEmail.Body(campaign, step, lead, campaign.SenderName));
                json.WriteString("sent_time", Dates.Iso(message.SentAt));
                WriteOptional(json, "open_time", message.Has(Outcome.Opened) ? Dates.Iso(message.OpenAt) : null);
                WriteOptional(json, "click_time", message.Has(Outcome.Clicked) ? Dates.Iso(message.ClickAt) : null);
                WriteOptional(json, "reply_time", replyAt != CampaignSimulation.Never ? Dates.Iso(replyAt) : null);
                json.WriteNumber("open_count", message.Has(Outcome.Opened) ? 1 + rng.Next(4) : 0);
                json.WriteNumber("click_count", message.Has(Outcome.Clicked) ? 1 + rng.Next(2) : 0);
                json.WriteBoolean("is_unsubscribed", message.Has(Outcome.Unsubscribed));
                json.WriteBoolean("is_bounced", message.Has(Outcome.Bounced));
                json.WriteBoolean("ignore_reply", replyAt != CampaignSimulation.Never && lead.IgnoreReply);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteNumber("offset", query.Offset);
            json.WriteNumber("limit", query.Limit);
            json.WriteEndObject();
        });
    }

    private static bool Matches(SmartleadCampaign campaign, SimulatedMessage message, StatisticsQuery query)
    {
        if (query.SequenceNumber is { } sequence && campaign.Simulation.Plan.Steps[message.Step].SequenceStep + 1 != sequence) return false;
        var sentMs = message.SentAt * 1000;
        if (query.SentAfterMs is { } after && sentMs <= after) return false;
        if (query.SentBeforeMs is { } before && sentMs >= before) return false;
        return query.Status switch
        {
            "opened" => message.Has(Outcome.Opened),
            "clicked" => message.Has(Outcome.Clicked),
            "replied" => campaign.Simulation.Leads[message.Lead].HasReplied,
            "unsubscribed" => message.Has(Outcome.Unsubscribed),
            "bounced" => message.Has(Outcome.Bounced),
            _ => true,
        };
    }

    private static string? ParseQuery(IQueryCollection query, out StatisticsQuery parsed)
    {
        parsed = new StatisticsQuery(0, DefaultLimit, null, null, null, null);
        if (!TryInteger(query, "offset", 0, int.MaxValue, out var offset)) return "offset must be an integer of at least 0.";
        if (!TryInteger(query, "limit", 1, MaxLimit, out var limit)) return $"limit must be an integer from 1 to {MaxLimit}.";
        if (!TryInteger(query, "email_sequence_number", 1, MaxSequenceNumber, out var sequence)) return $"email_sequence_number must be an integer from 1 to {MaxSequenceNumber}.";
        string? status = null;
        if (query.TryGetValue("email_status", out var statusValue))
        {
            status = statusValue.ToString();
            if (!Statuses.Contains(status, StringComparer.Ordinal)) return "email_status must be one of: " + string.Join(", ", Statuses) + ".";
        }
        if (!TryDate(query, "sent_time_start_date", out var after)) return "sent_time_start_date must be a date such as 2023-10-16 10:33:02.000Z.";
        if (!TryDate(query, "sent_time_end_date", out var before)) return "sent_time_end_date must be a date such as 2023-10-16 10:33:02.000Z.";
        parsed = new StatisticsQuery(offset ?? 0, limit ?? DefaultLimit, sequence, status, after, before);
        return null;
    }

    private static bool TryInteger(IQueryCollection query, string name, int min, int max, out int? value)
    {
        value = null;
        if (!query.TryGetValue(name, out StringValues text)) return true;
        if (!int.TryParse(text.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < min || number > max) return false;
        value = number;
        return true;
    }

    private static bool TryDate(IQueryCollection query, string name, out long? unixMs)
    {
        unixMs = null;
        if (!query.TryGetValue(name, out var text)) return true;
        if (!Dates.TryParse(text.ToString(), out var date)) return false;
        unixMs = date.ToUnixTimeMilliseconds();
        return true;
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null) json.WriteNull(name);
        else json.WriteString(name, value);
    }

    private static SandboxResponse Error(int status, string message) => SandboxResponse.Json(status, json =>
    {
        json.WriteStartObject();
        json.WriteBoolean("ok", false);
        json.WriteString("message", message);
        json.WriteEndObject();
    });

    [GeneratedRegex(@"^[0-9]{1,18}$")]
    private static partial Regex CampaignIdPattern();

    private sealed record StatisticsQuery(int Offset, int Limit, int? SequenceNumber, string? Status, long? SentAfterMs, long? SentBeforeMs);
}
