using System;
using System.Management.Automation;
using OutreachStats.Connections;
using OutreachStats.Model;
using OutreachStats.Providers.Leadlex;

namespace OutreachStats.Cmdlets;

/// <summary>Get-LeadlexCampaignStats: one GET /v1/campaigns/{id}/stats per campaign.</summary>
[Cmdlet(VerbsCommon.Get, "LeadlexCampaignStats", HelpUri = OnlineHelp.ProjectUri + "#get-leadlexcampaignstats")]
[OutputType(typeof(LeadlexCampaignStats))]
public sealed class GetLeadlexCampaignStatsCommand : SingleRequestStatsCommand
{
    internal override OutreachProvider Provider => OutreachProvider.Leadlex;

    internal override Action<string> RequestFor(OutreachConnection connection) =>
        Requesting(connection.CreateClient<LeadlexClient>().GetCampaignStatsAsync);
}
