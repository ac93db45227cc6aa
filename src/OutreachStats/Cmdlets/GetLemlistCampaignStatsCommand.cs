using System.Management.Automation;
using OutreachStats.Model;

namespace OutreachStats.Cmdlets;

/// <summary>
/// Get-LemlistCampaignStats: one GET /v2/campaigns/{campaignId}/stats per campaign, a few in
/// flight at once, results in input order.
/// </summary>
[Cmdlet(VerbsCommon.Get, "LemlistCampaignStats")]
[OutputType(typeof(LemlistCampaignStats))]
[OutputType(typeof(LemlistStepStats))]
public sealed class GetLemlistCampaignStatsCommand : LemlistStatsCommand
{
    protected override void ProcessRecord()
    {
        foreach (var id in NewCampaignIds())
        {
            var window = Window;
            Start(id, token => Client.GetCampaignStatsAsync(id, window, Log, token), WriteCampaign);
        }
    }

    protected override void EndProcessing() => CompleteAll();
}
