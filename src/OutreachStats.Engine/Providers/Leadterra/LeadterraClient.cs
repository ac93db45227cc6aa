using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using OutreachStats.Http;
using OutreachStats.Model;

namespace OutreachStats.Providers.Leadterra;

/// <summary>Leadterra's campaign metrics endpoint: GET /v1/campaigns/:id/stats, with Bearer authentication.</summary>
internal sealed class LeadterraClient : ProviderClient
{
    public LeadterraClient(Uri baseUri, ApiTransport transport)
        : base(LeadterraProvider.Definition, baseUri, transport)
    {
    }

    public async Task<LeadterraCampaignStats> GetCampaignStatsAsync(string campaignId, Action<string>? log, CancellationToken cancellationToken)
    {
        var uri = new Uri(BaseAddress + "/v1/campaigns/" + Segment(campaignId) + "/stats");
        // The answer names its campaign: another campaign's metrics (a cache or proxy mix-up) must
        // not be written under this ID. The check is part of reading, so such an answer is retried.
        var dto = await GetAsync(
            uri, Bearer,
            response =>
            {
                var read = Parse(response, LeadterraJsonContext.Default.LeadterraStatsDto, campaignId);
                return read.CampaignId is { } answered && !string.Equals(answered, campaignId, StringComparison.Ordinal)
                    ? throw InvalidResponse(response, campaignId, $"it holds the metrics of campaign '{Transport.Redact(answered)}'")
                    : Valid(response, campaignId, read, AnswerRules.Problem(read.Counts(), read.Rates()));
            },
            campaignId, ForCampaign(campaignId, log), cancellationToken).ConfigureAwait(false);
        return new LeadterraCampaignStats(campaignId)
        {
            Sent = dto.Sent ?? 0,
            Delivered = dto.Delivered ?? 0,
            Replied = dto.Replied ?? 0,
            Bounced = dto.Bounced ?? 0,
            TotalEnrolled = dto.TotalEnrolled ?? 0,
            Queued = dto.Queued ?? 0,
            OpenRateOfDelivered = dto.OpenRate,
            ReplyRateOfDelivered = dto.ReplyRate,
        };
    }
}
