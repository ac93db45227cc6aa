using System.Net;
using OutreachStats.Http;
using OutreachStats.Model;
using Xunit;

namespace OutreachStats.Tests.Client;

/// <summary>Where Smartlead paging stops, what it says about the total, that it streams, and how failures map.</summary>
public sealed class SmartleadPagingTests
{
    [Fact]
    public async Task TotalStatsEndsPagingWithoutAnEmptyExtraRequest()
    {
        using var h = new SmartleadHarness();
        h.Server.Script(
            Replies.Json(SmartleadExamples.SendPage(100, 0, 100, total: 200)),
            Replies.Json(SmartleadExamples.SendPage(100, 100, 100, total: 200, firstId: 101)));

        var pages = await h.PagesAsync();

        Assert.Equal(2, h.Server.RequestCount);
        Assert.Equal(new[] { true, false }, pages.Select(p => p.IsFirst).ToArray());
        Assert.All(pages, p => Assert.Equal(200, p.KnownTotal));
    }

    [Fact]
    public async Task WithoutTotalStatsAShortPageEndsPaging()
    {
        using var h = new SmartleadHarness();
        h.Server.Script(
            Replies.Json(SmartleadExamples.SendPage(100, 0, 100, total: null)),
            Replies.Json(SmartleadExamples.SendPage(30, 100, 100, total: null, firstId: 101)));

        var pages = await h.PagesAsync();

        Assert.Equal(130, pages.Sum(p => p.Rows.Count));
        Assert.Equal(2, h.Server.RequestCount);
        Assert.Null(pages[0].KnownTotal);
        Assert.Equal(130, pages[1].KnownTotal);
    }

    [Fact]
    public async Task WithoutTotalStatsAFullLastPageIsFollowedByOneEmptyPage()
    {
        using var h = new SmartleadHarness();
        h.Server.Script(
            Replies.Json(SmartleadExamples.SendPage(100, 0, 100, total: null)),
            Replies.Json(SmartleadExamples.SendPage(0, 100, 100, total: null)));

        var rows = await h.RowsAsync();

        Assert.Equal(100, rows.Count);
        Assert.Equal(2, h.Server.RequestCount);
    }

    [Fact]
    public async Task AnEmptyCampaignIsOneEmptyFirstPageWithATotalOfZero()
    {
        using var h = new SmartleadHarness();
        h.Server.Script(Replies.Json(SmartleadExamples.SendPage(0, 0, 100, total: null)));

        var page = Assert.Single(await h.PagesAsync());

        Assert.True(page.IsFirst);
        Assert.Empty(page.Rows);
        Assert.Equal(0, page.KnownTotal);
    }

    [Fact]
    public async Task SkippingPastTheEndWithoutTotalStatsLeavesTheTotalUnknown()
    {
        using var h = new SmartleadHarness();
        h.Server.Script(Replies.Json(SmartleadExamples.SendPage(0, 500, 100, total: null)));

        var page = Assert.Single(await h.PagesAsync(query: SmartleadExamples.Query(skip: 500)));

        Assert.Empty(page.Rows);
        Assert.Null(page.KnownTotal);
    }

    [Fact]
    public async Task TotalStatsThatShrinksBetweenPagesEndsAtTheNewTotal()
    {
        using var h = new SmartleadHarness();
        h.Server.Script(
            Replies.Json(SmartleadExamples.SendPage(100, 0, 100, total: 1000)),
            Replies.Json(SmartleadExamples.SendPage(100, 100, 100, total: 200, firstId: 101)));

        var rows = await h.RowsAsync();

        Assert.Equal(200, rows.Count);
        Assert.Equal(2, h.Server.RequestCount);
    }

    // Memory stays flat: a page is asked for only when the reader wants it, so however many rows a
    // campaign has, the client holds one page at a time.
    [Fact]
    public async Task PagesAreFetchedOnlyAsTheyAreRead()
    {
        using var h = new SmartleadHarness();
        h.Server.Script(Enumerable.Range(0, 50).Select(i => Replies.Json(SmartleadExamples.SendPage(10, i * 10, 10, total: 500, firstId: i * 10 + 1))).ToArray());
        var seenAtEachPage = new List<int>();

        await h.Run(ReadSome());

        Assert.Equal(new[] { 1, 2, 3 }, seenAtEachPage);
        Assert.Equal(3, h.Server.RequestCount);

        async Task<int> ReadSome()
        {
            await foreach (var page in h.Client.GetStatisticsAsync(1, SmartleadExamples.Query(pageSize: 10), null, CancellationToken.None))
            {
                seenAtEachPage.Add(h.Server.RequestCount);
                if (seenAtEachPage.Count == 3) break;
            }
            return seenAtEachPage.Count;
        }
    }

