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
            $summary.Count
            $summary[0].Scope
            $summary[0].Rows
            $replied = 0
            foreach ($s in Get-SmartleadCampaignStatistics $id -Summary -PerStep) { if ($s.Scope -eq 'Step') { $replied += $s.Replied } }
            $replied -eq $summary[0].Replied
            """,
            new() { ["id"] = id });

        result.AssertNoErrors();
        var total = (ulong)result.Output[0].BaseObject;
        Assert.True(total > 0, "The sandbox campaign has no rows.");
        Assert.Equal((int)total, result.Output[1].BaseObject);
        Assert.Equal("SmartleadSendStats", result.Output[2].BaseObject);
        Assert.Equal(1, result.Output[3].BaseObject);
        Assert.Equal("Campaign", result.Output[4].BaseObject);
        Assert.Equal((int)total, result.Output[5].BaseObject);
        Assert.Equal(true, result.Output[6].BaseObject);
    }

    [Fact]
    public void SmartleadFiltersNarrowTheRowsAndEveryPageIsRead()
    {
        Connect(SandboxProvider.Smartlead);
        // A campaign of a few hundred rows: several pages of 50, within Smartlead's 60 requests a
        // minute (one request per candidate: -First 1 -IncludeTotalCount reads total_stats).
        var id = Sandbox.Campaigns(SandboxProvider.Smartlead, 0, 30).Select(c => c.Id).First(candidate =>
            (ulong)Run("Get-SmartleadCampaignStatistics $id -First 1 -IncludeTotalCount", new() { ["id"] = candidate }).Output[0].BaseObject is >= 120 and <= 400);
        Sandbox.Counters.Reset();

        var all = Run("Get-SmartleadCampaignStatistics $id -PageSize 50", new() { ["id"] = id });
        var firstStep = Run("Get-SmartleadCampaignStatistics $id -PageSize 50 -SequenceNumber 1", new() { ["id"] = id });
        var replied = Run("Get-SmartleadCampaignStatistics $id -PageSize 50 -EmailStatus replied", new() { ["id"] = id });

        foreach (var result in new[] { all, firstStep, replied })
        {
            Assert.Null(result.Terminating);
            Assert.Empty(result.Errors);
        }
        Assert.InRange(all.Output.Count, 120, 400);
        // 50 rows a page: the whole campaign took several pages.
        Assert.True(Sandbox.Counters.Snapshot()[SandboxProvider.Smartlead].Requests >= all.Output.Count / 50 + 2);
        Assert.Equal(all.Output.Select(o => Prop(o, "StatsId")).Distinct().Count(), all.Output.Count);
        Assert.InRange(firstStep.Output.Count, 1, all.Output.Count - 1);
        Assert.All(firstStep.Output, row => Assert.Equal(1, Convert.ToInt32(Prop(row, "SequenceNumber"))));
        Assert.InRange(replied.Output.Count, 1, all.Output.Count - 1);
        Assert.All(replied.Output, row => Assert.NotNull(Prop(row, "ReplyTime")));
    }

    [Fact]
    public void LeadlexAndLeadterraCampaignsComeWithTheirFigures()
    {
        Connect(SandboxProvider.Leadlex);
        Connect(SandboxProvider.Leadterra);
        var leadlex = Ids(SandboxProvider.Leadlex, 3);
        var leadterra = Ids(SandboxProvider.Leadterra, 3);

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

/// <summary>
/// The end-to-end cases every provider cmdlet meets against the sandbox: unknown campaigns among
/// known ones and a rejected key.
/// </summary>
public sealed class EveryProviderSandboxTests : SandboxTestBase
{
    // Aggregate rows: one page per Smartlead campaign, so a test stays within its 60 requests a minute.
    protected override SandboxOptions Options => new() { Seed = 5, CampaignsPerProvider = 200, SmartleadShape = SmartleadShape.Aggregate };

    // Smartlead answers rows, so -Summary gives the one campaign-wide object per campaign to compare.
    public static TheoryData<SandboxProvider, string, string> Commands => new()
    {
        { SandboxProvider.Smartlead, "Get-SmartleadCampaignStatistics -Summary", "987654321" },
        { SandboxProvider.Leadlex, "Get-LeadlexCampaignStats", "cmp_nosuchcampaign" },
        { SandboxProvider.Leadterra, "Get-LeadterraCampaignStats", "camp_nosuchcampaign" },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void UnknownCampaignsAreErrorsOfTheirOwnWhileTheRestComeOut(SandboxProvider provider, string command, string unknown)
    {
        Connect(provider);
        var known = Ids(provider, 6);
        var input = known.Take(3).Append(unknown).Concat(known.Skip(3)).ToArray();

        var result = Run($"$ids | {command}", new() { ["ids"] = input });

        Assert.Null(result.Terminating);
        Assert.Equal(known, result.Output.Select(o => Prop(o, "CampaignId")!.ToString()));
        var error = Assert.Single(result.Errors);
        Assert.Equal(provider + "CampaignNotFound", ErrorId(error));
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal(unknown, error.TargetObject?.ToString());
    }

    // Where the provider documents an error code, the ErrorId carries it.
    public static TheoryData<SandboxProvider, string, string> RejectedKeys => new()
    {
        { SandboxProvider.Smartlead, "Get-SmartleadCampaignStatistics", "SmartleadKeyRejected" },
        { SandboxProvider.Leadlex, "Get-LeadlexCampaignStats", "LeadlexInvalidKey" },
        { SandboxProvider.Leadterra, "Get-LeadterraCampaignStats", "LeadterraAuthenticationFailed" },
    };

    [Theory]
    [MemberData(nameof(RejectedKeys))]
    public void ARejectedKeyStopsAtOnce(SandboxProvider provider, string command, string errorId)
    {
        Connect(provider, SandboxKeys.Revoked(provider));

        var result = Run($"$ids | {command}", new() { ["ids"] = Ids(provider, 30) });

        Assert.NotNull(result.Terminating);
        Assert.Equal(errorId, ErrorId(result.TerminatingError!));
        Assert.Equal(ErrorCategory.AuthenticationError, result.TerminatingError!.CategoryInfo.Category);
        Assert.Empty(result.Output);
        Assert.InRange(Sandbox.Counters.Snapshot()[provider].Requests, 1, 8);
    }
}
