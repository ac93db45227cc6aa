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
        StartDate = query.StartDate;
        EndDate = query.EndDate;
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
    public int OpenCount { get; internal set; }
    public int ClickCount { get; internal set; }
    public bool IsUnsubscribed { get; internal set; }
    public bool IsBounced { get; internal set; }
    public bool IgnoreReply { get; internal set; }

    /// <summary>The -StartDate filter in UTC (sent after), or null.</summary>
    public DateTime? StartDate { get; }

    /// <summary>The -EndDate filter in UTC (sent before), or null.</summary>
    public DateTime? EndDate { get; }

    /// <summary>The -EmailStatus filter, or empty.</summary>
    public string EmailStatus { get; }

    public override string ToString() => CampaignId + " " + (StatsId ?? LeadEmail ?? string.Empty);
}
