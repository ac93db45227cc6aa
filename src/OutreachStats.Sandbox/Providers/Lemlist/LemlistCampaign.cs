using OutreachStats.Sandbox.Data;

namespace OutreachStats.Sandbox.Providers.Lemlist;

/// <summary>
/// A lemlist campaign: a main sequence of email, LinkedIn and task steps, maybe A/B steps, maybe a
/// conditional step leading into a second sequence; one to three of the team's send users share
/// its leads.
/// </summary>
internal sealed class LemlistCampaign
{
    private readonly Lazy<CampaignSimulation> _simulation;

    private LemlistCampaign(string id, CampaignPlan plan, IReadOnlyList<string> sequenceIds, IReadOnlyList<int> senders, Func<CampaignSimulation> simulate)
    {
        Id = id;
        Plan = plan;
        SequenceIds = sequenceIds;
        Senders = senders;
        _simulation = new Lazy<CampaignSimulation>(simulate);
    }

    public string Id { get; }

    /// <summary>seq_… per sequence number of the plan.</summary>
    public IReadOnlyList<string> SequenceIds { get; }

    /// <summary>The team's sender index for each of the plan's senders.</summary>
    public IReadOnlyList<int> Senders { get; }

    /// <summary>Played out on first use: listing campaigns and their senders needs only the plan.</summary>
    public CampaignSimulation Simulation => _simulation.Value;

    public CampaignPlan Plan { get; }

    public static LemlistCampaign Create(string id, CampaignKey key, LemlistTeam team, long dataEnd)
    {
        var rng = key.Generator(Data.Stream.Plan);
        var multichannel = rng.Chance(0.45);
        var abTesting = rng.Chance(0.35);
        var branching = rng.Chance(0.3);
        var tasks = rng.Chance(0.15);

        var steps = new List<PlanStep>();
        var sequenceStep = 0;
        void Add(StepKind kind, int delayDays, int sequence = 0, bool abTest = false, Condition condition = Condition.None, int branch = -1)
        {
            if (abTest)
            {
                steps.Add(new PlanStep(steps.Count + 1, sequence, sequenceStep, kind, delayDays, 'A'));
                steps.Add(new PlanStep(steps.Count + 1, sequence, sequenceStep, kind, delayDays, 'B'));
            }
            else
            {
                steps.Add(new PlanStep(steps.Count + 1, sequence, sequenceStep, kind, delayDays, Condition: condition, BranchSequence: branch));
            }
            sequenceStep++;
        }

        Add(StepKind.Email, 0, abTest: abTesting && rng.Chance(0.5));
        if (multichannel)
        {
            Add(StepKind.LinkedinVisit, rng.Between(0, 1));
            Add(StepKind.LinkedinInvite, rng.Between(1, 2));
        }
        var followUps = rng.Between(1, 4);
        for (var i = 0; i < followUps; i++)
        {
            Add(StepKind.Email, rng.Between(2, 5), abTest: abTesting && i == 0);
            if (multichannel && i == 0) Add(StepKind.LinkedinSend, rng.Between(1, 3));
            if (tasks && i == 1) Add(rng.Chance(0.5) ? StepKind.Phone : StepKind.Manual, rng.Between(1, 2));
        }
        if (branching)
        {
            var condition = multichannel ? Condition.AcceptedInvite : rng.Chance(0.5) ? Condition.OpenedEmail : Condition.ClickedLink;
            Add(StepKind.Conditional, 1, condition: condition, branch: 1);
            Add(StepKind.Email, rng.Between(2, 4));
            sequenceStep = 0;
            var branchSteps = rng.Between(1, 3);
            for (var i = 0; i < branchSteps; i++)
            {
                Add(multichannel && i == 0 ? StepKind.LinkedinSend : StepKind.Email, i == 0 ? 1 : rng.Between(2, 4), sequence: 1);
            }
        }

        var sequences = steps.Max(s => s.Sequence) + 1;
        var sequenceIds = Enumerable.Range(0, sequences).Select(_ => "seq_" + rng.Alphanumeric(17)).ToList();
        var senderCount = rng.Between(1, 3);
        var senders = new List<int>(senderCount);
        while (senders.Count < senderCount)
        {
            var sender = rng.Next(team.Senders.Count);
            if (!senders.Contains(sender)) senders.Add(sender);
        }
        var plan = new CampaignPlan
        {
            LeadCount = rng.Skewed(15, 1500),
            CreatedAt = EmailCampaigns.CreatedAt(ref rng, dataEnd),
            AddSpanDays = rng.Between(1, 60),
            Steps = steps,
            Rates = EngagementRates.Draw(ref rng, tracksOpens: rng.Chance(0.9), notSent: rng.Between(0, 0.01)),
            SenderCount = senderCount,
        };
        return new LemlistCampaign(id, plan, sequenceIds, senders, () => CampaignSimulation.Run(plan, key, dataEnd));
    }
}
