using System.Net;
using OutreachStats.Model;
using OutreachStats.Providers.Smartlead;
using Xunit;

namespace OutreachStats.Tests.Client;

/// <summary>Smartlead: the exact requests, with the key as the documented api_key query parameter.</summary>
public sealed class SmartleadRequestShapeTests
{
    [Fact]
    public async Task TheFirstRequestIsTheDocumentedGetWithApiKeyOffsetAndLimit()
    {
        using var h = new SmartleadHarness();

        await h.PagesAsync(12345);

        var request = h.Server.Single();
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("/api/v1/campaigns/12345/statistics", request.Uri.AbsolutePath);
        // The default page is the documented maximum, 1,000 rows: the fewest requests a campaign can cost.
        Assert.Equal($"?api_key={h.KeyText}&offset=0&limit=1000", request.Uri.Query);
        // The key travels in the query as documented, and nowhere else.
        Assert.Null(request.Authorization);
        Assert.Equal("application/json", request.Accept);
        Assert.Empty(request.Body);
    }

    [Fact]
    public async Task EveryFilterIsSentWithItsDocumentedNameAndFormat()
    {
        using var h = new SmartleadHarness();
        var query = new SmartleadStatisticsQuery
        {
            SequenceNumber = 3,
            EmailStatus = "replied",
            StartDate = new DateTime(2023, 10, 16, 10, 33, 2, DateTimeKind.Utc),
            EndDate = new DateTime(2023, 11, 30, 23, 59, 59, 999, DateTimeKind.Utc),
        };

        await h.PagesAsync(12345, query);

        var uri = h.Server.Single().Uri;
        var sent = Queries.Of(uri);
        Assert.Equal(new[] { "api_key", "offset", "limit", "email_sequence_number", "email_status", "sent_time_start_date", "sent_time_end_date" }, sent.Keys);
        Assert.Equal("3", sent["email_sequence_number"]);
        Assert.Equal("replied", sent["email_status"]);
        Assert.Equal("2023-10-16 10:33:02.000Z", sent["sent_time_start_date"]);
        Assert.Equal("2023-11-30 23:59:59.999Z", sent["sent_time_end_date"]);
        // The space of the documented format is percent-encoded, never a '+'.
        Assert.Equal("2023-10-16%2010%3A33%3A02.000Z", Queries.Raw(uri, "sent_time_start_date"));
    }

