namespace OutreachStats.Sandbox.Data;

/// <summary>What became of one message. Replies and their classification sit on the message replied to.</summary>
[Flags]
internal enum Outcome : ushort
{
    None = 0,
    NotSent = 1,
    Bounced = 2,
    Opened = 4,
    Clicked = 8,
    Replied = 16,
    Unsubscribed = 32,
    InviteAccepted = 64,
    Interested = 128,
    NotInterested = 256,
    MeetingBooked = 512,
    Interrupted = 1024,
}

/// <summary>One lead: when it was added and launched, its sender, its A/B variant and its reply (if any).</summary>
internal readonly record struct SimulatedLead(long AddedAt, long LaunchedAt, int Sender, char Variant, long ReplyAt)
{
    public bool HasReplied => ReplyAt != CampaignSimulation.Never;
}

/// <summary>
/// One message (or LinkedIn action, or task) of one lead at one step. <see cref="SentAt"/> is the
/// moment every count of the message is filed under, so a date window that holds the send holds
/// its opens and replies too, and opened ≤ delivered ≤ sent in every window.
/// </summary>
internal readonly record struct SimulatedMessage(int Lead, int Step, long SentAt, long OpenAt, long ClickAt, Outcome Outcome)
{
    public bool Has(Outcome outcome) => (Outcome & outcome) != 0;

    public bool WasSent => !Has(Outcome.NotSent);
}

/// <summary>An email due after the data's end: waiting in the send queue.</summary>
internal readonly record struct QueuedMessage(int Lead, int Step, long DueAt);

/// <summary>
/// A campaign played out lead by lead until the data's end. Each lead draws from a generator of its
/// own (seed, provider, campaign, lead), so the result depends on nothing but those.
/// </summary>
internal sealed class CampaignSimulation
{
    public const long Never = long.MaxValue;

    private const int Day = 86_400;

    private CampaignSimulation(CampaignPlan plan, SimulatedLead[] leads, SimulatedMessage[] messages, QueuedMessage[] queued)
    {
        Plan = plan;
        Leads = leads;
        Messages = messages;
        Queued = queued;
    }

    public CampaignPlan Plan { get; }

    public IReadOnlyList<SimulatedLead> Leads { get; }

    /// <summary>Lead by lead, each lead's in the order sent.</summary>
    public IReadOnlyList<SimulatedMessage> Messages { get; }

    public IReadOnlyList<QueuedMessage> Queued { get; }

    public static CampaignSimulation Run(CampaignPlan plan, CampaignKey key, long dataEnd)
    {
        var slots = Enumerable.Range(0, plan.Steps.Max(s => s.Sequence) + 1).Select(plan.Slots).ToArray();
        var leads = new SimulatedLead[plan.LeadCount];
        var messages = new List<SimulatedMessage>(plan.LeadCount * 4);
        var queued = new List<QueuedMessage>();
        for (var lead = 0; lead < plan.LeadCount; lead++)
        {
            var rng = key.Generator(Stream.Lead, (ulong)lead);
            leads[lead] = PlayLead(plan, slots, lead, ref rng, dataEnd, messages, queued);
        }
        return new CampaignSimulation(plan, leads, messages.ToArray(), queued.ToArray());
    }

