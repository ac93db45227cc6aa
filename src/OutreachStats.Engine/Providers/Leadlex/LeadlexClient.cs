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
    public LeadlexClient(Uri baseUri, ApiTransport transport)
        : base(LeadlexProvider.Definition, baseUri, transport)
    {
    }

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
            campaignId, ForCampaign(campaignId, log), cancellationToken).ConfigureAwait(false);
        return new LeadlexCampaignStats(campaignId)
        {
            Sent = stats.SentCount ?? 0,
            Opened = stats.OpenedCount ?? 0,
            Clicked = stats.ClickedCount ?? 0,
            Replied = stats.RepliedCount ?? 0,
            Bounced = stats.BouncedCount ?? 0,
            Unsubscribed = stats.UnsubscribedCount ?? 0,
            OpenRateRounded = stats.OpenRate,
            ClickRateRounded = stats.ClickRate,
            ReplyRateRounded = stats.ReplyRate,
        };
    }
}
