using System.Management.Automation;
using OutreachStats.PowerShell.Tests.Infrastructure;
using OutreachStats.Sandbox;
using Xunit;

namespace OutreachStats.PowerShell.Tests;

/// <summary>Get-LemlistBatchStats: batches of at most 100, order, and per-campaign errors.</summary>
public sealed class BatchTests : LemlistTestBase
{
    [Fact]
    public async Task TwoHundredFiftyIdsFromThePipelineGoAsBatchesOf100_100_50InInputOrder()
    {
        Connect();
        var ids = Ids(250).Reverse().ToArray();

        var result = Run("$ids | Get-LemlistBatchStats", new() { ["ids"] = ids });

        result.AssertNoErrors();
        var posts = Requests();
        Assert.Equal(3, posts.Count);
        Assert.All(posts, p => Assert.Equal("POST", p.Method));
        Assert.All(posts, p => Assert.Equal("/v2/campaigns/stats/batch", p.Endpoint));
        // Batches may be in flight together, so they can arrive in any order; each must be the
        // next slice of the input, in input order.
        var batches = posts.Select(p => p.CampaignIds).OrderBy(b => Array.IndexOf(ids, b[0])).ToList();
        Assert.Equal(new[] { 100, 100, 50 }, batches.Select(b => b.Count).ToArray());
        Assert.Equal(ids[..100], batches[0]);
        Assert.Equal(ids[100..200], batches[1]);
        Assert.Equal(ids[200..], batches[2]);
        Assert.Equal(250, result.Output.Count);
        Assert.Equal(ids, result.Values("CampaignId").Cast<string>().ToArray());
        Assert.All(result.Output, o => Assert.Equal(StatsTypeName, TypeOf(o)));
        await AssertLemlistNumbersAsync(result.Output[249]);
    }

    [Fact]
    public void UnknownCampaignsInABatchAreNonTerminatingErrorsAndTheRestComeOut()
    {
        Connect();
        var ids = Ids(3);

        var result = Run("$ids | Get-LemlistBatchStats", new() { ["ids"] = new[] { ids[0], "cam_gone", ids[1], "cam_lost", ids[2] } });

        Assert.Null(result.Terminating);
        Assert.Equal(ids, result.Values("CampaignId").Cast<string>());
        Assert.Equal(2, result.Errors.Count);
        Assert.All(result.Errors, e =>
        {
            Assert.Equal("LemlistCampaignNotFound", ErrorId(e));
            Assert.Equal(ErrorCategory.ObjectNotFound, e.CategoryInfo.Category);
        });
        Assert.Equal(new object[] { "cam_gone", "cam_lost" }, result.Errors.Select(e => e.TargetObject).ToArray());
        Assert.Contains("cam_gone", result.Errors[0].Exception.Message);
        Assert.Single(Requests());
    }

    [Fact]
    public void RepeatedIdsAreAskedForOnce()
    {
        Connect();
        var ids = Ids(2);

        var result = Run("$ids | Get-LemlistBatchStats", new() { ["ids"] = new[] { ids[0], ids[1], ids[0] } });

        result.AssertNoErrors();
        Assert.Equal(ids, result.Values("CampaignId").Cast<string>());
        Assert.Equal(ids, Assert.Single(Requests()).CampaignIds);
    }

    [Fact]
    public void AFailedBatchRequestFailsEachOfItsCampaigns()
    {
        Connect();
        var ids = Ids(3);
        Sandbox.Faults.Add(new FaultRule
        {
            Provider = Provider, Kind = FaultKind.Status, Status = 400, CampaignIds = [ids[1]],
            Body = "Bad params: the send user email is not related to the send user id",
        });

        var result = Run("$ids | Get-LemlistBatchStats", new() { ["ids"] = ids });

        Assert.Null(result.Terminating);
        Assert.Empty(result.Output);
        Assert.Equal(ids, result.Errors.Select(e => e.TargetObject).ToArray());
        Assert.All(result.Errors, e =>
        {
            Assert.Equal("LemlistBadRequest", ErrorId(e));
            Assert.Contains("the send user email is not related to the send user id", e.Exception.Message);
        });
    }
}
