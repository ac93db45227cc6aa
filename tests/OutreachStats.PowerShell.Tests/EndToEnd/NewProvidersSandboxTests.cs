using System.Management.Automation;
using OutreachStats.PowerShell.Tests.Infrastructure;
using OutreachStats.Sandbox;
using Xunit;

namespace OutreachStats.PowerShell.Tests.EndToEnd;

/// <summary>
/// End to end against the project's offline sandbox of the providers (src/OutreachStats.Sandbox),
/// whose data is generated from a seed: the new cmdlets read its campaigns as a user would.
/// </summary>
public sealed class NewProvidersSandboxTests : SandboxTestBase
{
    protected override SandboxOptions Options => new() { Seed = 11, CampaignsPerProvider = 50, SmartleadShape = SmartleadShape.PerSend, SmartleadRateLimit = null };

    [Fact]
    public void EverySmartleadRowOfACampaignComesAndItsSummaryAddsThemUp()
    {
        Connect(SandboxProvider.Smartlead);
        var id = Sandbox.Campaigns(SandboxProvider.Smartlead, skip: 2, take: 1)[0].Id;

        var result = Run(
            """
            $rows = @(Get-SmartleadCampaignStatistics $id -PageSize 40 -IncludeTotalCount)
            [uint64]$rows[0].PSObject.BaseObject
            $rows.Count - 1
            $rows[1].GetType().Name
            $summary = @(Get-SmartleadCampaignStatistics $id -Summary)
            $summary[0].Scope
            $summary[0].Rows
            $replied = 0
            foreach ($s in $summary) { if ($s.Scope -eq 'Step') { $replied += $s.Replied } }
            $replied -eq $summary[0].Replied
            """,
            new() { ["id"] = id });

        result.AssertNoErrors();
        var total = (ulong)result.Output[0].BaseObject;
        Assert.True(total > 0, "The sandbox campaign has no rows.");
        Assert.Equal((int)total, result.Output[1].BaseObject);
        Assert.Equal("SmartleadSendStats", result.Output[2].BaseObject);
        Assert.Equal("Campaign", result.Output[3].BaseObject);
        Assert.Equal((int)total, result.Output[4].BaseObject);
        Assert.Equal(true, result.Output[5].BaseObject);
    }

    [Fact]
    public void LeadlexAndLeadterraCampaignsComeWithTheirFigures()
    {
        Connect(SandboxProvider.Leadlex);
        Connect(SandboxProvider.Leadterra);
        var leadlex = Sandbox.Campaigns(SandboxProvider.Leadlex, take: 3).Select(c => c.Id).ToArray();
        var leadterra = Sandbox.Campaigns(SandboxProvider.Leadterra, take: 3).Select(c => c.Id).ToArray();

        var result = Run("Get-LeadlexCampaignStats $a; Get-LeadterraCampaignStats $b; Get-LeadlexCampaignStats 'cmp_nope-0000' -ErrorAction SilentlyContinue -ErrorVariable e; $e | ForEach-Object { $_.FullyQualifiedErrorId }",
            new() { ["a"] = leadlex, ["b"] = leadterra });

        Assert.Null(result.Terminating);
        var stats = result.Output.Take(6).ToList();
        Assert.Equal(leadlex.Concat(leadterra).ToArray(), stats.Select(o => (string)o.Properties["CampaignId"].Value).ToArray());
        Assert.All(stats.Take(3), o => Assert.InRange((double)o.Properties["OpenRate"].Value, 0.0, 1.0));
        Assert.All(stats.Skip(3), o => Assert.True((int)o.Properties["Sent"].Value >= (int)o.Properties["Delivered"].Value));
        Assert.StartsWith("LeadlexCampaignNotFound", (string)result.Output.Last().BaseObject);
    }
}
