using System;

namespace OutreachStats.Model;

/// <summary>
/// One row of the per-send shape that Smartlead's live API returns: one email sent to one lead,
/// with what happened to it. Times are UTC, null when it did not happen. The rendered message
/// body (EmailMessage) is null unless -IncludeMessage asked for it.
/// </summary>
public sealed class SmartleadSendStats
{
    internal SmartleadSendStats(long campaignId, SmartleadStatisticsQuery query)
    {
        CampaignId = campaignId;
        StartDate = CommonMetrics.Iso(query.StartDate);
        EndDate = CommonMetrics.Iso(query.EndDate);
        EmailStatus = query.EmailStatus;
    }

    public string Provider => nameof(OutreachProvider.Smartlead);
    public long CampaignId { get; }

    /// <summary>The statistics entry's ID (stats_id), as text.</summary>
    public string? StatsId { get; internal set; }
    public string? LeadName { get; internal set; }
    public string? LeadEmail { get; internal set; }

    /// <summary>The lead's category (Interested, …); set by people or rules, it does not mean a reply.</summary>
    public string? LeadCategory { get; internal set; }
    public int SequenceNumber { get; internal set; }
    public string? EmailCampaignSeqId { get; internal set; }
    public string? SeqVariantId { get; internal set; }
    public string? EmailSubject { get; internal set; }

    /// <summary>The rendered body (about 10 KB); null unless -IncludeMessage.</summary>
    public string? EmailMessage { get; internal set; }
    public DateTime? SentTime { get; internal set; }
    public DateTime? OpenTime { get; internal set; }
    public DateTime? ClickTime { get; internal set; }

    /// <summary>When the lead replied; a reply is a reply time.</summary>
    public DateTime? ReplyTime { get; internal set; }

    /// <summary>The send was opened (an open_time or an open_count): the per-send form of a campaign's Opened.</summary>
    public bool Opened => OpenTime is not null || OpenCount > 0;

    /// <summary>The send was clicked (a click_time or a click_count).</summary>
    public bool Clicked => ClickTime is not null || ClickCount > 0;

    /// <summary>The send carries a reply time. One reply can show on several sends of a lead: -Summary counts each lead once.</summary>
    public bool Replied => ReplyTime is not null;

    /// <summary>The send bounced (is_bounced).</summary>
    public bool Bounced { get; internal set; }

    /// <summary>The lead unsubscribed (is_unsubscribed). -Summary counts each lead once.</summary>
    public bool Unsubscribed { get; internal set; }

    /// <summary>Opens of the send (open_count).</summary>
    public int OpenCount { get; internal set; }

    /// <summary>Clicks of the send (click_count).</summary>
    public int ClickCount { get; internal set; }
    public bool IgnoreReply { get; internal set; }

    /// <summary>The -StartDate filter (sent after): ISO 8601 in UTC, or null.</summary>
    public string? StartDate { get; }

    /// <summary>The -EndDate filter (sent before): ISO 8601 in UTC, or null.</summary>
    public string? EndDate { get; }

    /// <summary>The -EmailStatus filter, or empty.</summary>
    public string EmailStatus { get; }

    public override string ToString() => CampaignId + " " + (StatsId ?? LeadEmail ?? string.Empty);
}
