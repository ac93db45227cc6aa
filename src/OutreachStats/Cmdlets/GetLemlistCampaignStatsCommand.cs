using System.Management.Automation;
using OutreachStats.Model;

namespace OutreachStats.Cmdlets;

/// <summary>
/// Get-LemlistCampaignStats: one GET /v2/campaigns/{campaignId}/stats per campaign, as many in
/// flight as the key's budget allows, results in input order.
/// </summary>
[Cmdlet(VerbsCommon.Get, "LemlistCampaignStats", HelpUri = OnlineHelp.ProjectUri + "#get-lemlistcampaignstats")]
[OutputType(typeof(LemlistCampaignStats))]
[OutputType(typeof(LemlistStepStats))]
public sealed class GetLemlistCampaignStatsCommand : LemlistStatsCommand
{
    protected override void ProcessRecord()
    {
        foreach (var id in NewCampaignIds(CampaignId))
        {
            var window = Window;
            Requests.Start(id, token => Client.GetCampaignStatsAsync(id, window, Log, token), WriteCampaign);
        }
    }
}
