using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using OutreachStats.Sandbox.Data;
using OutreachStats.Sandbox.Hosting;

namespace OutreachStats.Sandbox.Providers.Lemlist;

/// <summary>
/// lemlist's GET /v2/campaigns/{campaignId}/stats and POST /v2/campaigns/stats/batch under
/// &lt;root&gt;/lemlist/api, with Basic authentication (the key is the password), the documented
/// text/plain errors, and the four rate-limit headers on every answer.
/// Parameters are checked in this order: dates, channels, ABSelected, sendUser (then the campaign).
/// </summary>
internal sealed partial class LemlistApi : IProviderApi
{
    public const string StatsRoute = "/v2/campaigns/{campaignId}/stats";
    public const string BatchRoute = "/v2/campaigns/stats/batch";
    public const int MaxBatchSize = 100;

    private const string DatesRequired = "Bad params: startDate and endDate are required";
    private const string ChannelsNotArray = "Bad params: channels must be a valid array";
    private const string ChannelsBadValue = "Bad params: channels must be empty or contain \"others\", \"email\" or \"linkedin\"";
    private const string BatchChannelsInvalid = "Bad params: channels must be an array of \"others\", \"email\" or \"linkedin\"";
    private const string AbInvalid = "Bad params: ABSelected must be A or B";
    private const string SendUserFormat = "Bad param format: sendUser must be formatted as follow: <sendUserId>|<sendUserEmail>";
    private const string SendUserUnrelated = "Bad params: the send user email is not related to the send user id";
    private const string CampaignIdsEmpty = "Bad params: campaignIds must be a non-empty array";
    private const string CampaignIdsTooMany = "Bad params: campaignIds must contain at most 100 items";
    private const string CampaignNotFound = "Campaign not found";

    private readonly SandboxData _data;
    private readonly LemlistTeam _team;
    private readonly BoundedCache<CampaignKey, LemlistCampaign> _campaigns = new(256);

    public LemlistApi(SandboxData data, LemlistTeam team)
    {
        _data = data;
        _team = team;
    }

    public SandboxProvider Provider => SandboxProvider.Lemlist;

