using System.Text.Json;
using OutreachStats.PowerShell.Tests.Infrastructure;
using OutreachStats.Sandbox;
using Xunit;

namespace OutreachStats.PowerShell.Tests;

/// <summary>Campaign IDs from the pipeline, output order and types, -PerStep, and IDs refused at binding.</summary>
public sealed class PipelineInputTests : LemlistTestBase
{
    /// <summary>The first campaign's answer comes <paramref name="milliseconds"/> late: the output must still follow the input.</summary>
    private void DelayTheFirst(string[] ids, int milliseconds) =>
        Sandbox.Faults.Add(new FaultRule { Provider = Provider, Kind = FaultKind.Delay, DelayMilliseconds = milliseconds, CampaignIds = [ids[0]] });

    [Fact]
    public async Task IdsByValueComeOutInInputOrderWithLemlistsNumbers()
    {
        Connect();
        var ids = Ids(3);
        DelayTheFirst(ids, 400);

        var result = Run("$ids | Get-LemlistCampaignStats", new() { ["ids"] = ids });

        result.AssertNoErrors();
        Assert.Equal(ids, result.Values("CampaignId").Cast<string>());
        foreach (var stats in result.Output) await AssertLemlistNumbersAsync(stats);
        Assert.Equal(ids.Order(), Requests().Select(r => r.CampaignIds.Single()).Order());
        Assert.All(Requests(), r => Assert.Equal("GET", r.Method));
    }

    [Fact]
    public async Task IdsByPropertyNameCampaignIdAndIdAlias()
    {
        Connect();
        var ids = Ids(2);
        DelayTheFirst(ids, 300);

        var result = Run("[pscustomobject]@{ CampaignId = $ids[0] }, [pscustomobject]@{ Id = $ids[1] } | Get-LemlistCampaignStats", new() { ["ids"] = ids });

        result.AssertNoErrors();
        Assert.Equal(ids, result.Values("CampaignId").Cast<string>());
        Assert.All(result.Output, o => Assert.Equal(StatsTypeName, TypeOf(o)));
        await AssertLemlistNumbersAsync(result.Output[1]);
    }

    [Fact]
    public async Task BatchCmdletTakesIdsByValueAndByPropertyName()
    {
        Connect();
        var ids = Ids(3);

        var result = Run("$ids[0], [pscustomobject]@{ Id = $ids[1] }, [pscustomobject]@{ CampaignId = $ids[2] } | Get-LemlistBatchStats", new() { ["ids"] = ids });

        result.AssertNoErrors();
        Assert.Equal(ids, result.Values("CampaignId").Cast<string>());
        foreach (var stats in result.Output) await AssertLemlistNumbersAsync(stats);
        Assert.Equal(ids, Assert.Single(Requests()).CampaignIds);
    }

    [Fact]
    public async Task PerStepEmitsOneStepRowPerStepWithItsCampaign()
    {
        Connect();
        var ids = Ids(2);

        var result = Run("$ids | Get-LemlistCampaignStats -PerStep", new() { ["ids"] = ids });

        result.AssertNoErrors();
        Assert.All(result.Output, o => Assert.Equal(StepTypeName, TypeOf(o)));
        var steps = new List<(string CampaignId, JsonElement Step)>();
        foreach (var id in ids) steps.AddRange((await AnswerAsync(id)).GetProperty("steps").EnumerateArray().Select(step => (id, step)));
        Assert.Equal(steps.Select(s => s.CampaignId), result.Values("CampaignId").Cast<string>());
        for (var i = 0; i < steps.Count; i++) AssertFieldsMatch(steps[i].Step, result.Output[i]);
    }

    [Fact]
    public async Task BatchPerStepEmitsStepRows()
    {
        Connect();
        var ids = Ids(2);

        var result = Run("Get-LemlistBatchStats -CampaignId $ids -PerStep", new() { ["ids"] = ids });

        result.AssertNoErrors();
        Assert.All(result.Output, o => Assert.Equal(StepTypeName, TypeOf(o)));
        var expected = new List<string>();
        foreach (var id in ids) expected.AddRange(Enumerable.Repeat(id, (await AnswerAsync(id)).GetProperty("steps").GetArrayLength()));
        Assert.Equal(expected, result.Values("CampaignId").Cast<string>());
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
        Assert.Empty(AllRequests());
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
        Assert.Empty(AllRequests());
    }

    [Fact]
    public void AnInvalidIdFromThePipelineDoesNotStopTheValidOnes()
    {
        Connect();
        var ids = Ids(2);

        var result = Run("$ids[0], '../x', $ids[1] | Get-LemlistCampaignStats", new() { ["ids"] = ids });

        var error = Assert.Single(result.AllErrors);
        Assert.Contains("CampaignId", error.ToString());
        Assert.Equal(ids, result.Values("CampaignId").Cast<string>());
        Assert.Equal(ids.Order(), AllRequests().Select(r => r.CampaignIds.Single()).Order());
    }
}
