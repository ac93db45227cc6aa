namespace OutreachStats.Model;

/// <summary>
/// One Leadterra campaign's metrics: every documented field. The common metrics come first,
/// under the names every provider's rows share (about_OutreachStats maps them). Counts the API
/// leaves out read 0; what Leadterra does not count at all (opens as a count, clicks,
/// unsubscribes) is null, and so are the rates computed from them.
/// </summary>
public sealed class LeadterraCampaignStats
{
    internal LeadterraCampaignStats(string campaignId) => CampaignId = campaignId;

    public string Provider => nameof(OutreachProvider.Leadterra);

    /// <summary>The campaign asked for (Leadterra's campaignId).</summary>
    public string CampaignId { get; }

    /// <summary>Emails submitted for delivery, whatever the outcome (sent).</summary>
    public int Sent { get; internal set; }

    /// <summary>Emails accepted by the recipient's mail server (delivered).</summary>
    public int Delivered { get; internal set; }

    /// <summary>Always null: Leadterra documents an open rate but no count of opens (see OpenRateOfDelivered).</summary>
    public int? Opened => null;

    /// <summary>Always null: Leadterra documents no clicks.</summary>
    public int? Clicked => null;

    /// <summary>Leads who replied at least once (replied).</summary>
    public int Replied { get; internal set; }

    /// <summary>Emails that bounced, hard or soft (bounced).</summary>
    public int Bounced { get; internal set; }

    /// <summary>Always null: Leadterra documents no unsubscribes.</summary>
    public int? Unsubscribed => null;

    /// <summary>Always null: there is no count of opens to compute it from (see OpenRateOfDelivered).</summary>
    public double? OpenRate => CommonMetrics.Rate(Opened, Sent);

    /// <summary>Always null: Leadterra documents no clicks.</summary>
    public double? ClickRate => CommonMetrics.Rate(Clicked, Sent);

    /// <summary>Replied / Sent, from 0 to 1, unrounded; null when nothing was sent.</summary>
    public double? ReplyRate => CommonMetrics.Rate(Replied, Sent);

    /// <summary>Bounced / Sent, from 0 to 1; null when nothing was sent.</summary>
    public double? BounceRate => CommonMetrics.Rate(Bounced, Sent);

    /// <summary>Leads enrolled in the campaign, whatever their send state (totalEnrolled).</summary>
    public int TotalEnrolled { get; internal set; }

    /// <summary>Emails waiting in the send queue now (queued).</summary>
    public int Queued { get; internal set; }

    /// <summary>Leadterra's own openRate: unique opens over delivered emails, as sent (two decimals); null when it left it out.</summary>
    public double? OpenRateOfDelivered { get; internal set; }

    /// <summary>Leadterra's own replyRate: replied leads over delivered emails, as sent (two decimals); null when it left it out.</summary>
    public double? ReplyRateOfDelivered { get; internal set; }

    public override string ToString() => CampaignId;
}
