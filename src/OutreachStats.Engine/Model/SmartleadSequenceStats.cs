namespace OutreachStats.Model;

/// <summary>
/// One row of Smartlead's documented statistics shape: one sequence step of one campaign, with
/// its counts for the filters asked for (repeated on the row). Counts the API leaves out read 0.
/// </summary>
public sealed class SmartleadSequenceStats
{
    internal SmartleadSequenceStats(long campaignId, SmartleadStatisticsQuery query)
    {
        CampaignId = campaignId;
        StartDate = CommonMetrics.Iso(query.StartDate);
        EndDate = CommonMetrics.Iso(query.EndDate);
        EmailStatus = query.EmailStatus;
    }

    public string Provider => nameof(OutreachProvider.Smartlead);

    /// <summary>The campaign asked for (the row's campaign_id names the same campaign).</summary>
    public long CampaignId { get; }

    /// <summary>The step's number in the sequence (sequence_number).</summary>
    public int SequenceNumber { get; internal set; }
    public int Sent { get; internal set; }
    public int Opened { get; internal set; }
    public int Clicked { get; internal set; }
    public int Replied { get; internal set; }
    public int Bounced { get; internal set; }
    public int Unsubscribed { get; internal set; }

    /// <summary>Opened / Sent, from 0 to 1; null when nothing was sent.</summary>
    public double? OpenRate => CommonMetrics.Rate(Opened, Sent);

    /// <summary>Clicked / Sent, from 0 to 1; null when nothing was sent.</summary>
    public double? ClickRate => CommonMetrics.Rate(Clicked, Sent);

    /// <summary>Replied / Sent, from 0 to 1; null when nothing was sent.</summary>
    public double? ReplyRate => CommonMetrics.Rate(Replied, Sent);

    /// <summary>Bounced / Sent, from 0 to 1; null when nothing was sent.</summary>
    public double? BounceRate => CommonMetrics.Rate(Bounced, Sent);

    /// <summary>The -StartDate filter (sent after): ISO 8601 in UTC, or null.</summary>
    public string? StartDate { get; }

    /// <summary>The -EndDate filter (sent before): ISO 8601 in UTC, or null.</summary>
    public string? EndDate { get; }

    /// <summary>The -EmailStatus filter, or empty.</summary>
    public string EmailStatus { get; }

    public override string ToString() => CampaignId + " step " + SequenceNumber;
}
