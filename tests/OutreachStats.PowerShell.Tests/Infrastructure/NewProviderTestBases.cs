using System.Text.Json;
using OutreachStats.Sandbox;
using OutreachStats.Testing;

namespace OutreachStats.PowerShell.Tests.Infrastructure;

/// <summary>A test of Get-SmartleadCampaignStatistics against a sandbox of its own.</summary>
public abstract class SmartleadTestBase : ProviderTestBase
{
    public const string SendTypeName = "OutreachStats.Model.SmartleadSendStats";
    public const string SequenceTypeName = "OutreachStats.Model.SmartleadSequenceStats";
    public const string SummaryTypeName = "OutreachStats.Model.SmartleadStatisticsSummary";

    protected override SandboxProvider Provider => SandboxProvider.Smartlead;

    /// <summary>One page of Smartlead's answer for the campaign (offset and limit as Smartlead's defaults unless <paramref name="query"/> names them).</summary>
    protected async Task<JsonElement> PageAsync(string campaignId, string query = "") => await SandboxClient.OkJsonAsync(await Reference.SmartleadAsync(campaignId, query));
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
