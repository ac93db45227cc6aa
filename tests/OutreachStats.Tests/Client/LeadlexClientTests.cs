using System.Net;
using OutreachStats.Http;
using Xunit;

namespace OutreachStats.Tests.Client;

/// <summary>Leadlex: the exact request, the documented example, and every documented error.</summary>
public sealed class LeadlexClientTests
{
    [Fact]
    public async Task TheRequestIsAGetOfTheStatsPathWithTheKeyAsBearer()
    {
        using var h = new LeadlexHarness();

        await h.GetAsync("cmp_abc123");

        var request = h.Server.Single();
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("https://data.leadlex.com/functions/v1/api-gateway/v1/campaigns/cmp_abc123/stats", request.Uri.AbsoluteUri);
        Assert.Equal(string.Empty, request.Uri.Query);
        Assert.Equal("Bearer", request.Authorization!.Scheme);
        Assert.Equal(h.KeyText, request.Authorization.Parameter);
        Assert.Equal("application/json", request.Accept);
        Assert.Empty(request.Body);
    }

    [Theory]
    [InlineData("cmp_abc123")]
    [InlineData("3f2b8c1e-9a4d-4e7b-8c2a-1d5e6f7a8b9c")]
    public async Task BothIdFormsTheDocsShowAreAcceptedAsTheyAre(string id)
    {
        using var h = new LeadlexHarness();

        var stats = await h.GetAsync(id);

        Assert.Equal($"/functions/v1/api-gateway/v1/campaigns/{id}/stats", h.Server.Single().Uri.AbsolutePath);
        Assert.Equal(id, stats.CampaignId);
    }

    [Fact]
    public async Task AnIdIsEscapedAsOnePathSegment()
    {
        using var h = new LeadlexHarness();

        await h.GetAsync("cmp a+b");

        Assert.EndsWith("/v1/campaigns/cmp%20a%2Bb/stats", h.Server.Single().Uri.AbsoluteUri);
    }

    [Fact]
    public async Task TheDocumentedExampleMapsEveryCountAndRate()
    {
        using var h = new LeadlexHarness();

        var stats = await h.GetAsync("cmp_abc123");

        Assert.Equal("Leadlex", stats.Provider);
        Assert.Equal("cmp_abc123", stats.CampaignId);
        Assert.Equal(1247, stats.Sent);
        Assert.Equal(612, stats.Opened);
        Assert.Equal(143, stats.Clicked);
        Assert.Equal(89, stats.Replied);
        Assert.Equal(12, stats.Bounced);
        Assert.Equal(4, stats.Unsubscribed);
        Assert.Null(stats.Delivered);
        // The common rates are the counts over sent_count, unrounded; Leadlex's own keep their names.
        Assert.Equal(612.0 / 1247, stats.OpenRate);
        Assert.Equal(143.0 / 1247, stats.ClickRate);
        Assert.Equal(89.0 / 1247, stats.ReplyRate);
        Assert.Equal(12.0 / 1247, stats.BounceRate);
        Assert.Equal(0.491, stats.OpenRateRounded);
        Assert.Equal(0.115, stats.ClickRateRounded);
        Assert.Equal(0.071, stats.ReplyRateRounded);
        Assert.Equal("cmp_abc123", stats.ToString());
    }

