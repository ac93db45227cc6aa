using System;
using System.Management.Automation;
using OutreachStats.Connections;
using OutreachStats.Model;
using OutreachStats.Providers.Leadterra;

namespace OutreachStats.Cmdlets;

/// <summary>Get-LeadterraCampaignStats: one GET /v1/campaigns/:id/stats per campaign.</summary>
[Cmdlet(VerbsCommon.Get, "LeadterraCampaignStats", HelpUri = OnlineHelp.ProjectUri + "#get-leadterracampaignstats")]
[OutputType(typeof(LeadterraCampaignStats))]
public sealed class GetLeadterraCampaignStatsCommand : SingleRequestStatsCommand
{
    internal override OutreachProvider Provider => OutreachProvider.Leadterra;

    internal override Action<string> RequestFor(OutreachConnection connection) =>
        Requesting(connection.CreateClient<LeadterraClient>().GetCampaignStatsAsync);
}
