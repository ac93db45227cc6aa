using System.Diagnostics;
using System.Management.Automation;
using System.Text.RegularExpressions;
using OutreachStats.PowerShell.Tests.Infrastructure;
using OutreachStats.Sandbox;
using Xunit;

namespace OutreachStats.PowerShell.Tests;

/// <summary>What every provider cmdlet's progress must look like, read from the progress stream.</summary>
internal static class ProgressAssert
{
    private static readonly Regex Status = new(@"^(\d+)(?: of (\d+))? campaigns? done$");

    /// <summary>The number of campaigns done a record's status gives, and the total when it gives one.</summary>
    public static (int Done, int? Total) Counts(ProgressRecord record)
    {
        var match = Status.Match(record.StatusDescription);
        Assert.True(match.Success, $"Unexpected status '{record.StatusDescription}'.");
        return (int.Parse(match.Groups[1].Value), match.Groups[2].Success ? int.Parse(match.Groups[2].Value) : null);
    }

    /// <summary>
    /// One activity named <paramref name="command"/> under one ID, counting up from 0 to
    /// <paramref name="campaigns"/>, "of N" with a percentage only when <paramref name="totalKnown"/>,
    /// and ending with its only Completed record. Returns the Processing records.
    /// </summary>
    public static IReadOnlyList<ProgressRecord> CountsUpAndCompletes(PsResult result, string command, int campaigns, bool totalKnown)
    {
        var records = result.Progress;
        Assert.True(records.Count >= 2, $"Expected progress and its completion, got {records.Count} record(s).");
        Assert.All(records, r => Assert.Equal(command, r.Activity));
        Assert.Single(records.Select(r => r.ActivityId).Distinct());

        var completed = Assert.Single(records, r => r.RecordType == ProgressRecordType.Completed);
        Assert.Same(records[^1], completed);
        var processing = records.Take(records.Count - 1).ToList();
        Assert.All(processing, r => Assert.Equal(ProgressRecordType.Processing, r.RecordType));

        var counts = records.Select(Counts).ToList();
        Assert.Equal(0, counts[0].Done);
        Assert.Equal(campaigns, counts[^1].Done);
        for (var i = 1; i < counts.Count; i++) Assert.True(counts[i].Done >= counts[i - 1].Done, $"The count went down: {string.Join(", ", counts)}");
        Assert.All(counts, c => Assert.Equal(totalKnown ? campaigns : null, c.Total));

        var percents = counts.Select(c => totalKnown ? c.Done * 100 / campaigns : -1);
        Assert.Equal(percents, records.Select(r => r.PercentComplete));
        Assert.All(processing, r => Assert.StartsWith("Waiting for campaign", r.CurrentOperation));
        return processing;
    }

    /// <summary>Some record between the first and the last shows a count strictly between 0 and the total: progress moved while the command worked.</summary>
    public static void ShowsAnIntermediateCount(IReadOnlyList<ProgressRecord> processing, int campaigns) =>
        Assert.Contains(processing, r => Counts(r).Done is > 0 and var done && done < campaigns);
}

/// <summary>Progress of the lemlist cmdlets: one request per campaign, and batches of 100.</summary>
public sealed class LemlistProgressTests : LemlistTestBase
{
    // Enough campaigns for 20 batches of 100.
    protected override SandboxOptions Options => base.Options with { CampaignsPerProvider = 2000 };

    /// <summary>Every answer 300 ms late: slow enough that the count is seen moving (records are at least 250 ms apart).</summary>
    private void SlowAnswers() => Sandbox.Faults.Add(new FaultRule { Provider = Provider, Kind = FaultKind.Delay, DelayMilliseconds = 300 });

    [Fact]
    public void IdsByParameterCountUpToTheirTotalWithAPercentageAndComplete()
    {
        Connect();
        SlowAnswers();
        var ids = Ids(8);

        var result = Run("Get-LemlistCampaignStats -CampaignId $ids", new() { ["ids"] = ids });

        result.AssertNoErrors();
        Assert.Equal(ids, result.Values("CampaignId").Cast<string>());
        var processing = ProgressAssert.CountsUpAndCompletes(result, "Get-LemlistCampaignStats", 8, totalKnown: true);
        ProgressAssert.ShowsAnIntermediateCount(processing, 8);
        Assert.Equal("0 of 8 campaigns done", processing[0].StatusDescription);
        Assert.Equal("Waiting for campaign " + ids[0], processing[0].CurrentOperation);
        Assert.Equal("8 of 8 campaigns done", result.Progress[^1].StatusDescription);
        Assert.Equal(100, result.Progress[^1].PercentComplete);
    }