    [Fact]
    public async Task FieldsTheApiLeavesOutReadZero()
    {
        using var h = new LeadlexHarness();
        h.Server.Script(Replies.Json("""{"data":{"stats":{"sent_count":3,"extra":true}}}"""));

        var stats = await h.GetAsync();

        Assert.Equal(3, stats.Sent);
        Assert.Equal(0, stats.Replied);
        Assert.Equal(0.0, stats.OpenRate);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"data":{}}""")]
    [InlineData("""{"data":null}""")]
    [InlineData("""{"data":{"stats":[]}}""")]
    [InlineData("""{"data":{"stats":{"sent_count":"many"}}}""")]
    [InlineData("""{"data":{"stats":{"open_rate":"49%"}}}""")]
    [InlineData("[]")]
    public async Task AnAnswerWithoutDataStatsIsInvalidResponse(string body)
    {
        using var h = new LeadlexHarness();
        h.Server.Script(Replies.Json(body));

        var error = await h.FailureAsync();

        Assert.Equal(OutreachErrorKind.InvalidResponse, error.Kind);
        Assert.Equal("LeadlexInvalidResponse", error.ErrorId);
    }

    public static TheoryData<string> InvalidKeyBodies => ErrorBodies.Shapes("invalid_key", "Invalid or expired API key");

    [Theory]
    [MemberData(nameof(InvalidKeyBodies))]
    public async Task A401InvalidKeyIsKeyRejectedQuotingTheCodeInEveryBodyShape(string body)
    {
        using var h = new LeadlexHarness();
        h.Server.Script(Replies.Json(body, HttpStatusCode.Unauthorized));

        var error = await h.FailureAsync();

        Assert.Equal(OutreachErrorKind.KeyRejected, error.Kind);
        Assert.True(error.IsKeyRejected);
        Assert.Equal("LeadlexInvalidKey", error.ErrorId);
        Assert.Equal("invalid_key", error.ProviderErrorCode);
        Assert.Contains("401 invalid_key: Invalid or expired API key", error.Message);
        Assert.Equal("Check the key, then run Connect-OutreachProvider -Provider Leadlex again.", OutreachStats.Cmdlets.ErrorAdvice.For(error));
        Assert.Equal(1, h.Server.RequestCount);
    }

    public static TheoryData<string> PermissionBodies => ErrorBodies.Shapes("insufficient_permissions", "Missing campaigns:read permission");

    [Theory]
    [MemberData(nameof(PermissionBodies))]
    public async Task A403InsufficientPermissionsSaysTheKeyLacksCampaignsRead(string body)
    {
        using var h = new LeadlexHarness();
        h.Server.Script(Replies.Json(body, HttpStatusCode.Forbidden));

        var error = await h.FailureAsync("cmp_abc123");

        Assert.Equal(OutreachErrorKind.AccessDenied, error.Kind);
        Assert.False(error.IsKeyRejected);
        Assert.Equal("LeadlexInsufficientPermissions", error.ErrorId);
        Assert.Equal("insufficient_permissions", error.ProviderErrorCode);
        Assert.Contains("403 insufficient_permissions", error.Message);
        Assert.Contains("lacks the campaigns:read permission", error.Message);
        Assert.Equal("cmp_abc123", error.CampaignId);
        Assert.Equal(1, h.Server.RequestCount);
    }

    public static TheoryData<string> NotFoundBodies => ErrorBodies.Shapes("campaign_not_found", "No campaign with this ID");

    [Theory]
    [MemberData(nameof(NotFoundBodies))]
    public async Task A404CampaignNotFoundIsCampaignNotFoundForThatCampaign(string body)
    {
        using var h = new LeadlexHarness();
        h.Server.Script(Replies.Json(body, HttpStatusCode.NotFound));

        var error = await h.FailureAsync("cmp_missing");

        Assert.Equal(OutreachErrorKind.CampaignNotFound, error.Kind);
        Assert.Equal("LeadlexCampaignNotFound", error.ErrorId);
        Assert.Equal("campaign_not_found", error.ProviderErrorCode);
        Assert.Equal("cmp_missing", error.CampaignId);
        Assert.Contains("'cmp_missing'", error.Message);
        Assert.Contains("404 campaign_not_found: No campaign with this ID", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Not Found")]
    [InlineData("""{"unexpected":"shape"}""")]
    public async Task A404WithoutAReadableCodeFallsBackToTheStatus(string body)
    {
        using var h = new LeadlexHarness();
        h.Server.Script(Replies.Content(HttpStatusCode.NotFound, body, "application/json"));

        var error = await h.FailureAsync();

        Assert.Equal(OutreachErrorKind.CampaignNotFound, error.Kind);
        Assert.Null(error.ProviderErrorCode);
    }

    [Fact]
    public async Task A404WebPageMeansAWrongBaseUri()
    {
        using var h = new LeadlexHarness();
        h.Server.Script(Replies.Html(HttpStatusCode.NotFound, "<html><body>404 page not found</body></html>"));

        var error = await h.FailureAsync();

        Assert.Equal(OutreachErrorKind.EndpointNotFound, error.Kind);
        Assert.Contains("-BaseUri", OutreachStats.Cmdlets.ErrorAdvice.For(error));
        Assert.Contains("https://data.leadlex.com/functions/v1/api-gateway", error.Message);
    }

    [Fact]
    public async Task A429RateLimitedIsRetriedAfterRetryAfterAndThenSucceeds()
    {
        using var h = new LeadlexHarness();
        h.Server.Script(
            Replies.Content(HttpStatusCode.TooManyRequests, """{"error":{"code":"rate_limited","message":"Rate limit exceeded"}}""", "application/json"),
            Replies.Json(LeadlexExamples.Documented));

        var stats = await h.GetAsync();

        Assert.Equal(1247, stats.Sent);
        Assert.Equal(2, h.Server.RequestCount);
    }

    public static TheoryData<string> RateLimitedBodies => ErrorBodies.Shapes("rate_limited", "Rate limit exceeded");

    [Theory]
    [MemberData(nameof(RateLimitedBodies))]
    public async Task A429ThatPersistsIsRateLimitedWithTheCode(string body)
    {
        using var h = new LeadlexHarness(o => { o.MaxRetries = 2; o.RetryBaseDelay = TimeSpan.FromMilliseconds(50); });
        h.Server.Script(Replies.Json(body, HttpStatusCode.TooManyRequests));

        var error = await h.FailureAsync();

        Assert.Equal(OutreachErrorKind.RateLimited, error.Kind);
        Assert.Equal("LeadlexRateLimited", error.ErrorId);
        Assert.Equal("rate_limited", error.ProviderErrorCode);
        Assert.Contains("429 rate_limited", error.Message);
        Assert.Contains("after 3 attempts", error.Message);
        Assert.Equal(3, h.Server.RequestCount);
    }

    [Fact]
    public async Task AServerErrorIsRetriedThenServerError()
    {
        using var h = new LeadlexHarness(o => { o.MaxRetries = 1; o.RetryBaseDelay = TimeSpan.FromMilliseconds(50); });
        h.Server.Script(Replies.Json("""{"error":{"code":"internal","message":"boom"}}""", HttpStatusCode.InternalServerError));

        var error = await h.FailureAsync();

        Assert.Equal(OutreachErrorKind.ServerError, error.Kind);
        Assert.Equal(2, h.Server.RequestCount);
    }

    [Fact]
    public void TheDefaultBudgetIsSixtyRequestsAMinute()
    {
        var options = OutreachStats.Providers.Leadlex.LeadlexProvider.Definition.DefaultOptions();

        Assert.Equal(60, options.RateLimit);
        Assert.Equal(TimeSpan.FromMinutes(1), options.RateLimitWindow);
    }

    [Fact]
    public async Task AKeyEchoedInAnErrorNeverReachesTheMessage()
    {
        var key = TestKeys.UniqueSecret();
        using var h = new LeadlexHarness(key: key);
        h.Server.Script(Replies.Json($$$"""{"error":{"code":"invalid_key","message":"key {{{key}}} is expired"}}""", HttpStatusCode.Unauthorized));

        var error = await h.FailureAsync();

        Assert.DoesNotContain(key, error.ToString());
        Assert.Contains("key **** is expired", error.Message);
        Assert.All(h.Log, line => Assert.DoesNotContain(key, line));
    }
}
