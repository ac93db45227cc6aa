using OutreachStats.Sandbox.Data;

namespace OutreachStats.Sandbox.Providers.Smartlead;

/// <summary>One lead of a Smartlead campaign, as the per-send rows show it.</summary>
internal sealed record SmartleadLead(string Name, string Email, string Company, string? Category, bool IgnoreReply);

/// <summary>
/// A Smartlead campaign: one email sequence of 1 to 20 steps (A/B variants on some), its leads, and
/// its sends in the order sent. The shape of its statistics follows from the seed unless forced.
/// </summary>
internal sealed class SmartleadCampaign
{
    private static readonly string[] RepliedCategories = ["Information Request", "Out Of Office", "Information Request"];
    private static readonly string[] SilentCategories = ["Do Not Contact", "Wrong Person", "Not Interested"];

    private SmartleadCampaign(long id, CampaignKey key, SmartleadShape shape, CampaignSimulation simulation, SmartleadLead[] leads, int firstSequenceId, int firstVariantId, string senderName)
    {
        Id = id;
        SenderName = senderName;
        Key = key;
        Shape = shape;
        Simulation = simulation;
        Leads = leads;
        FirstSequenceId = firstSequenceId;
        FirstVariantId = firstVariantId;
        Sends = simulation.Messages.Select((message, index) => (message, index))
            .OrderBy(m => m.message.SentAt).ThenBy(m => m.index)
            .Select(m => m.index).ToArray();
    }

    public long Id { get; }

    public CampaignKey Key { get; }

    public SmartleadShape Shape { get; }

    /// <summary>Who signs the campaign's emails.</summary>
    public string SenderName { get; }

    public CampaignSimulation Simulation { get; }

    public IReadOnlyList<SmartleadLead> Leads { get; }

    /// <summary>Indexes into the simulation's messages, by send time.</summary>
    public IReadOnlyList<int> Sends { get; }

    /// <summary>email_campaign_seq_id of a sequence step (0-based).</summary>
    public int SequenceId(int sequenceStep) => FirstSequenceId + sequenceStep;

    /// <summary>seq_variant_id of a plan step (its index is 1-based).</summary>
    public int VariantId(PlanStep step) => FirstVariantId + step.Index - 1;

    private int FirstSequenceId { get; }

    private int FirstVariantId { get; }

    public static SmartleadCampaign Create(long id, CampaignKey key, SmartleadShape forced, long dataEnd)
    {
        var plan = EmailCampaigns.Plan(key, dataEnd, maxLeads: 4000, minSteps: 1, maxSteps: 6, longSequenceChance: 0.08, abTestChance: 0.25);
        var simulation = CampaignSimulation.Run(plan, key, dataEnd);
        var rng = key.Generator(Data.Stream.Content);
        var shape = ShapeOf(key, forced);
        var firstSequenceId = rng.Between(1_000_000, 8_000_000);
        var firstVariantId = rng.Between(1_000_000, 8_000_000);
        var senderName = rng.Pick(Names.First) + " " + rng.Pick(Names.Last);

        var replies = new Outcome[plan.LeadCount];
        foreach (var message in simulation.Messages)
        {
            if (message.Has(Outcome.Replied)) replies[message.Lead] = message.Outcome;
        }
        var leads = new SmartleadLead[plan.LeadCount];
        for (var i = 0; i < leads.Length; i++)
        {
            var leadRng = key.Generator(Data.Stream.Content, (ulong)i + 1);
            var first = leadRng.Pick(Names.First);
            var last = leadRng.Pick(Names.Last);
            var company = leadRng.Pick(Names.Companies);
            var category = Category(replies[i], ref leadRng);
            leads[i] = new SmartleadLead($"{first} {last}", $"{Names.Mailbox(first, last)}{i}@{Names.Domain(company)}", company, category,
                IgnoreReply: category == "Out Of Office");
        }
        return new SmartleadCampaign(id, key, shape, simulation, leads, firstSequenceId, firstVariantId, senderName);
    }

    /// <summary>The campaign's own shape (drawn from its seed, half each) unless one is forced.</summary>
    public static SmartleadShape ShapeOf(CampaignKey key, SmartleadShape forced)
    {
        var rng = key.Generator(Data.Stream.Team);
        return forced != SmartleadShape.PerCampaign ? forced : rng.Chance(0.5) ? SmartleadShape.PerSend : SmartleadShape.Aggregate;
    }

    /// <summary>
    /// The lead's category, a lead-level label: it classifies a reply, and it is also set on some
    /// leads that never replied (marked by hand), as on live accounts.
    /// </summary>
    private static string? Category(Outcome reply, ref Prng rng)
    {
        if ((reply & Outcome.MeetingBooked) != 0) return "Meeting Request";
        if ((reply & Outcome.Interested) != 0) return "Interested";
        if ((reply & Outcome.NotInterested) != 0) return "Not Interested";
        if ((reply & Outcome.Replied) != 0) return rng.Chance(0.7) ? rng.Pick(RepliedCategories) : null;
        return rng.Chance(0.04) ? rng.Pick(SilentCategories) : null;
    }
}
