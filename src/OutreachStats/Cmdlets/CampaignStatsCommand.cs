using System.Collections.Generic;
using System.Management.Automation;

namespace OutreachStats.Cmdlets;

/// <summary>
/// A statistics cmdlet of a provider whose campaign IDs are text (lemlist, Leadlex, Leadterra):
/// the IDs, by value or by property name (CampaignId or Id), each checked before any request.
/// </summary>
public abstract class CampaignStatsCommand : OutreachCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateNotNullOrEmpty]
    [ValidateCampaignId]
    public string[] CampaignId { get; set; } = null!;

    /// <summary>The IDs of this input not seen before in this command; repeats are skipped, once each campaign.</summary>
    internal IEnumerable<string> NewCampaignIds() => Unseen(CampaignId);
}
