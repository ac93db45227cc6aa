using OutreachStats.PowerShell.Tests.Infrastructure;
using Xunit;

namespace OutreachStats.PowerShell.Tests;

/// <summary>Campaign IDs from the pipeline, output order and types, -PerStep, and IDs refused at binding.</summary>
public sealed class PipelineInputTests : FakeLemlistTestBase
{
    [Fact]
    public void IdsByValueComeOutInInputOrderWithTheDocumentedNumbers()
    {
        Connect();
        // The first campaign answers last: the output must still follow the input.
        Server.Latency = id => id == "cam_1" ? TimeSpan.FromMilliseconds(400) : TimeSpan.Zero;

        var result = Run("'cam_1', 'cam_2', 'cam_3' | Get-LemlistCampaignStats");

        result.AssertNoErrors();
        Assert.Equal(new object?[] { "cam_1", "cam_2", "cam_3" }, result.Values("CampaignId"));
        foreach (var stats in result.Output) AssertDocumentedNumbers(stats);
        Assert.Equal(new[] { "cam_1", "cam_2", "cam_3" }, Server.Requests.Select(r => r.CampaignId).Order().ToArray());
        Assert.All(Server.Requests, r => Assert.Equal("GET", r.Method));
    }

    [Fact]
    public void IdsByPropertyNameCampaignIdAndIdAlias()
    {
        Connect();
        Server.Latency = id => id == "cam_1" ? TimeSpan.FromMilliseconds(300) : TimeSpan.Zero;

        var result = Run("[pscustomobject]@{ CampaignId = 'cam_1' }, [pscustomobject]@{ Id = 'cam_2' } | Get-LemlistCampaignStats");

        result.AssertNoErrors();
        Assert.Equal(new object?[] { "cam_1", "cam_2" }, result.Values("CampaignId"));
        Assert.All(result.Output, o => Assert.Equal(StatsTypeName, TypeOf(o)));
        AssertDocumentedNumbers(result.Output[1]);
    }

    [Fact]
    public void BatchCmdletTakesIdsByValueAndByPropertyName()
    {
        Connect();

        var result = Run("'cam_1', [pscustomobject]@{ Id = 'cam_2' }, [pscustomobject]@{ CampaignId = 'cam_3' } | Get-LemlistBatchStats");

        result.AssertNoErrors();
        Assert.Equal(new object?[] { "cam_1", "cam_2", "cam_3" }, result.Values("CampaignId"));
        foreach (var stats in result.Output) AssertDocumentedNumbers(stats);
        var post = Assert.Single(Server.Requests);
        Assert.Equal(new[] { "cam_1", "cam_2", "cam_3" }, post.BatchCampaignIds);
    }

    [Fact]
    public void PerStepEmitsOneStepRowPerStepWithItsCampaign()
    {
        Connect();

        var result = Run("'cam_1', 'cam_2' | Get-LemlistCampaignStats -PerStep");

        result.AssertNoErrors();
        Assert.Equal(6, result.Output.Count);
        Assert.All(result.Output, o => Assert.Equal(StepTypeName, TypeOf(o)));
        Assert.Equal(new object?[] { "cam_1", "cam_1", "cam_1", "cam_2", "cam_2", "cam_2" }, result.Values("CampaignId"));
        Assert.Equal(new object?[] { 1, 2, 3, 1, 2, 3 }, result.Values("Index"));
        Assert.Equal(new object?[] { 32, 20, 20, 32, 20, 20 }, result.Values("Sent"));
        Assert.Equal(new object?[] { 15, 1, 0, 15, 1, 0 }, result.Values("Replied"));
        Assert.Equal("linkedinSend", Prop(result.Output[0], "TaskType"));
        Assert.Equal("seq_rH5RD3fMkkt2gM3YC", Prop(result.Output[0], "SequenceId"));
    }

    [Fact]
    public void BatchPerStepEmitsStepRows()
    {
        Connect();

        var result = Run("Get-LemlistBatchStats -CampaignId cam_1, cam_2 -PerStep");

        result.AssertNoErrors();
        Assert.All(result.Output, o => Assert.Equal(StepTypeName, TypeOf(o)));
        Assert.Equal(new object?[] { "cam_1", "cam_1", "cam_1", "cam_2", "cam_2", "cam_2" }, result.Values("CampaignId"));
    }

    [Theory]
    [InlineData("Get-LemlistCampaignStats -CampaignId ''")]
    [InlineData("Get-LemlistCampaignStats -CampaignId '../x'")]
    [InlineData("Get-LemlistCampaignStats -CampaignId cam_1, 'cam_2/../../team'")]
    [InlineData("Get-LemlistBatchStats -CampaignId '../x'")]
    [InlineData("Get-LemlistCampaignStats -CampaignId 'cam_1?x=1'")]
    public void InvalidIdsAreABindingErrorNamingCampaignIdAndSendNothing(string script)
    {
        Connect();

        var result = Run(script);

        var error = Assert.IsAssignableFrom<System.Management.Automation.ParameterBindingException>(result.Terminating);
        Assert.Equal("CampaignId", error.ParameterName);
        Assert.Contains("'CampaignId'", error.Message);
        Assert.Empty(result.Output);
        Assert.Empty(Server.Requests);
    }

    [Theory]
    [InlineData("'' | Get-LemlistCampaignStats")]
    [InlineData("'../x' | Get-LemlistCampaignStats")]
    [InlineData("[pscustomobject]@{ CampaignId = '../x' } | Get-LemlistBatchStats")]
    public void InvalidIdsFromThePipelineAreBindingErrorsNamingCampaignIdAndSendNothing(string script)
    {
        Connect();

        var result = Run(script);

        var error = Assert.Single(result.AllErrors);
        Assert.Contains("CampaignId", error.ToString());
        Assert.IsAssignableFrom<System.Management.Automation.ParameterBindingException>(error.Exception);
        Assert.Empty(result.Output);
        Assert.Empty(Server.Requests);
    }

    [Fact]
    public void AnInvalidIdFromThePipelineDoesNotStopTheValidOnes()
    {
        Connect();

        var result = Run("'cam_1', '../x', 'cam_3' | Get-LemlistCampaignStats");

        var error = Assert.Single(result.AllErrors);
        Assert.Contains("CampaignId", error.ToString());
        Assert.Equal(new object?[] { "cam_1", "cam_3" }, result.Values("CampaignId"));
        Assert.Equal(new[] { "cam_1", "cam_3" }, Server.Requests.Select(r => r.CampaignId).Order().ToArray());
    }
}
