using OutreachStats.Sandbox.Data;

namespace OutreachStats.Sandbox.Providers;

/// <summary>A whole email campaign's totals, the way Leadlex and Leadterra count them.</summary>
internal sealed record EmailTotals(
    int Enrolled,
    int Sent,
    int Delivered,
    int Bounced,
    int Opened,
    int Clicked,
    int RepliedLeads,
    int UnsubscribedLeads,
    int Queued)
{
    /// <summary>Opens and clicks are unique per recipient and step, so per message; replies and unsubscribes per lead.</summary>
    public static EmailTotals Of(CampaignSimulation simulation, long dataEnd)
    {
        var sent = 0;
        var bounced = 0;
        var opened = 0;
        var clicked = 0;
        var unsubscribed = 0;
        foreach (var message in simulation.Messages)
        {
            if (!message.WasSent) continue;
            sent++;
            if (message.Has(Outcome.Bounced)) bounced++;
            if (message.Has(Outcome.Opened)) opened++;
            if (message.Has(Outcome.Clicked)) clicked++;
            if (message.Has(Outcome.Unsubscribed)) unsubscribed++;
        }
        return new EmailTotals(
            simulation.Leads.Count(l => l.AddedAt <= dataEnd),
            sent,
            sent - bounced,
            bounced,
            opened,
            clicked,
            simulation.Leads.Count(l => l.HasReplied),
            unsubscribed,
            simulation.Queued.Count);
    }

    /// <summary>A share from 0 to 1, rounded as the provider's example shows it; 0 when nothing was sent.</summary>
    public static double Rate(int count, int of, int decimals) => of == 0 ? 0 : Math.Round((double)count / of, decimals, MidpointRounding.AwayFromZero);
}

/// <summary>The campaigns of Leadlex or Leadterra (plain email sequences), played out once and kept as totals.</summary>
internal sealed class EmailTotalsCatalog
{
    private readonly SandboxData _data;
    private readonly SandboxProvider _provider;
    private readonly BoundedCache<CampaignKey, EmailTotals> _totals = new(1024);

    public EmailTotalsCatalog(SandboxData data, SandboxProvider provider)
    {
        _data = data;
        _provider = provider;
    }

    public EmailTotals? Find(string id) =>
        _data.Catalog(_provider).TryFind(id, out var key) ? _totals.GetOrAdd(key, Play) : null;

    private EmailTotals Play(CampaignKey key)
    {
        var plan = EmailCampaigns.Plan(key, _data.DataEnd, maxLeads: 2500, minSteps: 2, maxSteps: 6, longSequenceChance: 0, abTestChance: 0);
        return EmailTotals.Of(CampaignSimulation.Run(plan, key, _data.DataEnd), _data.DataEnd);
    }
}
