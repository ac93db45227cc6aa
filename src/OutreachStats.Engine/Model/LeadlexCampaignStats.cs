namespace OutreachStats.Model;

/// <summary>
/// One Leadlex campaign's statistics, aggregated by Leadlex across all steps and enrolled
/// contacts: every documented count and rate. The common metrics come first, under the names
/// every provider's rows share (about_OutreachStats maps them). Counts the API leaves out read 0;
/// Leadlex documents no count of delivered emails, so Delivered is null.
/// </summary>
public sealed class LeadlexCampaignStats
{
    internal LeadlexCampaignStats(string campaignId) => CampaignId = campaignId;

    public string Provider => nameof(OutreachProvider.Leadlex);
    public string CampaignId { get; }

    /// <summary>Emails successfully dispatched (sent_count).</summary>
    public int Sent { get; internal set; }

    /// <summary>Always null: Leadlex documents no count of delivered emails.</summary>
    public int? Delivered => null;

    /// <summary>Unique opens, deduplicated per recipient per step (opened_count).</summary>
    public int Opened { get; internal set; }

    /// <summary>Unique link clicks (clicked_count).</summary>
    public int Clicked { get; internal set; }

    /// <summary>Recipients who replied at least once (replied_count).</summary>
    public int Replied { get; internal set; }

    /// <summary>Hard and soft bounces (bounced_count).</summary>
    public int Bounced { get; internal set; }

    /// <summary>Recipients who unsubscribed (unsubscribed_count).</summary>
    public int Unsubscribed { get; internal set; }

    /// <summary>Opened / Sent, from 0 to 1, unrounded; null when nothing was sent.</summary>
    public double? OpenRate => CommonMetrics.Rate(Opened, Sent);

    /// <summary>Clicked / Sent, from 0 to 1, unrounded; null when nothing was sent.</summary>
    public double? ClickRate => CommonMetrics.Rate(Clicked, Sent);

    /// <summary>Replied / Sent, from 0 to 1, unrounded; null when nothing was sent.</summary>
    public double? ReplyRate => CommonMetrics.Rate(Replied, Sent);

    /// <summary>Bounced / Sent, from 0 to 1; null when nothing was sent.</summary>
    public double? BounceRate => CommonMetrics.Rate(Bounced, Sent);

    /// <summary>Leadlex's own open_rate (opened_count / sent_count as Leadlex rounds it), as sent; null when it left it out.</summary>
    public double? OpenRateRounded { get; internal set; }

    /// <summary>Leadlex's own click_rate, as sent; null when it left it out.</summary>
    public double? ClickRateRounded { get; internal set; }

    /// <summary>Leadlex's own reply_rate, as sent; null when it left it out.</summary>
    public double? ReplyRateRounded { get; internal set; }

    public override string ToString() => CampaignId;
}
