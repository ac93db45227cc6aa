using System;

namespace OutreachStats.Model;

/// <summary>
/// What -Summary writes: the statistics rows of one campaign added up, once for the whole
/// campaign (Scope Campaign, no SequenceNumber) and once per sequence step (Scope Step). From
/// per-send rows, each row is one email sent; an open, click or bounce counts the sends that had
/// one; a reply is a reply time and counts each lead once, at the step it first replied to; an
/// unsubscribe counts each lead once, at its last send. The steps add up to the campaign.
/// </summary>
public sealed class SmartleadStatisticsSummary
{
    public const string CampaignScope = "Campaign";
    public const string StepScope = "Step";

    internal SmartleadStatisticsSummary(long campaignId, string scope, int? sequenceNumber, SmartleadStatisticsQuery query)
    {
        CampaignId = campaignId;
        Scope = scope;
        SequenceNumber = sequenceNumber;
        StartDate = query.StartDate;
        EndDate = query.EndDate;
        EmailStatus = query.EmailStatus;
    }

    public string Provider => nameof(OutreachProvider.Smartlead);
    public long CampaignId { get; }

    /// <summary>Campaign (the whole campaign) or Step (one sequence step).</summary>
    public string Scope { get; }

    /// <summary>The step; null on the campaign's row.</summary>
    public int? SequenceNumber { get; }

    /// <summary>How many statistics rows were added up.</summary>
    public int Rows { get; internal set; }
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

    public override string ToString() => Scope == CampaignScope ? CampaignId.ToString(System.Globalization.CultureInfo.InvariantCulture) : CampaignId + " step " + SequenceNumber;
}
