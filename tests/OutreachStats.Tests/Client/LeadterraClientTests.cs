using System.Net;
using OutreachStats.Http;
using Xunit;

namespace OutreachStats.Tests.Client;

/// <summary>Leadterra: the exact request, the documented example, and every documented error.</summary>
public sealed class LeadterraClientTests
{
    [Fact]
    public async Task TheRequestIsAGetOfTheStatsPathWithTheKeyAsBearer()
    {
        using var h = new LeadterraHarness();

        await h.GetAsync("camp_123");

        var request = h.Server.Single();
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("https://app.leadterra.co/v1/campaigns/camp_123/stats", request.Uri.AbsoluteUri);
        Assert.Equal("Bearer", request.Authorization!.Scheme);
        Assert.Equal(h.KeyText, request.Authorization.Parameter);
        Assert.Equal("application/json", request.Accept);
        // "This endpoint accepts no request body."
        Assert.Empty(request.Body);
        Assert.Null(request.ContentType);
    }

    [Fact]
    public async Task TheDocumentedExampleMapsEveryField()
    {
        using var h = new LeadterraHarness();

        var stats = await h.GetAsync("camp_123");

        Assert.Equal("Leadterra", stats.Provider);
        Assert.Equal("camp_123", stats.CampaignId);
        Assert.Equal(500, stats.TotalEnrolled);
        Assert.Equal(480, stats.Sent);
        Assert.Equal(471, stats.Delivered);
        Assert.Equal(9, stats.Bounced);
        Assert.Equal(38, stats.Replied);
        Assert.Equal(20, stats.Queued);
        // Leadterra's own rates are over delivered, with two decimals, and keep names that say so.
        Assert.Equal(0.42, stats.OpenRateOfDelivered);
        Assert.Equal(0.08, stats.ReplyRateOfDelivered);
        // The common rates are over sent, from the counts; Leadterra counts no opens, clicks or unsubscribes.
        Assert.Equal(38.0 / 480, stats.ReplyRate);
        Assert.Equal(9.0 / 480, stats.BounceRate);
        Assert.Null(stats.Opened);
        Assert.Null(stats.Clicked);
        Assert.Null(stats.Unsubscribed);
        Assert.Null(stats.OpenRate);
        Assert.Null(stats.ClickRate);
    }

    [Fact]
    public async Task AnAnswerWithoutCampaignIdIsTakenForTheCampaignAskedFor()
    {
        using var h = new LeadterraHarness();
        h.Server.Script(Replies.Json("""{"sent": 7}"""));

        var stats = await h.GetAsync("camp_9");

        Assert.Equal("camp_9", stats.CampaignId);
        Assert.Equal(7, stats.Sent);
        Assert.Equal(0, stats.Queued);
    }

    [Fact]
    public async Task AnAnswerForAnotherCampaignIsInvalidResponse()
    {
        using var h = new LeadterraHarness();

        var error = await h.FailureAsync("camp_999");

        Assert.Equal(OutreachErrorKind.InvalidResponse, error.Kind);
        Assert.Equal("LeadterraInvalidResponse", error.ErrorId);
        Assert.Contains("'camp_123'", error.Message);
    }

    [Theory]
    [InlineData("""{"sent": -1.5}""")]
    [InlineData("""{"openRate": "42%"}""")]
    [InlineData("""{"campaignId": 123}""")]
    [InlineData("null")]
    [InlineData("<html>proxy</html>")]
    public async Task AnAnswerThatIsNotTheDocumentedObjectIsInvalidResponse(string body)
    {
        using var h = new LeadterraHarness();
        h.Server.Script(Replies.Json(body));

        var error = await h.FailureAsync();

        Assert.Equal(OutreachErrorKind.InvalidResponse, error.Kind);
    }

    public static TheoryData<string> InvalidRequestBodies => ErrorBodies.Shapes("invalid_request", "The request was malformed or contained unexpected parameters.");

    [Theory]
    [MemberData(nameof(InvalidRequestBodies))]
    public async Task A400InvalidRequestIsBadRequestAndNotRetried(string body)
    {
        using var h = new LeadterraHarness();
        h.Server.Script(Replies.Json(body, HttpStatusCode.BadRequest));

        var error = await h.FailureAsync("camp_123");

        Assert.Equal(OutreachErrorKind.BadRequest, error.Kind);
        Assert.Equal("LeadterraInvalidRequest", error.ErrorId);
        Assert.Equal("invalid_request", error.ProviderErrorCode);
        Assert.Contains("400 invalid_request: The request was malformed", error.Message);
        Assert.Equal(1, h.Server.RequestCount);
    }

    public static TheoryData<string> AuthenticationBodies => ErrorBodies.Shapes("authentication_failed", "The Authorization header is missing, malformed, or the key is invalid.");

    [Theory]
    [MemberData(nameof(AuthenticationBodies))]
    public async Task A401AuthenticationFailedIsKeyRejected(string body)
    {
        using var h = new LeadterraHarness();
        h.Server.Script(Replies.Json(body, HttpStatusCode.Unauthorized));

        var error = await h.FailureAsync();

        Assert.True(error.IsKeyRejected);
        Assert.Equal("LeadterraAuthenticationFailed", error.ErrorId);
        Assert.Equal("authentication_failed", error.ProviderErrorCode);
        Assert.Contains("401 authentication_failed", error.Message);
        Assert.Equal(1, h.Server.RequestCount);
    }

    public static TheoryData<string> NotFoundBodies => ErrorBodies.Shapes("campaign_not_found", "No campaign with the given id exists in your workspace.");

    [Theory]
    [MemberData(nameof(NotFoundBodies))]
    public async Task A404CampaignNotFoundIsCampaignNotFound(string body)
    {
        using var h = new LeadterraHarness();
        h.Server.Script(Replies.Json(body, HttpStatusCode.NotFound));

        var error = await h.FailureAsync("camp_404");

        Assert.Equal("LeadterraCampaignNotFound", error.ErrorId);
        Assert.Equal("campaign_not_found", error.ProviderErrorCode);
        Assert.Equal("camp_404", error.CampaignId);
        Assert.Contains("404 campaign_not_found", error.Message);
        Assert.Contains("camp_", error.Message);
    }

    [Fact]
    public async Task AnUndocumentedStatusQuotesTheBody()
    {
        using var h = new LeadterraHarness();
        h.Server.Script(Replies.Json("""{"error":"teapot","message":"short and stout"}""", (HttpStatusCode)418));

        var error = await h.FailureAsync();

        Assert.Equal(OutreachErrorKind.UnexpectedStatus, error.Kind);
        Assert.Equal("teapot", error.ProviderErrorCode);
        Assert.Contains("short and stout", error.Message);
    }
}
