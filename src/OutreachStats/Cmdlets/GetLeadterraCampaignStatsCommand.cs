using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using OutreachStats.Connections;
using OutreachStats.Model;

namespace OutreachStats.Cmdlets;

/// <summary>Get-LeadterraCampaignStats: one GET /v1/campaigns/:id/stats per campaign.</summary>
[Cmdlet(VerbsCommon.Get, "LeadterraCampaignStats")]
[OutputType(typeof(LeadterraCampaignStats))]
public sealed class GetLeadterraCampaignStatsCommand : SingleRequestStatsCommand<LeadterraCampaignStats>
{
    internal override OutreachProvider Provider => OutreachProvider.Leadterra;

    internal override Func<string, Action<string>?, CancellationToken, Task<LeadterraCampaignStats>> Client(OutreachConnection connection) =>
        connection.CreateLeadterraClient().GetCampaignStatsAsync;
}
