using System.Management.Automation;
using OutreachStats.PowerShell.Tests.Infrastructure;
using Xunit;

namespace OutreachStats.PowerShell.Tests;

/// <summary>How failures reach the user: error IDs, categories, targets, and -ErrorAction.</summary>
public sealed class ErrorTests : FakeLemlistTestBase
{
    private const string Ids = "'cam_1', 'cam_missing', 'cam_3'";

    [Fact]
    public void AnUnknownCampaignIsOneNonTerminatingErrorAndTheOthersComeOut()
    {
        Connect();
        Server.MissingCampaigns("cam_missing");

        var result = Run(Ids + " | Get-LemlistCampaignStats");

        Assert.Null(result.Terminating);
        Assert.Equal(new object?[] { "cam_1", "cam_3" }, result.Values("CampaignId"));
        var error = Assert.Single(result.Errors);
        Assert.Equal("LemlistCampaignNotFound", ErrorId(error));
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal("cam_missing", error.TargetObject);
        Assert.Contains("cam_missing", error.Exception.Message);
        Assert.Equal(3, Server.Requests.Count);
    }

    [Fact]
    public void WithErrorActionStopThePipelineEndsAtThatError()
    {
        Connect();
        Server.MissingCampaigns("cam_missing");

        var result = Run(Ids + " | Get-LemlistCampaignStats -ErrorAction Stop");

        Assert.NotNull(result.TerminatingError);
        Assert.Equal("LemlistCampaignNotFound", ErrorId(result.TerminatingError!));
        Assert.Equal(ErrorCategory.ObjectNotFound, result.TerminatingError!.CategoryInfo.Category);
        Assert.Equal("cam_missing", result.TerminatingError.TargetObject);
        Assert.Equal(new object?[] { "cam_1" }, result.Values("CampaignId"));
    }

    [Fact]
    public void WithErrorActionSilentlyContinueNothingIsShownButErrorHoldsIt()
    {
        Connect();
        Server.MissingCampaigns("cam_missing");

        var result = Run(Ids + " | Get-LemlistCampaignStats -ErrorAction SilentlyContinue");

        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        Assert.DoesNotContain("cam_missing", result.HostText);
        Assert.Equal(new object?[] { "cam_1", "cam_3" }, result.Values("CampaignId"));
        var recorded = Assert.Single(Session.ErrorVariable());
        Assert.Equal("LemlistCampaignNotFound", ErrorId(recorded));
        Assert.Equal("cam_missing", recorded.TargetObject);
    }

    [Fact]
    public void ErrorVariableCollectsTheNonTerminatingErrors()
    {
        Connect();
        Server.MissingCampaigns("cam_missing");

        var result = Run(Ids + " | Get-LemlistCampaignStats -ErrorAction SilentlyContinue -ErrorVariable failed; $failed | ForEach-Object { $_.TargetObject }");

        Assert.Null(result.Terminating);
        Assert.Equal("cam_missing", result.Output.Last().BaseObject);
    }

    [Theory]
    [InlineData("Get-LemlistCampaignStats")]
    [InlineData("Get-LemlistBatchStats")]
    public void ARejectedKeyEndsTheCommandAfterAHandfulOfRequests(string cmdlet)
    {
        var result = Run(
            $"""
            Connect-OutreachProvider -Provider Lemlist -ApiKey $wrong -BaseUri $uri
            $ids | {cmdlet}
            """,
            new()
            {
                ["wrong"] = Secure(NewKey("wrong")),
                ["uri"] = Server.BaseUri,
                ["ids"] = Enumerable.Range(1, 50).Select(i => "cam_" + i).ToArray(),
            });

        Assert.NotNull(result.TerminatingError);
        Assert.Equal("LemlistKeyRejected", ErrorId(result.TerminatingError!));
        Assert.Equal(ErrorCategory.AuthenticationError, result.TerminatingError!.CategoryInfo.Category);
        Assert.Contains("Connect-OutreachProvider", result.TerminatingError.Exception.Message);
        Assert.Empty(result.Output);
        Assert.InRange(Server.Requests.Count, 1, 5);
        Assert.Empty(result.Errors);
    }

    [Fact]
    public void ABadRequestBodyAppearsInTheErrorMessage()
    {
        Connect();
        Server.Override("cam_2", 400, "Bad params: the send user email is not related to the send user id");

        var result = Run("'cam_1', 'cam_2' | Get-LemlistCampaignStats");

        Assert.Null(result.Terminating);
        Assert.Equal(new object?[] { "cam_1" }, result.Values("CampaignId"));
        var error = Assert.Single(result.Errors);
        Assert.Equal("LemlistBadRequest", ErrorId(error));
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Equal("cam_2", error.TargetObject);
        Assert.Contains("Bad params: the send user email is not related to the send user id", error.Exception.Message);
        Assert.Contains("Bad params: the send user email is not related to the send user id", error.ToString());
    }

    [Fact]
    public void AnHtmlPageWithStatus200IsAnInvalidResponseNotAParserCrash()
    {
        Connect();
        Server.Override("cam_2", 200, "<!DOCTYPE html><html><body><h1>Sign in to the proxy</h1></body></html>", "text/html; charset=utf-8");

        var result = Run("'cam_1', 'cam_2', 'cam_3' | Get-LemlistCampaignStats");

        Assert.Null(result.Terminating);
        Assert.Equal(new object?[] { "cam_1", "cam_3" }, result.Values("CampaignId"));
        var error = Assert.Single(result.Errors);
        Assert.Equal("LemlistInvalidResponse", ErrorId(error));
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.Equal("cam_2", error.TargetObject);
        Assert.Equal("OutreachStats.Http.OutreachApiException", error.Exception.GetType().FullName);
        Assert.Contains("text/html", error.Exception.Message);
    }

    [Fact]
    public void AnHtmlPageOnTheBatchRouteFailsEachCampaignAsAnInvalidResponse()
    {
        Connect();
        Server.Override("cam_1", 200, "<html><body>Gateway</body></html>", "text/html");

        var result = Run("'cam_1', 'cam_2' | Get-LemlistBatchStats");

        Assert.Null(result.Terminating);
        Assert.Empty(result.Output);
        Assert.Equal(2, result.Errors.Count);
        Assert.All(result.Errors, e => Assert.Equal("LemlistInvalidResponse", ErrorId(e)));
        Assert.Equal(new object[] { "cam_1", "cam_2" }, result.Errors.Select(e => e.TargetObject).ToArray());
    }

    [Fact]
    public void A404WithoutCampaignNotFoundPointsAtTheBaseUri()
    {
        Connect();
        Server.Override("cam_1", 404, "Cannot GET /v2/campaigns/cam_1/stats");

        var result = Run("Get-LemlistCampaignStats cam_1");

        var error = Assert.Single(result.Errors);
        Assert.Equal("LemlistEndpointNotFound", ErrorId(error));
        Assert.Contains("-BaseUri", error.Exception.Message);
    }
}
