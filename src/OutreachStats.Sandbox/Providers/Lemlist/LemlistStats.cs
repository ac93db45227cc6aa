using System.Text.Json;
using OutreachStats.Sandbox.Data;

namespace OutreachStats.Sandbox.Providers.Lemlist;

/// <summary>lemlist's channels, as the channels filter names them.</summary>
[Flags]
internal enum LemlistChannels
{
    None = 0,
    Email = 1,
    Linkedin = 2,
    Others = 4,
    All = Email | Linkedin | Others,
}

/// <summary>
/// What a stats request asks for: the window in Unix milliseconds (both ends included), the team
/// sender (-1: all), the A/B variant ('\0': both) and the channels.
/// </summary>
internal sealed record LemlistFilter(long FromMs, long ToMs, int Sender, char Variant, LemlistChannels Channels)
{
    public static LemlistChannels ChannelOf(StepKind kind) => kind switch
    {
        StepKind.Email => LemlistChannels.Email,
        StepKind.LinkedinVisit or StepKind.LinkedinInvite or StepKind.LinkedinSend => LemlistChannels.Linkedin,
        _ => LemlistChannels.Others,
    };

    public bool Includes(PlanStep step) =>
        (Channels & ChannelOf(step.Kind)) != 0 && (!step.IsAbTest || Variant == '\0' || step.Variant == Variant);

    public bool Includes(long unixSeconds) => unixSeconds * 1000 >= FromMs && unixSeconds * 1000 <= ToMs;
}

/// <summary>
/// lemlist's statistics of one campaign under a filter. Every count is a count of records whose
/// time falls in the window (a message's outcomes are filed under its send time), so a narrower
/// window or any filter can only lower a number; campaign totals are the sums of the listed steps;
/// lead counts nest (answered ≤ reached ≤ launched ≤ leads).
/// </summary>
internal static class LemlistStats
{
    [Flags]
    private enum LeadMark : ushort
    {
        None = 0,
        Counted = 1,
        Launched = 2,
        Reached = 4,
        Opened = 8,
        Interacted = 16,
        Answered = 32,
        Interested = 64,
        NotInterested = 128,
        Unsubscribed = 256,
        Interrupted = 512,
    }

