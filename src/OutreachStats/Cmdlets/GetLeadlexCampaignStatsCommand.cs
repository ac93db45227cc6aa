using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using OutreachStats.Connections;
using OutreachStats.Model;

namespace OutreachStats.Cmdlets;

/// <summary>Get-LeadlexCampaignStats: one GET /v1/campaigns/{id}/stats per campaign.</summary>
[Cmdlet(VerbsCommon.Get, "LeadlexCampaignStats")]
[OutputType(typeof(LeadlexCampaignStats))]
public sealed class GetLeadlexCampaignStatsCommand : SingleRequestStatsCommand<LeadlexCampaignStats>
{
    internal override OutreachProvider Provider => OutreachProvider.Leadlex;

    internal override Func<string, Action<string>?, CancellationToken, Task<LeadlexCampaignStats>> Client(OutreachConnection connection) =>
        connection.CreateLeadlexClient().GetCampaignStatsAsync;
}