    private static SimulatedLead PlayLead(
        CampaignPlan plan, IReadOnlyList<PlanStep[]>[] slots, int lead, ref Prng rng, long dataEnd,
        List<SimulatedMessage> messages, List<QueuedMessage> queued)
    {
        var rates = plan.Rates;
        var addedAt = plan.CreatedAt + rng.Next(plan.AddSpanDays * Day);
        var launchedAt = addedAt + rng.Next(2 * Day);
        var sender = rng.Next(plan.SenderCount);
        var variant = rng.Next(2) == 0 ? 'A' : 'B';
        if (launchedAt > dataEnd)
        {
            if (addedAt <= dataEnd && plan.Steps[0].Kind == StepKind.Email) queued.Add(new QueuedMessage(lead, 0, launchedAt));
            return new SimulatedLead(addedAt, Never, sender, variant, Never);
        }

        var replyAt = Never;
        var openedAny = false;
        var clickedAny = false;
        var accepted = false;
        var stopped = false;
        var t = launchedAt;
        var sequence = 0;
        var position = 0;
        while (!stopped && position < slots[sequence].Count)
        {
            var slot = slots[sequence][position++];
            var step = slot.Length == 1 ? slot[0] : slot.First(s => s.Variant == variant);
            t += step.DelayDays * (long)Day + rng.Next(6 * 3600);
            if (t > dataEnd)
            {
                if (step.Kind == StepKind.Email) queued.Add(new QueuedMessage(lead, step.Index - 1, t));
                break;
            }
            // Steps due after the reply are never sent: replying stops the sequence.
            if (t >= replyAt) break;

            var outcome = Outcome.None;
            long openAt = 0, clickAt = 0;
            switch (step.Kind)
            {
                case StepKind.Conditional:
                    var met = step.Condition switch
                    {
                        Condition.OpenedEmail => openedAny,
                        Condition.ClickedLink => clickedAny,
                        _ => accepted,
                    };
                    if (met)
                    {
                        sequence = step.BranchSequence;
                        position = 0;
                    }
                    continue;
                case StepKind.Email:
                    if (rng.Chance(rates.NotSent))
                    {
                        outcome = Outcome.NotSent;
                        break;
                    }
                    if (rng.Chance(rates.Bounce))
                    {
                        outcome = Outcome.Bounced | Outcome.Interrupted;
                        stopped = true;
                        break;
                    }
                    if (rng.Chance(rates.Open) && t + 60 + rng.Next(2 * Day) is var openedAt && openedAt <= dataEnd)
                    {
                        openAt = openedAt;
                        outcome |= Outcome.Opened;
                        openedAny = true;
                        if (rng.Chance(rates.ClickGivenOpen) && openAt + 30 + rng.Next(3600) is var clickedAt && clickedAt <= dataEnd)
                        {
                            clickAt = clickedAt;
                            outcome |= Outcome.Clicked;
                            clickedAny = true;
                        }
                    }
                    outcome |= Reply(ref rng, rates.Reply, t, dataEnd, ref replyAt);
                    if (replyAt == Never && rng.Chance(rates.Unsubscribe))
                    {
                        outcome |= Outcome.Unsubscribed;
                        stopped = true;
                    }
                    break;
                case StepKind.LinkedinInvite:
                    if (rng.Chance(rates.InviteAccepted))
                    {
                        outcome = Outcome.InviteAccepted;
                        accepted = true;
                    }
                    break;
                case StepKind.LinkedinSend:
                    // A message needs a connection: leads who did not accept are skipped.
                    if (!accepted) continue;
                    if (rng.Chance(0.7)) outcome |= Outcome.Opened;
                    outcome |= Reply(ref rng, rates.LinkedinReply, t, dataEnd, ref replyAt);
                    break;
            }
            if (!stopped && rng.Chance(0.003))
            {
                outcome |= Outcome.Interrupted;
                stopped = true;
            }
            messages.Add(new SimulatedMessage(lead, step.Index - 1, t, openAt, clickAt, outcome));
        }
        return new SimulatedLead(addedAt, launchedAt, sender, variant, replyAt);
    }

    /// <summary>A reply to a message sent at <paramref name="sentAt"/>, classified as lemlist and Smartlead classify leads.</summary>
    private static Outcome Reply(ref Prng rng, double probability, long sentAt, long dataEnd, ref long replyAt)
    {
        if (replyAt != Never || !rng.Chance(probability)) return Outcome.None;
        var at = sentAt + 600 + rng.Next(3 * Day);
        if (at > dataEnd) return Outcome.None;
        replyAt = at;
        var kind = rng.NextDouble();
        if (kind < 0.3) return Outcome.Replied | Outcome.Interested | (rng.Chance(0.35) ? Outcome.MeetingBooked : Outcome.None);
        return kind < 0.55 ? Outcome.Replied | Outcome.NotInterested : Outcome.Replied;
    }
}
