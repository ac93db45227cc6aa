namespace OutreachStats.Model;

/// <summary>
/// One lemlist campaign's statistics for one window and set of filters. Every field of the
/// documented response is here, plus the campaign and what was asked, so an exported row
/// explains itself. The common metrics come first, under the names every provider's rows share
/// (about_OutreachStats maps them); lemlist's own fields follow. Counts the API leaves out read 0.
/// </summary>
public sealed class LemlistCampaignStats
{
    internal LemlistCampaignStats(string campaignId, LemlistStatsWindow window)
    {
        CampaignId = campaignId;
        StartDate = CommonMetrics.Iso(window.StartDate);
        EndDate = CommonMetrics.Iso(window.EndDate);
        SendUser = window.SendUser;
        ABVersion = window.ABVersion;
        Channels = window.Channels;
        Steps = LemlistStepCollection.Empty;
    }

    public string Provider => nameof(OutreachProvider.Lemlist);
    public string CampaignId { get; }

    /// <summary>Start of the window asked for: ISO 8601 in UTC (2025-02-28T23:00:00.000Z).</summary>
    public string StartDate { get; }

    /// <summary>End of the window asked for: ISO 8601 in UTC (2025-03-31T21:59:59.999Z).</summary>
    public string EndDate { get; }

    /// <summary>The send-user filter (<c>usr_…|email</c>), or empty when all senders were counted.</summary>
    public string SendUser { get; }

    /// <summary>The A/B version filter (A or B), or empty for both.</summary>
    public string ABVersion { get; }

    /// <summary>The channels counted, comma-separated, or empty for all.</summary>
    public string Channels { get; }

    /// <summary>Messages sent (lemlist's messagesSent).</summary>
    public int Sent { get; internal set; }

    /// <summary>Messages delivered (delivered).</summary>
    public int Delivered { get; internal set; }

    /// <summary>Messages opened (opened).</summary>
    public int Opened { get; internal set; }

    /// <summary>Messages with clicks (clicked).</summary>
    public int Clicked { get; internal set; }

    /// <summary>Messages that received replies (replied).</summary>
    public int Replied { get; internal set; }

    /// <summary>Messages that bounced (messagesBounced).</summary>
    public int Bounced { get; internal set; }

    /// <summary>Leads that unsubscribed (nbLeadsUnsubscribed): lemlist counts unsubscribes per lead.</summary>
    public int Unsubscribed { get; internal set; }

    /// <summary>Opened / Sent, from 0 to 1; null when nothing was sent.</summary>
    public double? OpenRate => CommonMetrics.Rate(Opened, Sent);

    /// <summary>Clicked / Sent, from 0 to 1; null when nothing was sent.</summary>
    public double? ClickRate => CommonMetrics.Rate(Clicked, Sent);

    /// <summary>Replied / Sent, from 0 to 1; null when nothing was sent.</summary>
    public double? ReplyRate => CommonMetrics.Rate(Replied, Sent);

    /// <summary>Bounced / Sent, from 0 to 1; null when nothing was sent.</summary>
    public double? BounceRate => CommonMetrics.Rate(Bounced, Sent);

    public int NbLeads { get; internal set; }
    public int NbLeadsLaunched { get; internal set; }
    public int NbLeadsReached { get; internal set; }
    public int NbLeadsOpened { get; internal set; }
    public int NbLeadsInteracted { get; internal set; }
    public int NbLeadsAnswered { get; internal set; }
    public int NbLeadsInterested { get; internal set; }
    public int NbLeadsNotInterested { get; internal set; }
    public int NbLeadsInterrupted { get; internal set; }
    public int MessagesNotSent { get; internal set; }
    public int InvitationAccepted { get; internal set; }
    public int MeetingBooked { get; internal set; }

    /// <summary>The campaign's steps; exported to CSV as a count ("3 steps"). Use -PerStep for one row per step.</summary>
    public LemlistStepCollection Steps { get; internal set; }

    public override string ToString() => CampaignId;
}
