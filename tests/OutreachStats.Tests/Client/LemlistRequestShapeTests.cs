using System.Net;
using System.Text;
using System.Text.Json;
using OutreachStats.Model;
using Xunit;

namespace OutreachStats.Tests.Client;

/// <summary>What the lemlist client puts on the wire, checked against the OpenAPI documents.</summary>
public sealed class LemlistRequestShapeTests
{
    [Theory]
    [InlineData("https://api.lemlist.com/api", "https://api.lemlist.com/api/v2/campaigns/cam_123/stats")]
    [InlineData("https://api.lemlist.com/api/", "https://api.lemlist.com/api/v2/campaigns/cam_123/stats")]
    [InlineData("http://127.0.0.1:5000/lemlist", "http://127.0.0.1:5000/lemlist/v2/campaigns/cam_123/stats")]
    [InlineData("http://127.0.0.1:5000/lemlist/", "http://127.0.0.1:5000/lemlist/v2/campaigns/cam_123/stats")]
    public async Task SingleStatsIsAGetOnTheV2PathUnderAnyBase(string baseUri, string expected)
    {
        using var h = new LemlistHarness(baseUri: new Uri(baseUri));

        await h.GetStatsAsync("cam_123");

        var request = h.Server.Single();
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal(expected, request.Uri.GetLeftPart(UriPartial.Path));
        Assert.Equal(string.Empty, request.Body);
    }

    [Fact]
    public async Task SingleStatsSendsOnlyTheDatesWhenNoFilterIsGiven()
    {
        using var h = new LemlistHarness();

        await h.GetStatsAsync("cam_123", Windows.Plain());

        var query = Queries.Of(h.Server.Single().Uri);
        Assert.Equal(new[] { "endDate", "startDate" }, query.Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.Equal("2024-01-07T22:00:00.000Z", query["startDate"]);
        Assert.Equal("2025-07-10T21:59:59.999Z", query["endDate"]);
    }

    [Fact]
    public async Task SingleStatsSendsEveryFilterUnderItsDocumentedName()
    {
        using var h = new LemlistHarness();

        await h.GetStatsAsync("cam_123", Windows.Filtered("usr_OcIHizJyIeaDxicQP|email@example.com", "B", "email", "linkedin"));

        var uri = h.Server.Single().Uri;
        var query = Queries.Of(uri);
        Assert.Equal(new[] { "ABSelected", "channels", "endDate", "sendUser", "startDate" }, query.Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.Equal("2024-01-07T22:00:00.000Z", query["startDate"]);
        Assert.Equal("2025-07-10T21:59:59.999Z", query["endDate"]);
        Assert.Equal("usr_OcIHizJyIeaDxicQP|email@example.com", query["sendUser"]);
        Assert.Equal("B", query["ABSelected"]);
        // channels is a JSON array carried as a string, so it must arrive percent-encoded.
        Assert.Equal(new[] { "email", "linkedin" }, JsonSerializer.Deserialize<string[]>(query["channels"]));
        Assert.DoesNotContain("\"", Queries.Raw(uri, "channels"));
        Assert.DoesNotContain("[", Queries.Raw(uri, "channels"));
    }

    [Fact]
    public async Task DatesAreUtcWithMillisecondsEvenForOtherTimes()
    {
        using var h = new LemlistHarness();
        var window = new LemlistStatsWindow(
            new DateTime(2025, 12, 31, 23, 5, 9, DateTimeKind.Utc).AddTicks(12_345),
            new DateTime(2026, 1, 1, 0, 0, 0, 7, DateTimeKind.Utc),
            null, null, null);

        await h.GetStatsAsync("cam_123", window);

        var query = Queries.Of(h.Server.Single().Uri);
        Assert.Equal("2025-12-31T23:05:09.001Z", query["startDate"]);
        Assert.Equal("2026-01-01T00:00:00.007Z", query["endDate"]);
    }

    [Fact]
    public async Task APlusInASendUserEmailIsPercentEncodedNotLeftToBeReadAsASpace()
    {
        using var h = new LemlistHarness();

        await h.GetStatsAsync("cam_123", Windows.Filtered("usr_abc|me+tag@example.com", null));

        var uri = h.Server.Single().Uri;
        Assert.Equal("usr_abc%7Cme%2Btag%40example.com", Queries.Raw(uri, "sendUser"));
        Assert.Equal("usr_abc|me+tag@example.com", Queries.Of(uri)["sendUser"]);
    }

    [Fact]
    public async Task AuthorizationIsBasicWithAnEmptyUserAndTheKeyAsPassword()
    {
        using var h = new LemlistHarness();

        await h.GetStatsAsync();

        var request = h.Server.Single();
        Assert.NotNull(request.Authorization);
        Assert.Equal("Basic", request.Authorization!.Scheme);
        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes(":" + h.KeyText)), request.Authorization.Parameter);
        Assert.Equal("application/json", request.Accept);
    }