    [Fact]
    public async Task ThousandsOfRowsStreamPageByPage()
    {
        // A budget that never holds these 40 requests (1,000 a minute, 166 a second): each page of
        // 1 MB takes real time to parse while the fake clock runs on, so a wait could outlast it.
        using var h = new SmartleadHarness(o => o.ChangeRateLimit(1000, TimeSpan.FromMinutes(1)));
        const int pages = 40;
        h.Server.Script(Enumerable.Range(0, pages).Select(i => Replies.Json(SmartleadExamples.SendPage(100, i * 100, 100, total: pages * 100, firstId: i * 100 + 1))).ToArray());
        var largestPage = 0;
        var total = 0;

        await h.Run(ReadAll());

        Assert.Equal(pages * 100, total);
        Assert.Equal(100, largestPage);
        Assert.Equal(pages, h.Server.RequestCount);

        async Task<int> ReadAll()
        {
            await foreach (var page in h.Client.GetStatisticsAsync(1, new SmartleadStatisticsQuery { PageSize = 100 }, null, CancellationToken.None))
            {
                largestPage = Math.Max(largestPage, page.Rows.Count);
                total += page.Rows.Count;
            }
            return total;
        }
    }

    [Fact]
    public async Task EachPageIsLoggedWithItsRows()
    {
        using var h = new SmartleadHarness();
        h.Server.Script(Replies.Json(SmartleadExamples.SendPage(100, 0, 100, total: 150)), Replies.Json(SmartleadExamples.SendPage(50, 100, 100, total: 150, firstId: 101)));

        await h.PagesAsync(12345, PagesOfAHundred);

        Assert.Contains(h.Log, l => l == "Campaign '12345': rows 1 to 100 of 150 (total_stats).");
        Assert.Contains(h.Log, l => l == "Campaign '12345': rows 101 to 150 of 150 (total_stats); the last page wanted.");
    }

    // Servers cap or ignore offset and limit. A page is used as far as its envelope shows its rows
    // are the ones asked for; no row is ever written twice or skipped.

    // Pages of 100 rows keep these scripts short; the default page is 1,000 (SmartleadRequestShapeTests).
    private static SmartleadStatisticsQuery PagesOfAHundred => new() { PageSize = 100 };

    private static string[] StatsIds(IEnumerable<object> rows) => rows.Cast<SmartleadSendStats>().Select(r => r.StatsId!).ToArray();

    private static string[] Expected(int from, int to) => Enumerable.Range(from, to - from + 1).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    private static (string Offset, string Limit)[] Asked(SmartleadHarness h) =>
        h.Server.Requests.Select(r => Queries.Of(r.Uri)).Select(q => (q["offset"], q["limit"])).ToArray();

    [Fact]
    public async Task ACappedLimitIsReadOnFromTheRowsReceivedUpToTotalStats()
    {
        using var h = new SmartleadHarness();
        h.Server.Script(
            Replies.Json(SmartleadExamples.SendPage(20, 0, 20, total: 50)),
            Replies.Json(SmartleadExamples.SendPage(20, 20, 20, total: 50, firstId: 21)),
            Replies.Json(SmartleadExamples.SendPage(10, 40, 20, total: 50, firstId: 41)));

        var pages = await h.PagesAsync(query: PagesOfAHundred);

        Assert.Equal(Expected(1, 50), StatsIds(pages.SelectMany(p => p.Rows)));
        Assert.Equal(new[] { ("0", "100"), ("20", "100"), ("40", "100") }, Asked(h));
        Assert.All(pages, p => Assert.Equal(50, p.KnownTotal));
        Assert.Contains(h.Log, l => l == "Campaign '12345': rows 1 to 20 of 50 (total_stats); Smartlead capped the page at 20 rows where 100 were asked for.");
    }

