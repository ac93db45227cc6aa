namespace OutreachStats.Model;

/// <summary>
/// One Leadlex campaign's statistics, aggregated by Leadlex across all steps and enrolled
/// contacts: every documented count and rate. Counts the API leaves out read 0; rates are
/// fractions from 0 to 1, as Leadlex sends them (computed as documented when it leaves one out),
/// and null when nothing was sent.
/// </summary>
public sealed class LeadlexCampaignStats
{
    internal LeadlexCampaignStats(string campaignId) => CampaignId = campaignId;

    public string Provider => nameof(OutreachProvider.Leadlex);
    public string CampaignId { get; }

    /// <summary>Emails successfully dispatched (sent_count).</summary>
    public int SentCount { get; internal set; }

    /// <summary>Unique opens, deduplicated per recipient per step (opened_count).</summary>
    public int OpenedCount { get; internal set; }

    /// <summary>Unique link clicks (clicked_count).</summary>
    public int ClickedCount { get; internal set; }

    /// <summary>Recipients who replied at least once (replied_count).</summary>
    public int RepliedCount { get; internal set; }

    /// <summary>Hard and soft bounces (bounced_count).</summary>
    public int BouncedCount { get; internal set; }

    /// <summary>Recipients who unsubscribed (unsubscribed_count).</summary>
    public int UnsubscribedCount { get; internal set; }

    /// <summary>opened_count / sent_count, from 0 to 1; null when nothing was sent (0/0 is no rate).</summary>
    public double? OpenRate { get; internal set; }

    /// <summary>clicked_count / sent_count, from 0 to 1; null when nothing was sent (0/0 is no rate).</summary>
    public double? ClickRate { get; internal set; }

    /// <summary>replied_count / sent_count, from 0 to 1; null when nothing was sent (0/0 is no rate).</summary>
    public double? ReplyRate { get; internal set; }

    public override string ToString() => CampaignId;
}