    [Theory]
    [InlineData("cam 1", "cam%201")]
    [InlineData("cam+1", "cam%2B1")]
    [InlineData("cam/1", "cam%2F1")]
    [InlineData("cam?x=1", "cam%3Fx%3D1")]
    [InlineData("cam#1", "cam%231")]
    [InlineData("cam%2F1", "cam%252F1")]
    public async Task TheCampaignIdStaysOneEscapedPathSegment(string campaignId, string segment)
    {
        using var h = new LemlistHarness();

        var stats = await h.GetStatsAsync(campaignId);

        var uri = h.Server.Single().Uri;
        Assert.Equal("/api/v2/campaigns/" + segment + "/stats", uri.AbsolutePath);
        Assert.Equal(new[] { "endDate", "startDate" }, Queries.Of(uri).Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.Equal(campaignId, stats.CampaignId);
    }

    // "." and ".." are dot segments: System.Uri removes them (even percent-encoded), so such an ID
    // would send the key to another endpoint (/v2/campaigns/stats, /v2/stats). The client must refuse them.
    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("")]
    public async Task AnIdThatCannotBeOnePathSegmentIsRefusedBeforeAnyRequest(string campaignId)
    {
        using var h = new LemlistHarness();

        await Assert.ThrowsAnyAsync<ArgumentException>(() => h.Client.GetCampaignStatsAsync(campaignId, Windows.Plain(), h.LogSink, CancellationToken.None));

        Assert.Empty(h.Server.Requests);
    }

    [Fact]
    public async Task BatchIsAJsonPostWithTheIdsAndDatesOnly()
    {
        using var h = new LemlistHarness();
        h.Server.Script(Replies.Json(ApiExamples.Batch(new[] { ("cam_1", 1), ("cam_2", 2) }, Array.Empty<(string, string)>())));

        await h.GetBatchAsync(new[] { "cam_1", "cam_2" }, Windows.Plain());

        var request = h.Server.Single();
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://api.lemlist.com/api/v2/campaigns/stats/batch", request.Uri.AbsoluteUri);
        Assert.Equal("application/json", request.ContentType);
        Assert.Equal("Basic", request.Authorization?.Scheme);
        using var body = JsonDocument.Parse(request.Body);
        var root = body.RootElement;
        Assert.Equal(new[] { "campaignIds", "endDate", "startDate" }, root.EnumerateObject().Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal));
        Assert.Equal(new[] { "cam_1", "cam_2" }, root.GetProperty("campaignIds").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("2024-01-07T22:00:00.000Z", root.GetProperty("startDate").GetString());
        Assert.Equal("2025-07-10T21:59:59.999Z", root.GetProperty("endDate").GetString());
    }

    [Fact]
    public async Task BatchCarriesEveryGivenFilterWithChannelsAsARealArray()
    {
        using var h = new LemlistHarness(baseUri: new Uri("http://127.0.0.1:5000/lemlist/"));
        h.Server.Script(Replies.Json(ApiExamples.BatchStats));

        await h.GetBatchAsync(new[] { "cam_123" }, Windows.Filtered("usr_OcIHizJyIeaDxicQP|email@example.com", "A", "email", "others"));

        var request = h.Server.Single();
        Assert.Equal("http://127.0.0.1:5000/lemlist/v2/campaigns/stats/batch", request.Uri.AbsoluteUri);
        using var body = JsonDocument.Parse(request.Body);
        var root = body.RootElement;
        Assert.Equal("usr_OcIHizJyIeaDxicQP|email@example.com", root.GetProperty("sendUser").GetString());
        Assert.Equal("A", root.GetProperty("ABSelected").GetString());
        Assert.Equal(JsonValueKind.Array, root.GetProperty("channels").ValueKind);
        Assert.Equal(new[] { "email", "others" }, root.GetProperty("channels").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task BatchLeavesOutOnlyTheFiltersNotGiven()
    {
        using var h = new LemlistHarness();
        h.Server.Script(Replies.Json(ApiExamples.BatchStats));

        await h.GetBatchAsync(new[] { "cam_123" }, new LemlistStatsWindow(Windows.Start, Windows.End, null, "B", null));

        using var body = JsonDocument.Parse(h.Server.Single().Body);
        Assert.Equal(new[] { "ABSelected", "campaignIds", "endDate", "startDate" }, body.RootElement.EnumerateObject().Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal));
    }

    [Fact]
    public async Task ARetriedBatchSendsTheSameBodyAgain()
    {
        using var h = new LemlistHarness(o => o.RetryBaseDelay = TimeSpan.FromMilliseconds(10));
        h.Server.Script(Replies.Text(HttpStatusCode.ServiceUnavailable, "busy"), Replies.Json(ApiExamples.BatchStats));

        await h.GetBatchAsync(new[] { "cam_123" }, Windows.Filtered());

        var requests = h.Server.Requests;
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r => Assert.Equal(HttpMethod.Post, r.Method));
        Assert.NotEmpty(requests[0].Body);
        Assert.Equal(requests[0].Body, requests[1].Body);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public async Task ABatchOfNoneOrMoreThanAHundredIdsThrowsBeforeAnyRequest(int count)
    {
        using var h = new LemlistHarness();
        var ids = Enumerable.Range(1, count).Select(i => "cam_" + i).ToArray();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => h.Client.GetBatchStatsAsync(ids, Windows.Plain(), h.LogSink, CancellationToken.None));

        Assert.Empty(h.Server.Requests);
    }

    [Fact]
    public async Task ABatchOfExactlyAHundredIdsIsOneRequest()
    {
        using var h = new LemlistHarness();
        var ids = Enumerable.Range(1, 100).Select(i => "cam_" + i).ToArray();
        h.Server.Script(Replies.Json(ApiExamples.Batch(ids.Select(id => (id, 1)), Array.Empty<(string, string)>())));

        var entries = await h.GetBatchAsync(ids);

        using var body = JsonDocument.Parse(h.Server.Single().Body);
        Assert.Equal(100, body.RootElement.GetProperty("campaignIds").GetArrayLength());
        Assert.Equal(100, entries.Count);
    }
}