    [Theory]
    [InlineData("th-TH")]
    [InlineData("fa-IR")]
    [InlineData("de-DE")]
    public void DatesDoNotDependOnTheCulture(string culture)
    {
        var saved = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.GetCultureInfo(culture);
            Assert.Equal("2023-10-16 10:33:02.000Z", SmartleadClient.FormatDate(new DateTime(2023, 10, 16, 10, 33, 2, DateTimeKind.Utc)));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public async Task APageSizeBecomesTheLimitAndEachOffsetFollowsTheRowsReceived()
    {
        using var h = new SmartleadHarness();
        h.Server.Script(
            Replies.Json(SmartleadExamples.SendPage(250, 0, 250, total: 600)),
            Replies.Json(SmartleadExamples.SendPage(250, 250, 250, total: 600, firstId: 251)),
            Replies.Json(SmartleadExamples.SendPage(100, 500, 250, total: 600, firstId: 501)));

        var rows = await h.RowsAsync(query: SmartleadExamples.Query(pageSize: 250));

        Assert.Equal(600, rows.Count);
        Assert.Equal(new[] { ("0", "250"), ("250", "250"), ("500", "250") },
            h.Server.Requests.Select(r => (Queries.Of(r.Uri)["offset"], Queries.Of(r.Uri)["limit"])).ToArray());
    }

    [Fact]
    public async Task SkipAndFirstBecomeOffsetAndLimitsSoNoUnneededRowIsAskedFor()
    {
        using var h = new SmartleadHarness();
        h.Server.Script(
            Replies.Json(SmartleadExamples.SendPage(100, 150, 100, total: 1000, firstId: 151)),
            Replies.Json(SmartleadExamples.SendPage(20, 250, 20, total: 1000, firstId: 251)));

        var rows = await h.RowsAsync(query: SmartleadExamples.Query(skip: 150, first: 120));

        Assert.Equal(120, rows.Count);
        Assert.Equal("151", ((SmartleadSendStats)rows[0]).StatsId);
        Assert.Equal("270", ((SmartleadSendStats)rows[^1]).StatsId);
        Assert.Equal(new[] { ("150", "100"), ("250", "20") },
            h.Server.Requests.Select(r => (Queries.Of(r.Uri)["offset"], Queries.Of(r.Uri)["limit"])).ToArray());
    }

    [Fact]
    public async Task FirstSmallerThanAPageIsOneRequestForJustThoseRows()
    {
        using var h = new SmartleadHarness();
        h.Server.Script(Replies.Json(SmartleadExamples.SendPage(5, 0, 5, total: 1000)));

        var pages = await h.PagesAsync(query: SmartleadExamples.Query(first: 5));

        Assert.Equal(5, Assert.Single(pages).Rows.Count);
        Assert.Equal("5", Queries.Of(h.Server.Single().Uri)["limit"]);
    }

    [Fact]
    public async Task FirstZeroSendsNothingUnlessTheTotalIsWanted()
    {
        using var h = new SmartleadHarness();

        var none = await h.PagesAsync(query: SmartleadExamples.Query(first: 0));

        Assert.Empty(none);
        Assert.Empty(h.Server.Requests);

        h.Server.Script(Replies.Json(SmartleadExamples.SendPage(1, 0, 1, total: 42)));
        var counted = await h.PagesAsync(query: SmartleadExamples.Query(first: 0, includeTotalCount: true));

        var page = Assert.Single(counted);
        Assert.Empty(page.Rows);
        Assert.Equal(42, page.KnownTotal);
        Assert.Equal("1", Queries.Of(h.Server.Single().Uri)["limit"]);
    }

    [Fact]
    public async Task AnIdIsSentAsDigits()
    {
        using var h = new SmartleadHarness();
        h.Server.Script(Replies.Json(SmartleadExamples.Page(Array.Empty<System.Text.Json.Nodes.JsonNode>())));

        await h.PagesAsync(9_007_199_254_740_993);

        Assert.Equal("/api/v1/campaigns/9007199254740993/statistics", h.Server.Single().Uri.AbsolutePath);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public async Task AnIdBelowOneIsRefusedBeforeAnyRequest(long id)
    {
        using var h = new SmartleadHarness();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => h.PagesAsync(id));

        Assert.Empty(h.Server.Requests);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public async Task APageSizeOutsideOneToAThousandIsRefused(int pageSize)
    {
        using var h = new SmartleadHarness();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => h.PagesAsync(query: SmartleadExamples.Query(pageSize: pageSize)));

        Assert.Empty(h.Server.Requests);
    }

    [Fact]
    public void TheDefaultBudgetIsSmartleadsSixtyRequestsPerMinute()
    {
        var options = SmartleadProvider.Definition.DefaultOptions();

        Assert.Equal(60, options.RateLimit);
        Assert.Equal(TimeSpan.FromSeconds(60), options.RateLimitWindow);
    }

    [Fact]
    public async Task The61stRequestWaitsForTheMinuteToPass()
    {
        // The fake clock runs on while a loaded machine reads a page: no attempt here may time out
        // and be sent again, which would shift the script by one.
        using var h = new SmartleadHarness(o => o.AttemptTimeout = TimeSpan.FromMinutes(10));
        // 61 full pages of one row, then a short one: 62 requests.
        h.Server.Script(Enumerable.Range(0, 62).Select(i => Replies.Json(SmartleadExamples.SendPage(i < 61 ? 1 : 0, i, 1, total: null, firstId: i + 1))).ToArray());

        var rows = await h.RowsAsync(query: SmartleadExamples.Query(pageSize: 1));

        Assert.Equal(61, rows.Count);
        Assert.Equal(62, h.Server.RequestCount);
        Assert.True(FakeClock.MostWithinAnySpan(h.Server.Requests.Select(r => r.At), TimeSpan.FromSeconds(60)) <= 60, h.Describe());
        Assert.True(h.Gap(0, 60) >= TimeSpan.FromSeconds(60), h.Describe());
    }

    [Fact]
    public async Task AServerErrorOnAPageIsRetriedWithTheSameOffset()
    {
        using var h = new SmartleadHarness(o => o.RetryBaseDelay = TimeSpan.FromMilliseconds(10));
        h.Server.Script(
            Replies.Json(SmartleadExamples.SendPage(100, 0, 100, total: 150)),
            Replies.Text(HttpStatusCode.BadGateway, "bad gateway"),
            Replies.Json(SmartleadExamples.SendPage(50, 100, 100, total: 150, firstId: 101)));

        var rows = await h.RowsAsync();

        Assert.Equal(150, rows.Count);
        Assert.Equal(new[] { "0", "100", "100" }, h.Server.Requests.Select(r => Queries.Of(r.Uri)["offset"]).ToArray());
    }
}
