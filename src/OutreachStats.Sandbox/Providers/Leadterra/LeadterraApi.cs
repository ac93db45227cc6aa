using OutreachStats.Sandbox.Data;
using OutreachStats.Sandbox.Hosting;

namespace OutreachStats.Sandbox.Providers.Leadterra;

/// <summary>
/// Leadterra's GET /v1/campaigns/{id}/stats under &lt;root&gt;/leadterra, with a Bearer key. The
/// endpoint takes no parameters: any query parameter is an unexpected one (400 invalid_request).
/// openRate = unique opens / delivered and replyRate = replied leads / delivered, rounded to 2
/// decimals as in the docs' example; queued counts the emails due after the data's end.
/// </summary>
internal sealed class LeadterraApi : IProviderApi
{
    public const string StatsRoute = "/v1/campaigns/{id}/stats";

    private readonly EmailTotalsCatalog _campaigns;

    public LeadterraApi(SandboxData data) => _campaigns = new EmailTotalsCatalog(data, SandboxProvider.Leadterra);

    public SandboxProvider Provider => SandboxProvider.Leadterra;

    public string? KeyOf(HttpRequest request) => BearerKeys.Of(request);

    /// <summary>Leadterra documents no 429; the sandbox answers one only when a limit is configured.</summary>
    public SandboxResponse TooManyRequests() => BearerKeys.Error(429, "rate_limited", "Rate limit exceeded");

    public void Map(IEndpointRouteBuilder routes, ProviderPipeline pipeline) =>
        routes.MapGet(Provider.BasePath() + StatsRoute, context => pipeline.RunAsync(context, this, StatsRoute,
            (request, _) => [(string)request.RouteValues["id"]!], Stats));

    private SandboxResponse Stats(ProviderRequest request)
    {
        if (request.KeyKind is not (KeyKind.Valid or KeyKind.Throttled))
        {
            return BearerKeys.Error(401, "authentication_failed", "The Authorization header is missing, malformed, or the key is invalid.");
        }
        if (request.Http.Query.Count > 0)
        {
            return BearerKeys.Error(400, "invalid_request", "Unexpected parameters: " + string.Join(", ", request.Http.Query.Keys) + ".");
        }
        var id = (string)request.Http.RouteValues["id"]!;
        var totals = _campaigns.Find(id);
        if (totals is null) return BearerKeys.Error(404, "campaign_not_found", $"No campaign with the id '{id}' exists in your workspace.");

        return SandboxResponse.Json(200, json =>
        {
            json.WriteStartObject();
            json.WriteString("campaignId", id);
            json.WriteNumber("totalEnrolled", totals.Enrolled);
            json.WriteNumber("sent", totals.Sent);
            json.WriteNumber("delivered", totals.Delivered);
            json.WriteNumber("bounced", totals.Bounced);
            json.WriteNumber("replied", totals.RepliedLeads);
            json.WriteNumber("queued", totals.Queued);
            json.WriteNumber("openRate", EmailTotals.Rate(totals.Opened, totals.Delivered, 2));
            json.WriteNumber("replyRate", EmailTotals.Rate(totals.RepliedLeads, totals.Delivered, 2));
            json.WriteEndObject();
        });
    }
}
