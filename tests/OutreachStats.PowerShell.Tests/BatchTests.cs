using System.Management.Automation;
using OutreachStats.PowerShell.Tests.Infrastructure;
using Xunit;

namespace OutreachStats.PowerShell.Tests;

/// <summary>Get-LemlistBatchStats: batches of at most 100, order, and per-campaign errors.</summary>
public sealed class BatchTests : FakeLemlistTestBase
{
    [Fact]
    public void TwoHundredFiftyIdsFromThePipelineGoAsBatchesOf100_100_50InInputOrder()
    {
        Connect();
        var ids = Enumerable.Range(0, 250).Select(i => $"cam_{i:D3}").Reverse().ToArray();

        var result = Run("$ids | Get-LemlistBatchStats", new() { ["ids"] = ids });

        result.AssertNoErrors();
        var posts = Server.Requests;
        Assert.Equal(3, posts.Count);
        Assert.All(posts, p => Assert.Equal("POST", p.Method));
        Assert.All(posts, p => Assert.Equal("/v2/campaigns/stats/batch", p.Path));
        // Batches may be in flight together, so they can arrive in any order; each must be the
        // next slice of the input, in input order.
        var batches = posts.Select(p => p.BatchCampaignIds).OrderBy(b => Array.IndexOf(ids, b[0])).ToList();
        Assert.Equal(new[] { 100, 100, 50 }, batches.Select(b => b.Count).ToArray());
        Assert.Equal(ids[..100], batches[0]);
        Assert.Equal(ids[100..200], batches[1]);
        Assert.Equal(ids[200..], batches[2]);
        Assert.Equal(250, result.Output.Count);
        Assert.Equal(ids, result.Values("CampaignId").Cast<string>().ToArray());
        Assert.All(result.Output, o => Assert.Equal(StatsTypeName, TypeOf(o)));
        AssertDocumentedNumbers(result.Output[249]);
    }

    [Fact]
    public void UnknownCampaignsInABatchAreNonTerminatingErrorsAndTheRestComeOut()
    {
        Connect();
        Server.MissingCampaigns("cam_gone", "cam_lost");

        var result = Run("'cam_1', 'cam_gone', 'cam_3', 'cam_lost', 'cam_5' | Get-LemlistBatchStats");

        Assert.Null(result.Terminating);
        Assert.Equal(new object?[] { "cam_1", "cam_3", "cam_5" }, result.Values("CampaignId"));
        Assert.Equal(2, result.Errors.Count);
        Assert.All(result.Errors, e =>
        {
            Assert.Equal("LemlistCampaignNotFound", ErrorId(e));
            Assert.Equal(ErrorCategory.ObjectNotFound, e.CategoryInfo.Category);
        });
        Assert.Equal(new object[] { "cam_gone", "cam_lost" }, result.Errors.Select(e => e.TargetObject).ToArray());
        Assert.Contains("cam_gone", result.Errors[0].Exception.Message);
        Assert.Single(Server.Requests);
    }

    [Fact]
    public void RepeatedIdsAreAskedForOnce()
    {
        Connect();

        var result = Run("'cam_1', 'cam_2', 'cam_1' | Get-LemlistBatchStats");

        result.AssertNoErrors();
        Assert.Equal(new object?[] { "cam_1", "cam_2" }, result.Values("CampaignId"));
        Assert.Equal(new[] { "cam_1", "cam_2" }, Assert.Single(Server.Requests).BatchCampaignIds);
    }

    [Fact]
    public void AFailedBatchRequestFailsEachOfItsCampaigns()
    {
        Connect();
        Server.Override("cam_2", 400, "Bad params: the send user email is not related to the send user id");

        var result = Run("'cam_1', 'cam_2', 'cam_3' | Get-LemlistBatchStats");

        Assert.Null(result.Terminating);
        Assert.Empty(result.Output);
        Assert.Equal(new object[] { "cam_1", "cam_2", "cam_3" }, result.Errors.Select(e => e.TargetObject).ToArray());
        Assert.All(result.Errors, e =>
        {
            Assert.Equal("LemlistBadRequest", ErrorId(e));
            Assert.Contains("the send user email is not related to the send user id", e.Exception.Message);
        });
    }
}
