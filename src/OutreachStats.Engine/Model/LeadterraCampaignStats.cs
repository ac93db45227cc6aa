namespace OutreachStats.Model;

/// <summary>
/// One Leadterra campaign's metrics: every documented field. Counts the API leaves out read 0;
/// rates are fractions from 0 to 1 of delivered emails, as Leadterra sends them.
/// </summary>
public sealed class LeadterraCampaignStats
{
    internal LeadterraCampaignStats(string campaignId) => CampaignId = campaignId;

    public string Provider => nameof(OutreachProvider.Leadterra);

    /// <summary>The campaign asked for (Leadterra's campaignId).</summary>
    public string CampaignId { get; }

    /// <summary>Leads enrolled in the campaign, whatever their send state.</summary>
    public int TotalEnrolled { get; internal set; }

    /// <summary>Emails submitted for delivery, whatever the outcome.</summary>
    public int Sent { get; internal set; }

    /// <summary>Emails accepted by the recipient's mail server.</summary>
    public int Delivered { get; internal set; }

    /// <summary>Emails that bounced (hard or soft).</summary>
    public int Bounced { get; internal set; }

    /// <summary>Leads who replied at least once.</summary>
    public int Replied { get; internal set; }

    /// <summary>Emails waiting in the send queue now.</summary>
    public int Queued { get; internal set; }

    /// <summary>Unique opens / delivered, from 0 to 1; null when nothing was delivered (0/0 is no rate) or Leadterra left it out.</summary>
    public double? OpenRate { get; internal set; }

    /// <summary>Replied leads / delivered, from 0 to 1; null when nothing was delivered (0/0 is no rate).</summary>
    public double? ReplyRate { get; internal set; }

    public override string ToString() => CampaignId;
}
