using System.Management.Automation;
using System.Text.Json;
using OutreachStats.Sandbox;
using OutreachStats.Testing;
using Xunit;

namespace OutreachStats.PowerShell.Tests.Infrastructure;

/// <summary>A test of the lemlist cmdlets against a sandbox of its own.</summary>
public abstract class LemlistTestBase : ProviderTestBase
{
    public const string StatsTypeName = "OutreachStats.Model.LemlistCampaignStats";
    public const string StepTypeName = "OutreachStats.Model.LemlistStepStats";

    /// <summary>Unknown to the sandbox (its IDs are cam_ and 17 letters and digits).</summary>
    public const string Missing = "cam_missing";

    protected override SandboxProvider Provider => SandboxProvider.Lemlist;

    /// <summary>What lemlist answers for the campaign over all of its activity (the module's default window holds it all).</summary>
    protected async Task<JsonElement> AnswerAsync(string campaignId) => await SandboxClient.OkJsonAsync(await Reference.LemlistStatsAsync(campaignId));

    /// <summary>Every number of lemlist's answer is on the output object, and it has as many steps.</summary>
    protected async Task AssertLemlistNumbersAsync(PSObject stats)
    {
        Assert.Equal(StatsTypeName, TypeOf(stats));
        AssertFieldsMatch(await AnswerAsync((string)Prop(stats, "CampaignId")!), stats);
    }
}
