namespace OutreachStats.Model;

/// <summary>
/// One step of a lemlist campaign: every documented step field, with the campaign, window and
/// filters on each row so that a flat export of steps needs no join.
/// </summary>
public sealed class LemlistStepStats
{
    internal LemlistStepStats(string campaignId, LemlistStatsWindow window)
    {
        CampaignId = campaignId;
        StartDate = CommonMetrics.Iso(window.StartDate);
        EndDate = CommonMetrics.Iso(window.EndDate);
        SendUser = window.SendUser;
        ABVersion = window.ABVersion;
        Channels = window.Channels;
    }

    public string Provider => nameof(OutreachProvider.Lemlist);
    public string CampaignId { get; }

    /// <summary>Start of the window asked for: ISO 8601 in UTC.</summary>
    public string StartDate { get; }

    /// <summary>End of the window asked for: ISO 8601 in UTC.</summary>
    public string EndDate { get; }
    public string SendUser { get; }
    public string ABVersion { get; }
    public string Channels { get; }

    /// <summary>The step's index in the campaign.</summary>
    public int Index { get; internal set; }
    public string? SequenceId { get; internal set; }

    /// <summary>The step's number within its sequence.</summary>
    public int SequenceStep { get; internal set; }

    /// <summary>The A/B variant of the step, when it has one.</summary>
    public string? AbTest { get; internal set; }

    /// <summary>email, linkedinVisit, linkedinInvite, linkedinSend, phone, manual or conditional.</summary>
    public string? TaskType { get; internal set; }
    public string? ConditionLabel { get; internal set; }
    public int Sent { get; internal set; }
    public int Delivered { get; internal set; }
    public int Opened { get; internal set; }
    public int Clicked { get; internal set; }
    public int Replied { get; internal set; }
    public int Bounced { get; internal set; }
    public int Unsubscribed { get; internal set; }

    /// <summary>Opened / Sent, from 0 to 1; null when the step sent nothing.</summary>
    public double? OpenRate => CommonMetrics.Rate(Opened, Sent);

    /// <summary>Clicked / Sent, from 0 to 1; null when the step sent nothing.</summary>
    public double? ClickRate => CommonMetrics.Rate(Clicked, Sent);

    /// <summary>Replied / Sent, from 0 to 1; null when the step sent nothing.</summary>
    public double? ReplyRate => CommonMetrics.Rate(Replied, Sent);

    /// <summary>Bounced / Sent, from 0 to 1; null when the step sent nothing.</summary>
    public double? BounceRate => CommonMetrics.Rate(Bounced, Sent);

    public int Invited { get; internal set; }
    public int NotDelivered { get; internal set; }

    public override string ToString() => CampaignId + " step " + Index;
}
