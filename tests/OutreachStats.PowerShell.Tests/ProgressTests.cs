using System.Diagnostics;
using System.Management.Automation;
using System.Text.RegularExpressions;
using OutreachStats.PowerShell.Tests.Infrastructure;
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
public sealed class LemlistProgressTests : FakeLemlistTestBase
{
    private static readonly string[] EightIds = Enumerable.Range(1, 8).Select(i => "cam_" + i).ToArray();

    [Fact]
    public void IdsByParameterCountUpToTheirTotalWithAPercentageAndComplete()
    {
        Connect();
        // Slow enough answers that the count is seen moving (records are at least 250 ms apart).
        Server.Latency = _ => TimeSpan.FromMilliseconds(300);

        var result = Run("Get-LemlistCampaignStats -CampaignId $ids", new() { ["ids"] = EightIds });

        result.AssertNoErrors();
        Assert.Equal(EightIds, result.Values("CampaignId"));
        var processing = ProgressAssert.CountsUpAndCompletes(result, "Get-LemlistCampaignStats", 8, totalKnown: true);
        ProgressAssert.ShowsAnIntermediateCount(processing, 8);
        Assert.Equal("0 of 8 campaigns done", processing[0].StatusDescription);
        Assert.Equal("Waiting for campaign cam_1", processing[0].CurrentOperation);
        Assert.Equal("8 of 8 campaigns done", result.Progress[^1].StatusDescription);
        Assert.Equal(100, result.Progress[^1].PercentComplete);
    }

    [Fact]
    public void IdsFromThePipelineCountWithoutATotal()
    {
        Connect();
        Server.Latency = _ => TimeSpan.FromMilliseconds(300);

        var result = Run("$ids | Get-LemlistCampaignStats", new() { ["ids"] = EightIds });

        result.AssertNoErrors();
        var processing = ProgressAssert.CountsUpAndCompletes(result, "Get-LemlistCampaignStats", 8, totalKnown: false);
        ProgressAssert.ShowsAnIntermediateCount(processing, 8);
        Assert.Equal("8 campaigns done", result.Progress[^1].StatusDescription);
    }

    [Fact]
    public void RepeatedIdsCountOnceTowardsTheTotal()
    {
        Connect();

        var result = Run("Get-LemlistCampaignStats -CampaignId cam_1, cam_2, cam_1");

        result.AssertNoErrors();
        ProgressAssert.CountsUpAndCompletes(result, "Get-LemlistCampaignStats", 2, totalKnown: true);
    }

    [Fact]
    public void BatchesCountEachOfTheirCampaignsAndNameTheRangeWaitedFor()
    {
        Connect();
        Server.Latency = _ => TimeSpan.FromMilliseconds(300);
        var ids = Enumerable.Range(1, 250).Select(i => "cam_" + i).ToArray();

        var result = Run("Get-LemlistBatchStats -CampaignId $ids", new() { ["ids"] = ids });

        result.AssertNoErrors();
        Assert.Equal(3, Server.Requests.Count);
        var processing = ProgressAssert.CountsUpAndCompletes(result, "Get-LemlistBatchStats", 250, totalKnown: true);
        ProgressAssert.ShowsAnIntermediateCount(processing, 250);
        Assert.All(processing, r => Assert.Contains(ProgressAssert.Counts(r).Done, new[] { 0, 100, 200 }));
        Assert.Equal("Waiting for campaigns cam_1 to cam_100 (100 in one request)", processing[0].CurrentOperation);
        Assert.Equal("250 of 250 campaigns done", result.Progress[^1].StatusDescription);
    }

    [Fact]
    public void ManyQuickAnswersAreNotAProgressRecordEach()
    {
        Connect();
        // 20 batches answered at once: a record per batch would be 20 or more.
        var ids = Enumerable.Range(1, 2000).Select(i => "cam_" + i).ToArray();
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
        var result = Run(
            $"""
            Connect-OutreachProvider -Provider Lemlist -ApiKey $wrong -BaseUri $uri
            $ids | {command}
            """,
            new()
            {
                ["wrong"] = Secure(NewKey("wrong")),
                ["uri"] = Server.BaseUri,
                ["ids"] = EightIds,
            });

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
        Server.MissingCampaigns("cam_2");

        var result = Run(script, new() { ["ids"] = EightIds });

        Assert.Equal("LemlistCampaignNotFound", ErrorId(result.TerminatingError!));
        var records = result.Progress;
        Assert.Equal(ProgressRecordType.Completed, records[^1].RecordType);
        Assert.Equal("1 of 8 campaigns done", records[^1].StatusDescription);
        Assert.Single(records, r => r.RecordType == ProgressRecordType.Completed);
    }
}

/// <summary>Progress of a single-request Bearer provider and of Smartlead's paged statistics.</summary>
public sealed class LeadterraProgressTests : FakeLeadterraTestBase
{
    [Fact]
    public void IdsFromThePipelineCountUpAndComplete()
    {
        Connect();
        Server.Latency = _ => TimeSpan.FromMilliseconds(300);
        var ids = Enumerable.Range(1, 6).Select(i => "camp_" + i).ToArray();

        var result = Run("$ids | Get-LeadterraCampaignStats", new() { ["ids"] = ids });

        result.AssertNoErrors();
        Assert.Equal(ids, result.Values("CampaignId"));
        var processing = ProgressAssert.CountsUpAndCompletes(result, "Get-LeadterraCampaignStats", 6, totalKnown: false);
        ProgressAssert.ShowsAnIntermediateCount(processing, 6);
        Assert.Equal("Waiting for campaign camp_1", processing[0].CurrentOperation);
    }

    [Fact]
    public void IdsByParameterHaveATotal()
    {
        Connect();

        var result = Run("Get-LeadterraCampaignStats -CampaignId camp_1, camp_2, camp_3");

        result.AssertNoErrors();
        ProgressAssert.CountsUpAndCompletes(result, "Get-LeadterraCampaignStats", 3, totalKnown: true);
        Assert.Equal("3 of 3 campaigns done", result.Progress[^1].StatusDescription);
    }
}

/// <summary>Progress of Smartlead's paged statistics: a campaign is done when its last page is written.</summary>
public sealed class SmartleadProgressTests : FakeSmartleadTestBase
{
    [Fact]
    public void CampaignsOfManyPagesCountOnceEach()
    {
        Connect();
        Server.RowsPerCampaign = _ => 5;

        var result = Run("Get-SmartleadCampaignStatistics -CampaignId 11, 12, 13 -PageSize 2");

        result.AssertNoErrors();
        Assert.Equal(15, result.Output.Count);
        var processing = ProgressAssert.CountsUpAndCompletes(result, "Get-SmartleadCampaignStatistics", 3, totalKnown: true);
        Assert.Equal("Waiting for campaign 11", processing[0].CurrentOperation);
    }
}