    public static void Write(Utf8JsonWriter json, LemlistCampaign campaign, LemlistFilter filter, bool withCampaignId)
    {
        var plan = campaign.Plan;
        var simulation = campaign.Simulation;
        var steps = new StepCounts[plan.Steps.Count];
        var marks = new LeadMark[plan.LeadCount];
        var leadIncluded = new bool[plan.LeadCount];
        for (var i = 0; i < plan.LeadCount; i++)
        {
            var lead = simulation.Leads[i];
            leadIncluded[i] = filter.Sender < 0 || campaign.Senders[lead.Sender] == filter.Sender;
            if (!leadIncluded[i]) continue;
            if (filter.Includes(lead.AddedAt)) marks[i] |= LeadMark.Counted;
            if (lead.LaunchedAt != CampaignSimulation.Never && filter.Includes(lead.LaunchedAt)) marks[i] |= LeadMark.Counted | LeadMark.Launched;
        }

        long invitationAccepted = 0, meetingBooked = 0;
        foreach (var message in simulation.Messages)
        {
            var step = plan.Steps[message.Step];
            if (!leadIncluded[message.Lead] || !filter.Includes(step) || !filter.Includes(message.SentAt)) continue;
            ref var counts = ref steps[message.Step];
            ref var mark = ref marks[message.Lead];
            mark |= LeadMark.Counted | LeadMark.Launched;
            if (!message.WasSent)
            {
                counts.NotDelivered++;
                continue;
            }
            counts.Sent++;
            if (step.Kind == StepKind.LinkedinInvite) counts.Invited++;
            if (message.Has(Outcome.Bounced)) counts.Bounced++;
            else
            {
                counts.Delivered++;
                mark |= LeadMark.Reached;
            }
            if (message.Has(Outcome.Opened))
            {
                counts.Opened++;
                mark |= LeadMark.Opened;
            }
            if (message.Has(Outcome.Clicked))
            {
                counts.Clicked++;
                mark |= LeadMark.Interacted;
            }
            if (message.Has(Outcome.Replied))
            {
                counts.Replied++;
                mark |= LeadMark.Interacted | LeadMark.Answered;
            }
            if (message.Has(Outcome.Unsubscribed))
            {
                counts.Unsubscribed++;
                mark |= LeadMark.Unsubscribed;
            }
            if (message.Has(Outcome.Interested)) mark |= LeadMark.Interested;
            if (message.Has(Outcome.NotInterested)) mark |= LeadMark.NotInterested;
            if (message.Has(Outcome.Interrupted)) mark |= LeadMark.Interrupted;
            if (message.Has(Outcome.InviteAccepted)) invitationAccepted++;
            if (message.Has(Outcome.MeetingBooked)) meetingBooked++;
        }

        var included = plan.Steps.Where(filter.Includes).ToList();
        var total = new StepCounts();
        foreach (var step in included) total.Add(steps[step.Index - 1]);

        json.WriteStartObject();
        if (withCampaignId) json.WriteString("campaignId", campaign.Id);
        json.WriteNumber("nbLeads", Count(marks, LeadMark.Counted));
        json.WriteNumber("nbLeadsLaunched", Count(marks, LeadMark.Launched));
        json.WriteNumber("nbLeadsReached", Count(marks, LeadMark.Reached));
        json.WriteNumber("nbLeadsOpened", Count(marks, LeadMark.Opened));
        json.WriteNumber("nbLeadsInteracted", Count(marks, LeadMark.Interacted));
        json.WriteNumber("nbLeadsAnswered", Count(marks, LeadMark.Answered));
        json.WriteNumber("nbLeadsInterested", Count(marks, LeadMark.Interested));
        json.WriteNumber("nbLeadsNotInterested", Count(marks, LeadMark.NotInterested));
        json.WriteNumber("nbLeadsUnsubscribed", Count(marks, LeadMark.Unsubscribed));
        json.WriteNumber("nbLeadsInterrupted", Count(marks, LeadMark.Interrupted));
        json.WriteNumber("messagesSent", total.Sent);
        json.WriteNumber("messagesNotSent", total.NotDelivered);
        json.WriteNumber("messagesBounced", total.Bounced);
        json.WriteNumber("delivered", total.Delivered);
        json.WriteNumber("opened", total.Opened);
        json.WriteNumber("clicked", total.Clicked);
        json.WriteNumber("replied", total.Replied);
        json.WriteNumber("invitationAccepted", invitationAccepted);
        json.WriteNumber("meetingBooked", meetingBooked);
        json.WriteStartArray("steps");
        foreach (var step in included)
        {
            var counts = steps[step.Index - 1];
            json.WriteStartObject();
            json.WriteNumber("index", step.Index);
            json.WriteString("sequenceId", campaign.SequenceIds[step.Sequence]);
            json.WriteNumber("sequenceStep", step.SequenceStep);
            if (step.IsAbTest) json.WriteString("abTest", step.Variant.ToString());
            json.WriteString("taskType", TaskType(step.Kind));
            if (step.ConditionLabel is { } label) json.WriteString("conditionLabel", label);
            json.WriteNumber("invited", counts.Invited);
            json.WriteNumber("sent", counts.Sent);
            json.WriteNumber("delivered", counts.Delivered);
            json.WriteNumber("opened", counts.Opened);
            json.WriteNumber("clicked", counts.Clicked);
            json.WriteNumber("replied", counts.Replied);
            json.WriteNumber("notDelivered", counts.NotDelivered);
            json.WriteNumber("bounced", counts.Bounced);
            json.WriteNumber("unsubscribed", counts.Unsubscribed);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static int Count(LeadMark[] marks, LeadMark mark) => marks.Count(m => (m & mark) != 0);

    private static string TaskType(StepKind kind) => kind switch
    {
        StepKind.Email => "email",
        StepKind.LinkedinVisit => "linkedinVisit",
        StepKind.LinkedinInvite => "linkedinInvite",
        StepKind.LinkedinSend => "linkedinSend",
        StepKind.Phone => "phone",
        StepKind.Manual => "manual",
        _ => "conditional",
    };

    private struct StepCounts
    {
        public long Invited;
        public long Sent;
        public long Delivered;
        public long Opened;
        public long Clicked;
        public long Replied;
        public long NotDelivered;
        public long Bounced;
        public long Unsubscribed;

        public void Add(StepCounts other)
        {
            Invited += other.Invited;
            Sent += other.Sent;
            Delivered += other.Delivered;
            Opened += other.Opened;
            Clicked += other.Clicked;
            Replied += other.Replied;
            NotDelivered += other.NotDelivered;
            Bounced += other.Bounced;
            Unsubscribed += other.Unsubscribed;
        }
    }
}
