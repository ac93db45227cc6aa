using OutreachStats.PowerShell.Tests.Infrastructure;
using Xunit;

namespace OutreachStats.PowerShell.Tests.EndToEnd;

/// <summary>The README's quickstart script, run as `dotnet run --project src/OutreachStats.Demo` runs it.</summary>
public sealed class QuickstartTests : SandboxTestBase
{
    [Fact]
    public void TheDemoScriptShowsTablesThroughTheModulesViewsAndASummary()
    {
        var script = Path.Combine(ModuleLocation.RepoRoot, "src", "OutreachStats.Demo", "Demo.ps1");

        var result = Run("& $script -SandboxUri $uri -ModulePath $module | Out-Default", new()
        {
            ["script"] = script,
            ["uri"] = Sandbox.RootUri,
            ["module"] = ModuleLocation.ManifestPath,
        });

        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        var text = result.HostPlainText;
        Assert.Matches(@"CampaignId\s+NbLeads\s+Sent\s+Opened\s+Replied\s+ReplyRate\s+MeetingBooked", text);
        Assert.Matches(@"CampaignId\s+SequenceStep\s+TaskType\s+AbTest", text);
        Assert.Contains("Across providers:", text);
        Assert.Matches(@"lemlist\s+250 campaigns\s+[\d,]+ sent", text);
        Assert.Matches(@"Smartlead\s+8 campaigns\s+[\d,]+ sent", text);
        Assert.Matches(@"Leadlex\s+25 campaigns\s+[\d,]+ sent", text);
        Assert.Matches(@"Leadterra\s+25 campaigns\s+[\d,]+ sent", text);
        Assert.Matches(@"CampaignId\s+SequenceNumber\s+Sent\s+Opened\s+Clicked\s+Replied\s+Bounced\s+ReplyRate", text);
        Assert.Matches(@"CampaignId\s+Sent\s+Opened\s+Replied\s+OpenRate\s+ReplyRate", text);
        Assert.Matches(@"CampaignId\s+Sent\s+Delivered\s+Replied\s+Bounced\s+ReplyRate\s+Queued", text);
        Assert.Matches(@"Provider\s+BaseUri\s+KeyHint", text);
        Assert.DoesNotContain("-key", text.Replace("****-key", string.Empty));
    }
}