    [Fact]
    public async Task WithoutTotalStatsAPageAsLongAsTheCappedLimitIsNotTheLast()
    {
        using var h = new SmartleadHarness();
        h.Server.Script(
            Replies.Json(SmartleadExamples.SendPage(20, 0, 20, total: null)),
            Replies.Json(SmartleadExamples.SendPage(20, 20, 20, total: null, firstId: 21)),
            Replies.Json(SmartleadExamples.SendPage(5, 40, 20, total: null, firstId: 41)));

        var pages = await h.PagesAsync();

        Assert.Equal(Expected(1, 45), StatsIds(pages.SelectMany(p => p.Rows)));
        Assert.Equal(3, h.Server.RequestCount);
        Assert.Equal(new long?[] { null, null, 45 }, pages.Select(p => p.KnownTotal).ToArray());
    }

    [Fact]
    public async Task UnderACapFirstAsksOnlyForTheRowsStillWanted()
    {
        using var h = new SmartleadHarness();
        h.Server.Script(
            Replies.Json(SmartleadExamples.SendPage(20, 0, 20, total: 500)),
            Replies.Json(SmartleadExamples.SendPage(20, 20, 20, total: 500, firstId: 21)),
            Replies.Json(SmartleadExamples.SendPage(10, 40, 10, total: 500, firstId: 41)));

        var rows = await h.RowsAsync(query: SmartleadExamples.Query(first: 50));

        Assert.Equal(Expected(1, 50), StatsIds(rows));
        Assert.Equal(new[] { ("0", "50"), ("20", "30"), ("40", "10") }, Asked(h));
    }

    [Fact]
    public async Task ALimitIgnoredGivesNoMoreRowsThanWanted()
    {
        using var h = new SmartleadHarness();
        h.Server.Script(Replies.Json(SmartleadExamples.SendPage(100, 0, 100, total: 500)));

        var rows = await h.RowsAsync(query: SmartleadExamples.Query(first: 5));

        Assert.Equal(Expected(1, 5), StatsIds(rows));
        Assert.Equal(new[] { ("0", "5") }, Asked(h));
    }

    [Fact]
    public async Task TotalStatsCarriesPagingPastAPageShorterThanItsLimit()
    {
        using var h = new SmartleadHarness();
        h.Server.Script(
            Replies.Json(SmartleadExamples.SendPage(60, 0, 100, total: 150)),
            Replies.Json(SmartleadExamples.SendPage(90, 60, 100, total: 150, firstId: 61)));

        var rows = await h.RowsAsync(query: PagesOfAHundred);

        Assert.Equal(Expected(1, 150), StatsIds(rows));
        Assert.Equal(new[] { ("0", "100"), ("60", "100") }, Asked(h));
    }

    [Fact]
    public async Task APageThatBeginsBeforeTheOffsetIsUsedFromTheOffsetOn()
    {
        using var h = new SmartleadHarness();
        h.Server.Script(
            Replies.Json(SmartleadExamples.SendPage(100, 0, 100, total: 200)),
            Replies.Json(SmartleadExamples.SendPage(100, 50, 100, total: 200, firstId: 51)),
            Replies.Json(SmartleadExamples.SendPage(50, 150, 100, total: 200, firstId: 151)));

        var rows = await h.RowsAsync(query: PagesOfAHundred);

        Assert.Equal(Expected(1, 200), StatsIds(rows));
        Assert.Equal(new[] { ("0", "100"), ("100", "100"), ("150", "100") }, Asked(h));
        Assert.Contains(h.Log, l => l == "Campaign '12345': rows 101 to 150 of 200 (total_stats); the page began at offset 50, so its rows before offset 100 were left out.");
    }

    // A server that ignores offset answers every page from row 1: the rows already written are not
    // written again, and the rows after them cannot be read. Asking again would bring the same page.
    [Fact]
    public async Task AnIgnoredOffsetEndsTheCampaignWithAnErrorAfterItsFirstPageAndNoRowTwice()
    {
        using var h = new SmartleadHarness();
        h.Server.Script(Replies.Json(SmartleadExamples.SendPage(100, 0, 100, total: 300)));
        var rows = new List<object>();

        var error = await Assert.ThrowsAsync<OutreachApiException>(() => h.Run(ReadAll()));

        Assert.Equal(Expected(1, 100), StatsIds(rows));
        Assert.Equal("SmartleadInvalidResponse", error.ErrorId);
        Assert.Equal("12345", error.CampaignId);
        Assert.Contains("its offset is 0 where 100 was asked for, and its rows end at row 100 while more follow: Smartlead does not seem to page by offset, so rows from 101 on cannot be read", error.Message);
        Assert.Equal(2, h.Server.RequestCount);

        async Task<int> ReadAll()
        {
            await foreach (var page in h.Client.GetStatisticsAsync(12345, new SmartleadStatisticsQuery(), null, CancellationToken.None)) rows.AddRange(page.Rows);
            return rows.Count;
        }
    }

