namespace OutreachStats.Sandbox.Data;

/// <summary>Email-only campaigns (Smartlead, Leadlex, Leadterra): one sequence, optional A/B steps.</summary>
internal static class EmailCampaigns
{
    private const long Day = 86_400;

    /// <summary>Campaigns are created over the two years before the data's end; some are still running at its end.</summary>
    public const int DataSpanDays = 730;

    /// <param name="longSequenceChance">How many campaigns have 10 to 20 steps instead of minSteps to maxSteps.</param>
    public static CampaignPlan Plan(CampaignKey key, long dataEnd, int maxLeads, int minSteps, int maxSteps, double longSequenceChance, double abTestChance)
    {
        var rng = key.Generator(Stream.Plan);
        var leads = rng.Skewed(20, maxLeads);
        var steps = rng.Chance(longSequenceChance) ? rng.Between(10, 20) : rng.Between(minSteps, maxSteps);
        var planSteps = new List<PlanStep>();
        for (var position = 0; position < steps; position++)
        {
            var delay = position == 0 ? 0 : rng.Between(1, 5);
            if (rng.Chance(abTestChance))
            {
                planSteps.Add(new PlanStep(planSteps.Count + 1, 0, position, StepKind.Email, delay, 'A'));
                planSteps.Add(new PlanStep(planSteps.Count + 1, 0, position, StepKind.Email, delay, 'B'));
            }
            else
            {
                planSteps.Add(new PlanStep(planSteps.Count + 1, 0, position, StepKind.Email, delay));
            }
        }
        return new CampaignPlan
        {
            LeadCount = leads,
            CreatedAt = CreatedAt(ref rng, dataEnd),
            AddSpanDays = rng.Between(1, 45),
            Steps = planSteps,
            Rates = EngagementRates.Draw(ref rng, tracksOpens: rng.Chance(0.85), notSent: 0),
        };
    }

    /// <summary>A creation date in the data's two years, at least a day before its end.</summary>
    public static long CreatedAt(ref Prng rng, long dataEnd) => dataEnd - DataSpanDays * Day + rng.Next((DataSpanDays - 1) * (int)Day);
}
