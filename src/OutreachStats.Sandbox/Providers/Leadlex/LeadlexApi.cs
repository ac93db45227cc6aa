using OutreachStats.Sandbox.Data;
using OutreachStats.Sandbox.Hosting;

namespace OutreachStats.Sandbox.Providers.Leadlex;

/// <summary>
/// Leadlex's GET /v1/campaigns/{id}/stats under &lt;root&gt;/leadlex, with a Bearer key that needs
/// the campaigns:read permission. Campaign IDs are UUIDs (the docs' word) or cmp_… (their example's
/// form). Rates are count / sent_count rounded to 3 decimals, as in the docs' example.
/// </summary>
internal sealed class LeadlexApi : IProviderApi
{
    public const string StatsRoute = "/v1/campaigns/{id}/stats";

    private readonly EmailTotalsCatalog _campaigns;

    public LeadlexApi(SandboxData data) => _campaigns = new EmailTotalsCatalog(data, SandboxProvider.Leadlex);

    public SandboxProvider Provider => SandboxProvider.Leadlex;

    public string? KeyOf(HttpRequest request) => BearerKeys.Of(request);

    public SandboxResponse TooManyRequests() => BearerKeys.Error(429, "rate_limited", "Rate limit exceeded");

    public void Map(IEndpointRouteBuilder routes, ProviderPipeline pipeline) =>
        routes.MapGet(Provider.BasePath() + StatsRoute, context => pipeline.RunAsync(context, this, StatsRoute,
            (request, _) => [(string)request.RouteValues["id"]!], Stats));

    private SandboxResponse Stats(ProviderRequest request)
    {
        switch (request.KeyKind)
        {
            case KeyKind.WithoutPermission:
                return BearerKeys.Error(403, "insufficient_permissions", "Missing campaigns:read permission");
            case not (KeyKind.Valid or KeyKind.Throttled):
                return BearerKeys.Error(401, "invalid_key", "Invalid or expired API key");
        }
        var totals = _campaigns.Find((string)request.Http.RouteValues["id"]!);
        if (totals is null) return BearerKeys.Error(404, "campaign_not_found", "No campaign with this ID");

        return SandboxResponse.Json(200, json =>
        {
            json.WriteStartObject();
            json.WriteStartObject("data");
            json.WriteStartObject("stats");
            json.WriteNumber("sent_count", totals.Sent);
            json.WriteNumber("opened_count", totals.Opened);
            json.WriteNumber("clicked_count", totals.Clicked);
            json.WriteNumber("replied_count", totals.RepliedLeads);
            json.WriteNumber("bounced_count", totals.Bounced);
            json.WriteNumber("unsubscribed_count", totals.UnsubscribedLeads);
            json.WriteNumber("open_rate", EmailTotals.Rate(totals.Opened, totals.Sent, 3));
            json.WriteNumber("click_rate", EmailTotals.Rate(totals.Clicked, totals.Sent, 3));
            json.WriteNumber("reply_rate", EmailTotals.Rate(totals.RepliedLeads, totals.Sent, 3));
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
        });
    }
}
