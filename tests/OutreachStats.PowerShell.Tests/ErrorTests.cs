using System.Management.Automation;
using OutreachStats.PowerShell.Tests.Infrastructure;
using OutreachStats.Sandbox;
using Xunit;

namespace OutreachStats.PowerShell.Tests;

/// <summary>How failures reach the user: error IDs, categories, targets, and -ErrorAction.</summary>
public sealed class ErrorTests : LemlistTestBase
{
    /// <summary>Retries of an answer that keeps failing come 10 ms apart instead of 1 s, doubling: the errors are the same.</summary>
    private const string QuickRetries = "-RetryBaseDelaySeconds 0.01";

    /// <summary>A campaign, one that does not exist, another campaign.</summary>
    private string[] WithAMissingOne()
    {
        var ids = Ids(2);
        return [ids[0], Missing, ids[1]];
    }

    [Fact]
    public void AnUnknownCampaignIsOneNonTerminatingErrorAndTheOthersComeOut()
    {
        Connect();
        var ids = WithAMissingOne();

        var result = Run("$ids | Get-LemlistCampaignStats", new() { ["ids"] = ids });

        Assert.Null(result.Terminating);
        Assert.Equal(new object?[] { ids[0], ids[2] }, result.Values("CampaignId"));
        var error = Assert.Single(result.Errors);
        Assert.Equal("LemlistCampaignNotFound", ErrorId(error));
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal(Missing, error.TargetObject);
        Assert.Contains(Missing, error.Exception.Message);
        Assert.Equal(3, Requests().Count);
    }

    [Fact]
    public void WithErrorActionStopThePipelineEndsAtThatError()
    {
        Connect();
        var ids = WithAMissingOne();

        var result = Run("$ids | Get-LemlistCampaignStats -ErrorAction Stop", new() { ["ids"] = ids });

        Assert.NotNull(result.TerminatingError);
        Assert.Equal("LemlistCampaignNotFound", ErrorId(result.TerminatingError!));
        Assert.Equal(ErrorCategory.ObjectNotFound, result.TerminatingError!.CategoryInfo.Category);
        Assert.Equal(Missing, result.TerminatingError.TargetObject);
        Assert.Equal(new object?[] { ids[0] }, result.Values("CampaignId"));
    }

    [Fact]
    public void WithErrorActionSilentlyContinueNothingIsShownButErrorHoldsIt()
    {
        Connect();
        var ids = WithAMissingOne();

        var result = Run("$ids | Get-LemlistCampaignStats -ErrorAction SilentlyContinue", new() { ["ids"] = ids });

        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        Assert.DoesNotContain(Missing, result.HostText);
        Assert.Equal(new object?[] { ids[0], ids[2] }, result.Values("CampaignId"));
        var recorded = Assert.Single(Session.ErrorVariable());
        Assert.Equal("LemlistCampaignNotFound", ErrorId(recorded));
        Assert.Equal(Missing, recorded.TargetObject);
    }

    [Fact]
    public void ErrorVariableCollectsTheNonTerminatingErrors()
    {
        Connect();

        var result = Run("$ids | Get-LemlistCampaignStats -ErrorAction SilentlyContinue -ErrorVariable failed; $failed | ForEach-Object { $_.TargetObject }",
            new() { ["ids"] = WithAMissingOne() });

        Assert.Null(result.Terminating);
        Assert.Equal(Missing, result.Output.Last().BaseObject);
    }

    [Theory]
    [InlineData("Get-LemlistCampaignStats")]
    [InlineData("Get-LemlistBatchStats")]
    public void ARejectedKeyEndsTheCommandAfterAHandfulOfRequests(string cmdlet)
    {
        Connect(Provider, SandboxKeys.Revoked(Provider));

        var result = Run($"$ids | {cmdlet}", new() { ["ids"] = Ids(50) });

        Assert.NotNull(result.TerminatingError);
        Assert.Equal("LemlistKeyRejected", ErrorId(result.TerminatingError!));
        Assert.Equal(ErrorCategory.AuthenticationError, result.TerminatingError!.CategoryInfo.Category);
        // What PowerShell shows, wherever the module puts its advice (the exception's message or ErrorDetails).
        Assert.Contains("Connect-OutreachProvider", result.TerminatingError.ToString());
        Assert.Empty(result.Output);
        Assert.InRange(Requests().Count, 1, 5);
        Assert.Empty(result.Errors);
    }

    [Fact]
    public void ABadRequestBodyAppearsInTheErrorMessage()
    {
        Connect();
        var ids = Ids(2);
        Sandbox.Faults.Add(new FaultRule
        {
            Provider = Provider, Kind = FaultKind.Status, Status = 400, CampaignIds = [ids[1]],
            Body = "Bad params: the send user email is not related to the send user id",
        });

        var result = Run("$ids | Get-LemlistCampaignStats", new() { ["ids"] = ids });

        Assert.Null(result.Terminating);
        Assert.Equal(new object?[] { ids[0] }, result.Values("CampaignId"));
        var error = Assert.Single(result.Errors);
        Assert.Equal("LemlistBadRequest", ErrorId(error));
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Equal(ids[1], error.TargetObject);
        Assert.Contains("Bad params: the send user email is not related to the send user id", error.Exception.Message);
        Assert.Contains("Bad params: the send user email is not related to the send user id", error.ToString());
    }

    [Fact]
    public void AnHtmlPageWithStatus200IsAnInvalidResponseNotAParserCrash()
    {
        Connect(QuickRetries);
        var ids = Ids(3);
        Sandbox.Faults.Add(new FaultRule { Provider = Provider, Kind = FaultKind.Html, CampaignIds = [ids[1]] });

        var result = Run("$ids | Get-LemlistCampaignStats", new() { ["ids"] = ids });

        Assert.Null(result.Terminating);
        Assert.Equal(new object?[] { ids[0], ids[2] }, result.Values("CampaignId"));
        var error = Assert.Single(result.Errors);
        Assert.Equal("LemlistInvalidResponse", ErrorId(error));
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.Equal(ids[1], error.TargetObject);
        Assert.Equal("OutreachStats.Http.OutreachApiException", error.Exception.GetType().FullName);
        Assert.Contains("text/html", error.Exception.Message);
    }

    [Fact]
    public void AnHtmlPageOnTheBatchRouteFailsEachCampaignAsAnInvalidResponse()
    {
        Connect(QuickRetries);
        var ids = Ids(2);
        Sandbox.Faults.Add(new FaultRule { Provider = Provider, Kind = FaultKind.Html, CampaignIds = [ids[0]] });

        var result = Run("$ids | Get-LemlistBatchStats", new() { ["ids"] = ids });

        Assert.Null(result.Terminating);
        Assert.Empty(result.Output);
        Assert.Equal(2, result.Errors.Count);
        Assert.All(result.Errors, e => Assert.Equal("LemlistInvalidResponse", ErrorId(e)));
        Assert.Equal(ids, result.Errors.Select(e => e.TargetObject).ToArray());
    }

    [Fact]
    public void A404WithoutCampaignNotFoundPointsAtTheBaseUri()
    {
        Connect();
        var id = Ids(1)[0];
        Sandbox.Faults.Add(new FaultRule { Provider = Provider, Kind = FaultKind.Status, Status = 404, CampaignIds = [id], Body = $"Cannot GET /v2/campaigns/{id}/stats" });

        var result = Run("Get-LemlistCampaignStats $id", new() { ["id"] = id });

        var error = Assert.Single(result.Errors);
        Assert.Equal("LemlistEndpointNotFound", ErrorId(error));
        Assert.Contains("-BaseUri", error.ToString());
    }
}
