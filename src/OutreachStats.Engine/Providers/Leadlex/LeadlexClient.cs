using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using OutreachStats.Http;
using OutreachStats.Model;

namespace OutreachStats.Providers.Leadlex;

/// <summary>
/// Leadlex's campaign statistics endpoint: GET /v1/campaigns/{id}/stats under the API gateway,
/// with Bearer authentication. The key needs the campaigns:read permission.
/// </summary>
internal sealed class LeadlexClient : ProviderClient
{
    /// <summary>The BASE_URL of Leadlex's documentation.</summary>
    public static readonly Uri DefaultBaseUri = new("https://data.leadlex.com/functions/v1/api-gateway");

    private const string Id = nameof(OutreachProvider.Leadlex);
    private const string Name = "Leadlex";

    public LeadlexClient(Uri baseUri, ApiTransport transport)
        : base(baseUri, transport)
    {
    }

    protected override Uri DocumentedBaseUri => DefaultBaseUri;

    protected override string CampaignIdExample => "a UUID, or cmp_… as in Leadlex's own example";

    /// <summary>Leadlex documents one 403, insufficient_permissions: the key lacks campaigns:read, for every campaign.</summary>
    protected override bool AccessDeniedIsTheKeys => true;

    protected override string AccessDeniedAdvice =>
        "The API key lacks the campaigns:read permission that this endpoint requires: give the key that permission in Leadlex, or connect with a key that has it.";

    /// <summary>
    /// Leadlex publishes no rate limit (only that it answers 429 rate_limited): the module keeps
    /// each key to 60 requests per minute, the limit Smartlead publishes, and honours Retry-After.
    /// </summary>
    public static TransportOptions DefaultOptions() => new() { RateLimit = 60, RateLimitWindow = TimeSpan.FromSeconds(60) };

    public static ApiTransport CreateTransport(ApiKey key, HttpMessageHandler handler, bool disposeHandler, TransportOptions options) =>
        new(Id, Name, key, handler, disposeHandler, options);

    public async Task<LeadlexCampaignStats> GetCampaignStatsAsync(string campaignId, Action<string>? log, CancellationToken cancellationToken)
    {
        var uri = new Uri(BaseAddress + "/v1/campaigns/" + Segment(campaignId) + "/stats");
        // The missing-stats check is part of reading, so such an answer is retried like any garbled one.
        var stats = await GetAsync(
            uri, Bearer,
            response =>
            {
                var read = Parse(response, LeadlexJsonContext.Default.LeadlexResponseDto, campaignId).Data?.Stats
                    ?? throw InvalidResponse(response, campaignId, "it has no data.stats object");
                return Valid(response, campaignId, read, AnswerRules.Problem(read.Counts(), read.Rates()));
            },
            campaignId, log, cancellationToken).ConfigureAwait(false);
        return new LeadlexCampaignStats(campaignId)
        {
            SentCount = stats.SentCount ?? 0,
            OpenedCount = stats.OpenedCount ?? 0,
            ClickedCount = stats.ClickedCount ?? 0,
            RepliedCount = stats.RepliedCount ?? 0,
            BouncedCount = stats.BouncedCount ?? 0,
            UnsubscribedCount = stats.UnsubscribedCount ?? 0,
            OpenRate = stats.OpenRate ?? 0,
            ClickRate = stats.ClickRate ?? 0,
            ReplyRate = stats.ReplyRate ?? 0,
        };
    }
}
