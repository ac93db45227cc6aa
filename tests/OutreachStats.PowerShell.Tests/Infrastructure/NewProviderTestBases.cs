using System.Text.Json;
using OutreachStats.Sandbox;
using OutreachStats.Testing;

namespace OutreachStats.PowerShell.Tests.Infrastructure;

/// <summary>
/// A test of Get-SmartleadCampaignStatistics against a sandbox of its own, whose campaigns answer
/// in either shape (the documented per-step rows, or per-send rows with total_stats). Smartlead's
/// limit is the module's to keep (60 a minute); the sandbox enforces none, so that finding
/// campaigns of a given size costs the test nothing.
/// </summary>
public abstract class SmartleadTestBase : ProviderTestBase
{
    public const string SendTypeName = "OutreachStats.Model.SmartleadSendStats";
    public const string SequenceTypeName = "OutreachStats.Model.SmartleadSequenceStats";
    public const string SummaryTypeName = "OutreachStats.Model.SmartleadStatisticsSummary";

    protected override SandboxProvider Provider => SandboxProvider.Smartlead;

    protected override SandboxOptions Options => base.Options with { SmartleadRateLimit = null };

    /// <summary>Campaigns that answer in <paramref name="shape"/>, in the sandbox's order.</summary>
    protected string[] IdsOf(SmartleadShape shape, int count) =>
        Sandbox.Campaigns(Provider, 0, 200).Where(c => c.Shape == shape).Take(count).Select(c => c.Id).ToArray();

    /// <summary>One page of Smartlead's answer for the campaign (offset 0 and limit 100 unless <paramref name="query"/> says otherwise).</summary>
    protected async Task<JsonElement> PageAsync(string campaignId, string query = "") =>
        await SandboxClient.OkJsonAsync(await Reference.SmartleadAsync(campaignId, query));

    /// <summary>The campaign's rows, up to 1000, in Smartlead's order.</summary>
    protected async Task<JsonElement[]> RowsAsync(string campaignId) =>
        (await PageAsync(campaignId, "limit=1000")).GetProperty("data").EnumerateArray().ToArray();

    /// <summary>The first <paramref name="count"/> campaigns of <paramref name="shape"/> whose page for <paramref name="query"/> <paramref name="fits"/>.</summary>
    protected async Task<string[]> CampaignsWhereAsync(SmartleadShape shape, int count, string query, Func<JsonElement, bool> fits)
    {
        var found = new List<string>();
        foreach (var id in IdsOf(shape, 100))
        {
            if (fits(await PageAsync(id, query))) found.Add(id);
            if (found.Count == count) return found.ToArray();
        }
        throw new InvalidOperationException($"Fewer than {count} {shape} campaigns of the sandbox fit.");
    }

    /// <summary>The first per-send campaign (after <paramref name="skip"/> others) whose number of rows, its total_stats, <paramref name="fits"/>.</summary>
    protected async Task<(string Id, int Rows)> PerSendCampaignAsync(Func<int, bool> fits, int skip = 0)
    {
        var id = (await CampaignsWhereAsync(SmartleadShape.PerSend, skip + 1, "limit=1", page => fits(TotalOf(page))))[^1];
        return (id, TotalOf(await PageAsync(id, "limit=1")));
    }

    /// <summary>The first <paramref name="count"/> campaigns of the documented shape with at least <paramref name="steps"/> step rows.</summary>
    protected Task<string[]> AggregateCampaignsAsync(int steps, int count = 1) =>
        CampaignsWhereAsync(SmartleadShape.Aggregate, count, "limit=1000", page => page.GetProperty("data").GetArrayLength() >= steps);

    private static int TotalOf(JsonElement page) => int.Parse(page.GetProperty("total_stats").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A test of Get-LeadlexCampaignStats against a sandbox of its own.</summary>
public abstract class LeadlexTestBase : ProviderTestBase
{
    public const string StatsTypeName = "OutreachStats.Model.LeadlexCampaignStats";

    protected override SandboxProvider Provider => SandboxProvider.Leadlex;

    /// <summary>The statistics of Leadlex's answer (its data.stats).</summary>
    protected async Task<JsonElement> StatsAsync(string campaignId) =>
        (await SandboxClient.OkJsonAsync(await Reference.LeadlexAsync(campaignId))).GetProperty("data").GetProperty("stats");
}

/// <summary>A test of Get-LeadterraCampaignStats against a sandbox of its own.</summary>
public abstract class LeadterraTestBase : ProviderTestBase
{
    public const string StatsTypeName = "OutreachStats.Model.LeadterraCampaignStats";

    protected override SandboxProvider Provider => SandboxProvider.Leadterra;

    protected async Task<JsonElement> AnswerAsync(string campaignId) => await SandboxClient.OkJsonAsync(await Reference.LeadterraAsync(campaignId));
}