    /// <summary>Basic credentials: the login is ignored (lemlist's is empty), the password is the key.</summary>
    public string? KeyOf(HttpRequest request)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || header.Parameter is null)
        {
            return null;
        }
        try
        {
            var credentials = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
            var colon = credentials.IndexOf(':');
            return colon < 0 ? null : credentials[(colon + 1)..];
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public SandboxResponse TooManyRequests() => SandboxResponse.Text(429, "Too many requests");

    /// <summary>lemlist's four headers; the reset as lemlist writes it, in UTC.</summary>
    public void AddRateHeaders(SandboxResponse response, RateDecision decision)
    {
        response.Headers["Retry-After"] = decision.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-RateLimit-Limit"] = decision.Limit.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-RateLimit-Remaining"] = decision.Remaining.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-RateLimit-Reset"] = ResetDate(decision.ResetAt);
    }

    /// <summary>"Tue Feb 16 2021 09:02:42 GMT+0000 (Coordinated Universal Time)", JavaScript's Date.toString in UTC.</summary>
    public static string ResetDate(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("ddd MMM dd yyyy HH:mm:ss", CultureInfo.InvariantCulture) + " GMT+0000 (Coordinated Universal Time)";

    public void Map(IEndpointRouteBuilder routes, ProviderPipeline pipeline)
    {
        var basePath = Provider.BasePath();
        routes.Map(basePath + BatchRoute, context => pipeline.RunAsync(context, this, BatchRoute, (_, body) => BatchIds(body), Batch));
        routes.Map(basePath + StatsRoute, context => pipeline.RunAsync(context, this, StatsRoute,
            (request, _) => [(string)request.RouteValues["campaignId"]!], CampaignStats));
    }

    public LemlistCampaign? Find(string id) =>
        _data.Catalog(Provider).TryFind(id, out var key) ? _campaigns.GetOrAdd(key, k => LemlistCampaign.Create(id, k, _team, _data.DataEnd)) : null;

    private SandboxResponse CampaignStats(ProviderRequest request)
    {
        if (!HttpMethods.IsGet(request.Http.Method)) return SandboxResponse.Text(405, "Bad method");
        if (Refused(request) is { } refused) return refused;

        var query = request.Http.Query;
        if (!TryDate(query["startDate"], out var from) || !TryDate(query["endDate"], out var to)) return BadRequest(DatesRequired);
        var channels = LemlistChannels.All;
        if (query.ContainsKey("channels") && ParseChannels(query["channels"].ToString(), out channels) is { } channelProblem) return BadRequest(channelProblem);
        if (ParseVariant(query.ContainsKey("ABSelected") ? query["ABSelected"].ToString() : null, out var variant) is { } abProblem) return BadRequest(abProblem);
        if (ParseSender(query.ContainsKey("sendUser") ? query["sendUser"].ToString() : null, out var sender) is { } senderProblem) return BadRequest(senderProblem);

        var campaign = Find((string)request.Http.RouteValues["campaignId"]!);
        if (campaign is null) return SandboxResponse.Text(404, CampaignNotFound);
        var filter = new LemlistFilter(from, to, sender, variant, channels);
        return SandboxResponse.Json(200, json => LemlistStats.Write(json, campaign, filter, withCampaignId: false));
    }

    private SandboxResponse Batch(ProviderRequest request)
    {
        if (!HttpMethods.IsPost(request.Http.Method)) return SandboxResponse.Text(405, "Bad method");
        if (Refused(request) is { } refused) return refused;

        JsonElement body;
        try
        {
            using var document = JsonDocument.Parse(request.Body ?? string.Empty);
            body = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return BadRequest(CampaignIdsEmpty);
        }
        if (body.ValueKind != JsonValueKind.Object
            || !body.TryGetProperty("campaignIds", out var idsElement)
            || idsElement.ValueKind != JsonValueKind.Array
            || idsElement.GetArrayLength() == 0
            || idsElement.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            return BadRequest(CampaignIdsEmpty);
        }
        if (idsElement.GetArrayLength() > MaxBatchSize) return BadRequest(CampaignIdsTooMany);
        if (!TryDate(StringProperty(body, "startDate"), out var from) || !TryDate(StringProperty(body, "endDate"), out var to)) return BadRequest(DatesRequired);

        var channels = LemlistChannels.All;
        if (body.TryGetProperty("channels", out var channelsElement) && channelsElement.ValueKind != JsonValueKind.Null
            && !TryChannels(channelsElement, out channels))
        {
            return BadRequest(BatchChannelsInvalid);
        }
        if (!OptionalString(body, "ABSelected", out var ab) || ParseVariant(ab, out var variant) is not null) return BadRequest(AbInvalid);
        if (!OptionalString(body, "sendUser", out var sendUser)) return BadRequest(SendUserFormat);
        if (ParseSender(sendUser, out var sender) is { } senderProblem) return BadRequest(senderProblem);

        var filter = new LemlistFilter(from, to, sender, variant, channels);
        var ids = idsElement.EnumerateArray().Select(e => e.GetString()!).Distinct(StringComparer.Ordinal).ToList();
        var campaigns = ids.Select(id => (Id: id, Campaign: Find(id))).ToList();
        return SandboxResponse.Json(200, json =>
        {
            json.WriteStartObject();
            json.WriteStartArray("results");
            foreach (var (_, campaign) in campaigns)
            {
                if (campaign is not null) LemlistStats.Write(json, campaign, filter, withCampaignId: true);
            }
            json.WriteEndArray();
            json.WriteStartArray("errors");
            foreach (var (id, campaign) in campaigns)
            {
                if (campaign is not null) continue;
                json.WriteStartObject();
                json.WriteString("campaignId", id);
                json.WriteString("error", CampaignNotFound);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    /// <summary>A wrong key: 401 without a body, as lemlist answers; a key without a team: 400 Bad team.</summary>
    private static SandboxResponse? Refused(ProviderRequest request) => request.KeyKind switch
    {
        KeyKind.Rejected => SandboxResponse.Empty(401),
        KeyKind.WithoutTeam => BadRequest("Bad team"),
        _ => null,
    };

    private static SandboxResponse BadRequest(string message) => SandboxResponse.Text(400, message);

    /// <summary>An ISO 8601 date, as Unix milliseconds.</summary>
    private static bool TryDate(string? text, out long unixMs)
    {
        var valid = Dates.TryParse(text, out var date);
        unixMs = valid ? date.ToUnixTimeMilliseconds() : 0;
        return valid;
    }

    private static string? ParseChannels(string text, out LemlistChannels channels)
    {
        channels = LemlistChannels.All;
        JsonElement array;
        try
        {
            using var document = JsonDocument.Parse(text);
            array = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return ChannelsNotArray;
        }
        if (array.ValueKind != JsonValueKind.Array) return ChannelsNotArray;
        return TryChannels(array, out channels) ? null : ChannelsBadValue;
    }

    /// <summary>An array of "email", "linkedin" and "others"; an empty one means every channel.</summary>
    private static bool TryChannels(JsonElement array, out LemlistChannels channels)
    {
        channels = LemlistChannels.None;
        if (array.ValueKind != JsonValueKind.Array) return false;
        foreach (var item in array.EnumerateArray())
        {
            var channel = (item.ValueKind == JsonValueKind.String ? item.GetString() : null) switch
            {
                "email" => LemlistChannels.Email,
                "linkedin" => LemlistChannels.Linkedin,
                "others" => LemlistChannels.Others,
                _ => LemlistChannels.None,
            };
            if (channel == LemlistChannels.None) return false;
            channels |= channel;
        }
        if (channels == LemlistChannels.None) channels = LemlistChannels.All;
        return true;
    }

    private static string? ParseVariant(string? text, out char variant)
    {
        variant = '\0';
        if (text is null) return null;
        if (text is not ("A" or "B")) return AbInvalid;
        variant = text[0];
        return null;
    }

    /// <summary>"usr_…|email" of a team send user, as the team's index; -1 when absent.</summary>
    private string? ParseSender(string? text, out int sender)
    {
        sender = -1;
        if (text is null) return null;
        var match = SendUserPattern().Match(text);
        if (!match.Success) return SendUserFormat;
        sender = _team.IndexOf(match.Groups["id"].Value);
        if (sender < 0 || !string.Equals(_team.Senders[sender].Email, match.Groups["email"].Value, StringComparison.OrdinalIgnoreCase)) return SendUserUnrelated;
        return null;
    }

    private static string? StringProperty(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>False when the property is there but neither a string nor null.</summary>
    private static bool OptionalString(JsonElement body, string name, out string? value)
    {
        value = null;
        if (!body.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null) return true;
        if (element.ValueKind != JsonValueKind.String) return false;
        value = element.GetString();
        return true;
    }

    /// <summary>The campaign IDs of a batch body, as far as it can be read (for faults aimed at campaigns).</summary>
    private static IReadOnlyList<string> BatchIds(string? body)
    {
        try
        {
            using var document = JsonDocument.Parse(body ?? string.Empty);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("campaignIds", out var ids) && ids.ValueKind == JsonValueKind.Array
                ? ids.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList()
                : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    [GeneratedRegex(@"^(?<id>usr_[^|\s]+)\|(?<email>[^|@\s]+@[^|@\s]+\.[^|@\s]+)$")]
    private static partial Regex SendUserPattern();
}
