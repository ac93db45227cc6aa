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
        StartDate = CommonMetrics.Iso(query.StartDate);
        EndDate = CommonMetrics.Iso(query.EndDate);
        EmailStatus = query.EmailStatus;
    }

    public string Provider => nameof(OutreachProvider.Smartlead);
    public long CampaignId { get; }

    /// <summary>Campaign (the whole campaign) or Step (one sequence step).</summary>
    public string Scope { get; }

    /// <summary>The step; null on the campaign's row.</summary>
    public int? SequenceNumber { get; }

    public int Sent { get; internal set; }

    /// <summary>Always null: Smartlead documents no count of delivered emails.</summary>
    public int? Delivered => null;

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

    /// <summary>How many statistics rows were added up.</summary>
    public int Rows { get; internal set; }

    /// <summary>The -StartDate filter (sent after): ISO 8601 in UTC, or null.</summary>
    public string? StartDate { get; }

    /// <summary>The -EndDate filter (sent before): ISO 8601 in UTC, or null.</summary>
    public string? EndDate { get; }

    /// <summary>The -EmailStatus filter, or empty.</summary>
    public string EmailStatus { get; }

    public override string ToString() => Scope == CampaignScope ? CampaignId.ToString(System.Globalization.CultureInfo.InvariantCulture) : CampaignId + " step " + SequenceNumber;
}
