using System;

namespace OutreachStats.Model;

/// <summary>
/// One lemlist campaign's statistics for one window and set of filters. Every field of the
/// documented response is here, plus the campaign and what was asked, so an exported row
/// explains itself. Counts the API leaves out read as 0.
/// </summary>
public sealed class LemlistCampaignStats
{
    internal LemlistCampaignStats(string campaignId, LemlistStatsWindow window)
    {
        CampaignId = campaignId;
        StartDate = window.StartDate;
        EndDate = window.EndDate;
        SendUser = window.SendUser;
        ABVersion = window.ABVersion;
        Channels = window.Channels;
        Steps = LemlistStepCollection.Empty;
    }

    public string Provider => nameof(OutreachProvider.Lemlist);
    public string CampaignId { get; }

    /// <summary>Start of the window asked for, in UTC.</summary>
    public DateTime StartDate { get; }

    /// <summary>End of the window asked for, in UTC.</summary>
    public DateTime EndDate { get; }

    /// <summary>The send-user filter (<c>usr_…|email</c>), or empty when all senders were counted.</summary>
    public string SendUser { get; }

    /// <summary>The A/B version filter (A or B), or empty for both.</summary>
    public string ABVersion { get; }

    /// <summary>The channels counted, comma-separated, or empty for all.</summary>
    public string Channels { get; }

    public int NbLeads { get; internal set; }
    public int NbLeadsLaunched { get; internal set; }
    public int NbLeadsReached { get; internal set; }
    public int NbLeadsOpened { get; internal set; }
    public int NbLeadsInteracted { get; internal set; }
    public int NbLeadsAnswered { get; internal set; }
    public int NbLeadsInterested { get; internal set; }
    public int NbLeadsNotInterested { get; internal set; }
    public int NbLeadsUnsubscribed { get; internal set; }
    public int NbLeadsInterrupted { get; internal set; }
    public int MessagesSent { get; internal set; }
    public int MessagesNotSent { get; internal set; }
    public int MessagesBounced { get; internal set; }
    public int Delivered { get; internal set; }
    public int Opened { get; internal set; }
    public int Clicked { get; internal set; }
    public int Replied { get; internal set; }
    public int InvitationAccepted { get; internal set; }
    public int MeetingBooked { get; internal set; }

    /// <summary>The campaign's steps; exported to CSV as a count ("3 steps"). Use -PerStep for one row per step.</summary>
    public LemlistStepCollection Steps { get; internal set; }

    public override string ToString() => CampaignId;
}
