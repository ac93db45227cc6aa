namespace OutreachStats.Sandbox.Data;

internal enum StepKind
{
    Email,
    LinkedinVisit,
    LinkedinInvite,
    LinkedinSend,
    Phone,
    Manual,
    Conditional,
}

/// <summary>What a conditional step asks about the lead so far.</summary>
internal enum Condition
{
    None,
    OpenedEmail,
    ClickedLink,
    AcceptedInvite,
}

/// <summary>
/// One step of a campaign's sequences. A/B steps come in pairs with the same sequence step and
/// variants 'A' and 'B'; a lead takes the one of its own variant. A conditional step sends the leads
/// that meet its condition into <see cref="BranchSequence"/>; the others go on in their sequence.
/// </summary>
internal sealed record PlanStep(
    int Index,
    int Sequence,
    int SequenceStep,
    StepKind Kind,
    int DelayDays,
    char Variant = '\0',
    Condition Condition = Condition.None,
    int BranchSequence = -1)
{
    public bool IsAbTest => Variant != '\0';

    public string? ConditionLabel => Condition switch
    {
        Condition.OpenedEmail => "Has opened an email?",
        Condition.ClickedLink => "Has clicked a link?",
        Condition.AcceptedInvite => "Has accepted the LinkedIn invitation?",
        _ => null,
    };
}

/// <summary>How likely each outcome is, per message, for one campaign.</summary>
internal sealed record EngagementRates(
    double NotSent,
    double Bounce,
    double Open,
    double ClickGivenOpen,
    double Reply,
    double Unsubscribe,
    double InviteAccepted,
    double LinkedinReply)
{
    /// <summary>Plausible rates of a cold campaign, drawn from the campaign's generator.</summary>
    public static EngagementRates Draw(ref Prng rng, bool tracksOpens, double notSent) => new(
        NotSent: notSent,
        Bounce: rng.Between(0.004, 0.05),
        Open: tracksOpens ? rng.Between(0.2, 0.65) : 0,
        ClickGivenOpen: rng.Between(0.02, 0.2),
        Reply: rng.Between(0.008, 0.09),
        Unsubscribe: rng.Between(0.002, 0.015),
        InviteAccepted: rng.Between(0.2, 0.5),
        LinkedinReply: rng.Between(0.05, 0.25));
}

/// <summary>What a campaign is: its leads, its steps and its rates; the simulation plays it out.</summary>
internal sealed class CampaignPlan
{
    public required int LeadCount { get; init; }

    /// <summary>Unix seconds; leads are added over <see cref="AddSpanDays"/> from here.</summary>
    public required long CreatedAt { get; init; }

    public required int AddSpanDays { get; init; }

    /// <summary>All steps of all sequences, in index order; sequence 0 is where every lead starts.</summary>
    public required IReadOnlyList<PlanStep> Steps { get; init; }

    public required EngagementRates Rates { get; init; }

    /// <summary>How many senders share the leads (lemlist's send users; 1 elsewhere).</summary>
    public int SenderCount { get; init; } = 1;

    /// <summary>The next steps of every lead in a sequence: one per sequence step, both variants of an A/B step together.</summary>
    public IReadOnlyList<PlanStep[]> Slots(int sequence) =>
        Steps.Where(s => s.Sequence == sequence).GroupBy(s => s.SequenceStep).OrderBy(g => g.Key).Select(g => g.ToArray()).ToList();
}