    [Fact]
    public async Task AnIgnoredOffsetPastTheLastRowIsAnEmptyAnswerNotAnError()
    {
        using var h = new SmartleadHarness();
        h.Server.Script(Replies.Json(SmartleadExamples.SendPage(40, 0, 100, total: null)));

        var page = Assert.Single(await h.PagesAsync(query: SmartleadExamples.Query(skip: 200)));

        Assert.Empty(page.Rows);
        Assert.Equal(40, page.KnownTotal);
        Assert.Equal(1, h.Server.RequestCount);
    }

    [Fact]
    public async Task APageThatBeginsPastTheOffsetIsAnErrorThatSkipsNoRow()
    {
        using var h = new SmartleadHarness();
        h.Server.Script(
            Replies.Json(SmartleadExamples.SendPage(100, 0, 100, total: 300)),
            Replies.Json(SmartleadExamples.SendPage(100, 150, 100, total: 300, firstId: 151)));

        var error = await h.FailureAsync();

        Assert.Equal("SmartleadInvalidResponse", error.ErrorId);
        Assert.Contains("its offset is 150 where 100 was asked for, so rows 101 to 150 would be skipped", error.Message);
        Assert.Equal(2, h.Server.RequestCount);
    }

    [Fact]
    public async Task A400IsBadRequestQuotingSmartlead()
    {
        using var h = new SmartleadHarness();
        h.Server.Script(Replies.Json("""{"message":"email_sequence_number must be between 1 and 20"}""", HttpStatusCode.BadRequest));

        var error = await h.FailureAsync();

        Assert.Equal("SmartleadBadRequest", error.ErrorId);
        Assert.Contains("email_sequence_number must be between 1 and 20", error.Message);
        Assert.Equal(1, h.Server.RequestCount);
    }

    [Theory]
    [InlineData("""{"message":"Invalid API key"}""")]
    [InlineData("Unauthorized")]
    [InlineData("")]
    public async Task A401IsKeyRejectedAndNotRetried(string body)
    {
        using var h = new SmartleadHarness();
        h.Server.Script(Replies.Content(HttpStatusCode.Unauthorized, body, "application/json"));

        var error = await h.FailureAsync();

        Assert.True(error.IsKeyRejected);
        Assert.Equal("SmartleadKeyRejected", error.ErrorId);
        Assert.Equal("Check the key, then run Connect-OutreachProvider -Provider Smartlead again.", OutreachStats.Cmdlets.ErrorAdvice.For(error));
        Assert.Equal(1, h.Server.RequestCount);
    }

    [Theory]
    [InlineData("""{"error":"Campaign not found"}""", "application/json")]
    [InlineData("""{"message":"The requested resource does not exist or you don't have access to it"}""", "application/json")]
    [InlineData("Not Found", "text/plain")]
    public async Task A404IsCampaignNotFound(string body, string mediaType)
    {
        using var h = new SmartleadHarness();
        h.Server.Script(Replies.Content(HttpStatusCode.NotFound, body, mediaType));

        var error = await h.FailureAsync(999);

        Assert.Equal("SmartleadCampaignNotFound", error.ErrorId);
        Assert.Equal("999", error.CampaignId);
        Assert.Contains("'999'", error.Message);
        Assert.Contains("whole number", error.Message);
    }

    [Fact]
    public async Task A404WebPageIsEndpointNotFound()
    {
        using var h = new SmartleadHarness();
        h.Server.Script(Replies.Html(HttpStatusCode.NotFound, "<!DOCTYPE html><title>Cannot GET</title>"));

        var error = await h.FailureAsync();

        Assert.Equal("SmartleadEndpointNotFound", error.ErrorId);
        Assert.Contains("https://server.smartlead.ai", error.Message);
    }

    [Fact]
    public async Task A429IsRetriedAfterRetryAfterAndTheSamePageComes()
    {
        using var h = new SmartleadHarness();
        h.Server.Script(Replies.TooManyRequests("3"), Replies.Json(SmartleadExamples.Documented));

        var rows = await h.RowsAsync();

        Assert.Equal(2, rows.Count);
        Assert.Equal(2, h.Server.RequestCount);
        Assert.True(h.Gap(0, 1) >= TimeSpan.FromSeconds(3), h.Describe());
    }
}