    [Fact]
    public void IdsFromThePipelineCountWithoutATotal()
    {
        Connect();
        SlowAnswers();

        var result = Run("$ids | Get-LemlistCampaignStats", new() { ["ids"] = Ids(8) });

        result.AssertNoErrors();
        var processing = ProgressAssert.CountsUpAndCompletes(result, "Get-LemlistCampaignStats", 8, totalKnown: false);
        ProgressAssert.ShowsAnIntermediateCount(processing, 8);
        Assert.Equal("8 campaigns done", result.Progress[^1].StatusDescription);
    }

    [Fact]
    public void RepeatedIdsCountOnceTowardsTheTotal()
    {
        Connect();

        var result = Run("Get-LemlistCampaignStats -CampaignId $ids[0], $ids[1], $ids[0]", new() { ["ids"] = Ids(2) });

        result.AssertNoErrors();
        ProgressAssert.CountsUpAndCompletes(result, "Get-LemlistCampaignStats", 2, totalKnown: true);
    }

    [Fact]
    public void BatchesCountEachOfTheirCampaignsAndNameTheRangeWaitedFor()
    {
        Connect();
        SlowAnswers();
        var ids = Ids(250);

        var result = Run("Get-LemlistBatchStats -CampaignId $ids", new() { ["ids"] = ids });

        result.AssertNoErrors();
        Assert.Equal(3, Requests().Count);
        var processing = ProgressAssert.CountsUpAndCompletes(result, "Get-LemlistBatchStats", 250, totalKnown: true);
        ProgressAssert.ShowsAnIntermediateCount(processing, 250);
        Assert.All(processing, r => Assert.Contains(ProgressAssert.Counts(r).Done, new[] { 0, 100, 200 }));
        Assert.Equal($"Waiting for campaigns {ids[0]} to {ids[99]} (100 in one request)", processing[0].CurrentOperation);
        Assert.Equal("250 of 250 campaigns done", result.Progress[^1].StatusDescription);
    }

    [Fact]
    public void ManyQuickAnswersAreNotAProgressRecordEach()
    {
        Connect();
        // 20 batches answered at once: a record per batch would be 20 or more.
        var ids = Ids(2000);
        var clock = Stopwatch.StartNew();

        var result = Run("$ids | Get-LemlistBatchStats", new() { ["ids"] = ids });

        clock.Stop();
        result.AssertNoErrors();
        Assert.Equal(2000, result.Output.Count);
        var processing = ProgressAssert.CountsUpAndCompletes(result, "Get-LemlistBatchStats", 2000, totalKnown: false);
        // The first record, then at most one per 250 ms of the run.
        var allowed = 1 + (int)(clock.Elapsed.TotalMilliseconds / 250);
        Assert.True(processing.Count <= allowed, $"{processing.Count} progress records in {clock.ElapsedMilliseconds} ms; at most {allowed} expected.");
    }

    [Theory]
    [InlineData("Get-LemlistCampaignStats")]
    [InlineData("Get-LemlistBatchStats")]
    public void ARejectedKeyEndsTheProgressToo(string command)
    {
        Connect(Provider, SandboxKeys.Revoked(Provider));

        var result = Run($"$ids | {command}", new() { ["ids"] = Ids(8) });

        Assert.Equal("LemlistKeyRejected", ErrorId(result.TerminatingError!));
        var last = result.Progress[^1];
        Assert.Equal(ProgressRecordType.Completed, last.RecordType);
        Assert.Equal(command, last.Activity);
    }

    [Theory]
    [InlineData("Get-LemlistCampaignStats -CampaignId $ids -ErrorAction Stop")]
    [InlineData("$ErrorActionPreference = 'Stop'; Get-LemlistCampaignStats -CampaignId $ids")]
    public void AnErrorThatStopsTheCommandEndsTheProgressToo(string script)
    {
        Connect();
        var ids = Ids(8);
        ids[1] = Missing;

        var result = Run(script, new() { ["ids"] = ids });

        Assert.Equal("LemlistCampaignNotFound", ErrorId(result.TerminatingError!));
        var records = result.Progress;
        Assert.Equal(ProgressRecordType.Completed, records[^1].RecordType);
        Assert.Equal("1 of 8 campaigns done", records[^1].StatusDescription);
        Assert.Single(records, r => r.RecordType == ProgressRecordType.Completed);
    }
}

