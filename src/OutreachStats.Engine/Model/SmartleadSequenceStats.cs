using System;

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
        StartDate = query.StartDate;
        EndDate = query.EndDate;
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
    public int Unsubscribed { get; internal set; }
    public int Bounced { get; internal set; }

    /// <summary>The -StartDate filter in UTC (sent after), or null.</summary>
    public DateTime? StartDate { get; }

    /// <summary>The -EndDate filter in UTC (sent before), or null.</summary>
    public DateTime? EndDate { get; }

    /// <summary>The -EmailStatus filter, or empty.</summary>
    public string EmailStatus { get; }

    public override string ToString() => CampaignId + " step " + SequenceNumber;
}
