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
            SentCount = stats.SentCount ?? 0,
            OpenedCount = stats.OpenedCount ?? 0,
            ClickedCount = stats.ClickedCount ?? 0,
            RepliedCount = stats.RepliedCount ?? 0,
            BouncedCount = stats.BouncedCount ?? 0,
            UnsubscribedCount = stats.UnsubscribedCount ?? 0,
            OpenRate = AnswerRules.Rate(stats.OpenRate, stats.OpenedCount ?? 0, stats.SentCount ?? 0),
            ClickRate = AnswerRules.Rate(stats.ClickRate, stats.ClickedCount ?? 0, stats.SentCount ?? 0),
            ReplyRate = AnswerRules.Rate(stats.ReplyRate, stats.RepliedCount ?? 0, stats.SentCount ?? 0),
        };
    }
}