/// <summary>Progress of a single-request Bearer provider.</summary>
public sealed class LeadterraProgressTests : LeadterraTestBase
{
    [Fact]
    public void MoreCampaignsThanTheDefaultLimitAllowsAMinuteSayThatTheModulesDefaultPacesThemAndHowToRaiseIt()
    {
        // 61 campaigns at Leadterra's default of 60 a minute: the 61st waits for the window. The
        // revoked key ends the command at the first answer, after the first record.
        Connect(Provider, SandboxKeys.Revoked(Provider));

        var result = Run("Get-LeadterraCampaignStats -CampaignId $ids", new() { ["ids"] = Ids(61) });

        Assert.Equal("LeadterraAuthenticationFailed", ErrorId(result.TerminatingError!));
        var first = result.Progress[0];
        Assert.StartsWith("Waiting for campaign ", first.CurrentOperation);
        Assert.Contains("paced by Leadterra's default of 60 requests per 60 s", first.CurrentOperation);
        Assert.Contains("Connect-OutreachProvider -RateLimit", first.CurrentOperation);
        // 61 requests at one a second: a minute at least.
        Assert.InRange(first.SecondsRemaining, 61, 70);
    }

    [Fact]
    public void ALimitTheUserRaisedPacesNothingWorthSaying()
    {
        Connect(Provider, SandboxKeys.Revoked(Provider), "-RateLimit 600");

        var result = Run("Get-LeadterraCampaignStats -CampaignId $ids", new() { ["ids"] = Ids(61) });

        Assert.DoesNotContain("paced by", result.Progress[0].CurrentOperation);
    }

    [Fact]
    public void IdsFromThePipelineCountUpAndComplete()
    {
        Connect();
        // Slow enough answers that the count is seen moving (records are at least 250 ms apart).
        Sandbox.Faults.Add(new FaultRule { Provider = Provider, Kind = FaultKind.Delay, DelayMilliseconds = 300 });
        var ids = Ids(6);

        var result = Run("$ids | Get-LeadterraCampaignStats", new() { ["ids"] = ids });

        result.AssertNoErrors();
        Assert.Equal(ids, result.Values("CampaignId").Cast<string>());
        var processing = ProgressAssert.CountsUpAndCompletes(result, "Get-LeadterraCampaignStats", 6, totalKnown: false);
        // Without a total there is no time left to estimate.
        Assert.All(processing, r => Assert.Equal(-1, r.SecondsRemaining));
        ProgressAssert.ShowsAnIntermediateCount(processing, 6);
        Assert.Equal("Waiting for campaign " + ids[0], processing[0].CurrentOperation);
    }

    [Fact]
    public void IdsByParameterHaveATotal()
    {
        Connect();

        var result = Run("Get-LeadterraCampaignStats -CampaignId $ids", new() { ["ids"] = Ids(3) });

        result.AssertNoErrors();
        var processing = ProgressAssert.CountsUpAndCompletes(result, "Get-LeadterraCampaignStats", 3, totalKnown: true);
        Assert.Equal("3 of 3 campaigns done", result.Progress[^1].StatusDescription);
        // Three requests within the budget's first minute: three seconds at its average pace, at most.
        Assert.InRange(processing[0].SecondsRemaining, 1, 3);
        Assert.DoesNotContain("paced by", processing[0].CurrentOperation);
    }
}

/// <summary>Progress of Smartlead's paged statistics: a campaign is done when its last page is written.</summary>
public sealed class SmartleadProgressTests : SmartleadTestBase
{
    [Fact]
    public async Task CampaignsOfManyPagesCountOnceEach()
    {
        Connect();
        // The documented rows, one per step: with 3 steps or more, pages of 2 make two pages or more.
        var ids = await AggregateCampaignsAsync(steps: 3, count: 3);
        var rows = 0;
        foreach (var id in ids) rows += (await RowsAsync(id)).Length;

        var result = Run("Get-SmartleadCampaignStatistics -CampaignId $ids -PageSize 2", new() { ["ids"] = ids });

        result.AssertNoErrors();
        Assert.Equal(rows, result.Output.Count);
        var processing = ProgressAssert.CountsUpAndCompletes(result, "Get-SmartleadCampaignStatistics", 3, totalKnown: true);
        Assert.Equal("Waiting for campaign " + ids[0], processing[0].CurrentOperation);
    }
}
