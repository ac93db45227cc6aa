using System.Globalization;
using System.Net;
using System.Text.Json;
using OutreachStats.Http;
using OutreachStats.Model;
using Xunit;

namespace OutreachStats.Tests.Contract;

/// <summary>
/// Requests made by the real lemlist client, validated by Prism against
/// tests/contracts/lemlist.openapi.yaml: each must pass with no sl-violations, and the
/// contract's example must come back parsed into the model.
/// </summary>
[Collection(PrismCollection.Name)]
public sealed class LemlistClientContractTests
{
    private const string CampaignId = "cam_123";
    private const string SendUser = "usr_OcIHizJyIeaDxicQP|email@example.com";
    private static readonly string[] AllChannels = { "email", "linkedin", "others" };
    private static readonly DateTime Start = new(2024, 1, 7, 22, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime End = new(2025, 7, 10, 21, 59, 59, 999, DateTimeKind.Utc);

    private readonly PrismValidator _prism;

    public LemlistClientContractTests(PrismValidator prism) => _prism = prism;

    // ---- GET /v2/campaigns/{campaignId}/stats -------------------------------------------------

    [Fact]
    public async Task Single_with_only_the_dates_is_valid()
    {
        using var lemlist = new LemlistHarness(_prism);
        var window = new LemlistStatsWindow(Start, End, null, null, null);

        var stats = await lemlist.ExpectSuccessAsync(c => c.GetCampaignStatsAsync(CampaignId, window, null, CancellationToken.None));

        var exchange = lemlist.Recorder.AssertSingleCleanExchange();
        Assert.Equal(HttpMethod.Get, exchange.Method);
        Assert.Equal("/v2/campaigns/cam_123/stats", exchange.RequestUri.AbsolutePath);
        LemlistContract.AssertAuthorization(exchange, lemlist.KeyText);
        LemlistContract.AssertQuery(exchange, new Dictionary<string, string>
        {
            ["startDate"] = "2024-01-07T22:00:00.000Z",
            ["endDate"] = "2025-07-10T21:59:59.999Z",
        });
        LemlistContract.AssertExample(stats, CampaignId, window, steps: 3);
    }

    [Fact]
    public async Task Single_with_every_filter_is_valid()
    {
        using var lemlist = new LemlistHarness(_prism);
        var window = new LemlistStatsWindow(Start, End, SendUser, "B", AllChannels);

        var stats = await lemlist.ExpectSuccessAsync(c => c.GetCampaignStatsAsync(CampaignId, window, null, CancellationToken.None));

        var exchange = lemlist.Recorder.AssertSingleCleanExchange();
        LemlistContract.AssertQuery(exchange, new Dictionary<string, string>
        {
            ["startDate"] = "2024-01-07T22:00:00.000Z",
            ["endDate"] = "2025-07-10T21:59:59.999Z",
            ["sendUser"] = SendUser,
            ["ABSelected"] = "B",
            ["channels"] = "[\"email\",\"linkedin\",\"others\"]",
        });
        LemlistContract.AssertExample(stats, CampaignId, window, steps: 3);
        Assert.Equal(SendUser, stats.SendUser);
        Assert.Equal("B", stats.ABVersion);
        Assert.Equal("email,linkedin,others", stats.Channels);
    }

    [Theory]
    [InlineData("sendUser", null, null)]
    [InlineData(null, "A", null)]
    [InlineData(null, "B", null)]
    [InlineData(null, null, "email")]
    [InlineData(null, null, "linkedin")]
    [InlineData(null, null, "others")]
    [InlineData(null, null, "linkedin,email")]
    public async Task Single_with_one_filter_is_valid(string? sendUser, string? abVersion, string? channels)
    {
        using var lemlist = new LemlistHarness(_prism);
        var channelList = channels?.Split(',');
        var window = new LemlistStatsWindow(Start, End, sendUser is null ? null : SendUser, abVersion, channelList);

        var stats = await lemlist.ExpectSuccessAsync(c => c.GetCampaignStatsAsync(CampaignId, window, null, CancellationToken.None));

        var exchange = lemlist.Recorder.AssertSingleCleanExchange();
        var expected = new Dictionary<string, string>
        {
            ["startDate"] = "2024-01-07T22:00:00.000Z",
            ["endDate"] = "2025-07-10T21:59:59.999Z",
        };
        if (sendUser is not null) expected["sendUser"] = SendUser;
        if (abVersion is not null) expected["ABSelected"] = abVersion;
        if (channelList is not null) expected["channels"] = JsonSerializer.Serialize(channelList);
        LemlistContract.AssertQuery(exchange, expected);
        LemlistContract.AssertExample(stats, CampaignId, window, steps: 3);
    }

    public static TheoryData<string, string, string, string> OddTimes => new()
    {
        // start (round-trip "o"), end, what lemlist must receive for each
        { "2024-02-29T00:00:00.0010000Z", "2024-02-29T23:59:59.9990000Z", "2024-02-29T00:00:00.001Z", "2024-02-29T23:59:59.999Z" },
        { "2024-03-31T01:30:00.5000000Z", "2024-10-27T02:59:59.9999999Z", "2024-03-31T01:30:00.500Z", "2024-10-27T02:59:59.999Z" },
        { "2010-01-01T00:00:00.0000000Z", "2025-12-31T23:59:59.9999999Z", "2010-01-01T00:00:00.000Z", "2025-12-31T23:59:59.999Z" },
        { "2025-06-15T12:34:56.7891234Z", "2025-06-15T12:34:56.7891234Z", "2025-06-15T12:34:56.789Z", "2025-06-15T12:34:56.789Z" },
        { "1999-12-31T23:59:59.0090000Z", "2099-12-31T23:59:59.9990000Z", "1999-12-31T23:59:59.009Z", "2099-12-31T23:59:59.999Z" },
    };

    [Theory]
    [MemberData(nameof(OddTimes))]
    public async Task Single_with_dates_at_odd_times_is_valid(string start, string end, string sentStart, string sentEnd)
    {
        using var lemlist = new LemlistHarness(_prism);
        var window = new LemlistStatsWindow(ParseUtc(start), ParseUtc(end), null, null, null);

        var stats = await lemlist.ExpectSuccessAsync(c => c.GetCampaignStatsAsync(CampaignId, window, null, CancellationToken.None));

        var exchange = lemlist.Recorder.AssertSingleCleanExchange();
        LemlistContract.AssertQuery(exchange, new Dictionary<string, string> { ["startDate"] = sentStart, ["endDate"] = sentEnd });
        LemlistContract.AssertExample(stats, CampaignId, window, steps: 3);
    }

    [Theory]
    [InlineData("th-TH")] // Buddhist calendar: year 2567 for 2024
    [InlineData("ar-SA")] // Um Al Qura calendar, Arabic digits available
    [InlineData("fa-IR")] // Persian calendar
    [InlineData("de-DE")] // ',' as decimal separator
    public async Task Dates_do_not_depend_on_the_current_culture(string culture)
    {
        var saved = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            using var lemlist = new LemlistHarness(_prism);
            var window = new LemlistStatsWindow(Start, End, SendUser, "A", AllChannels);

            await lemlist.ExpectSuccessAsync(c => c.GetCampaignStatsAsync(CampaignId, window, null, CancellationToken.None));
            await lemlist.ExpectSuccessAsync(c => c.GetBatchStatsAsync(new[] { CampaignId }, window, null, CancellationToken.None));

            var exchanges = lemlist.Recorder.Exchanges;
            Assert.Equal(2, exchanges.Count);
            Assert.All(exchanges, e => Assert.True(e.Violations is null && e.Status == HttpStatusCode.OK, e.ToString()));
            var query = exchanges[0].Query().ToDictionary(p => p.Key, p => p.Value);
            Assert.Equal("2024-01-07T22:00:00.000Z", query["startDate"]);
            Assert.Equal("2025-07-10T21:59:59.999Z", query["endDate"]);
            var body = LemlistContract.AssertBody(exchanges[1], "campaignIds", "startDate", "endDate", "sendUser", "ABSelected", "channels");
            Assert.Equal("2024-01-07T22:00:00.000Z", body.GetProperty("startDate").GetString());
            Assert.Equal("2025-07-10T21:59:59.999Z", body.GetProperty("endDate").GetString());
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = saved;
        }
    }

    // ---- POST /v2/campaigns/stats/batch -------------------------------------------------------

    [Fact]
    public async Task Batch_of_one_with_only_the_dates_is_valid()
    {
        using var lemlist = new LemlistHarness(_prism);
        var window = new LemlistStatsWindow(Start, End, null, null, null);

        var entries = await lemlist.ExpectSuccessAsync(c => c.GetBatchStatsAsync(new[] { CampaignId }, window, null, CancellationToken.None));

        var exchange = lemlist.Recorder.AssertSingleCleanExchange();
        Assert.Equal(HttpMethod.Post, exchange.Method);
        Assert.Equal(LemlistContract.BatchPath, exchange.RequestUri.AbsolutePath);
        Assert.Equal(string.Empty, exchange.RequestUri.Query);
        LemlistContract.AssertAuthorization(exchange, lemlist.KeyText);
        var body = LemlistContract.AssertBody(exchange, "campaignIds", "startDate", "endDate");
        Assert.Equal(new[] { CampaignId }, body.GetProperty("campaignIds").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("2024-01-07T22:00:00.000Z", body.GetProperty("startDate").GetString());
        Assert.Equal("2025-07-10T21:59:59.999Z", body.GetProperty("endDate").GetString());

        var entry = Assert.Single(entries);
        Assert.Equal(CampaignId, entry.CampaignId);
        Assert.Null(entry.Error);
        LemlistContract.AssertExample(entry.Stats!, CampaignId, window, steps: 1);
    }

    [Fact]
    public async Task Batch_of_one_with_every_filter_is_valid()
    {
        using var lemlist = new LemlistHarness(_prism);
        var window = new LemlistStatsWindow(Start, End, SendUser, "B", AllChannels);

        var entries = await lemlist.ExpectSuccessAsync(c => c.GetBatchStatsAsync(new[] { CampaignId }, window, null, CancellationToken.None));

        var exchange = lemlist.Recorder.AssertSingleCleanExchange();
        var body = LemlistContract.AssertBody(exchange, "campaignIds", "startDate", "endDate", "sendUser", "ABSelected", "channels");
        Assert.Equal(SendUser, body.GetProperty("sendUser").GetString());
        Assert.Equal("B", body.GetProperty("ABSelected").GetString());
        Assert.Equal(AllChannels, body.GetProperty("channels").EnumerateArray().Select(e => e.GetString()));

        var entry = Assert.Single(entries);
        LemlistContract.AssertExample(entry.Stats!, CampaignId, window, steps: 1);
        Assert.Equal("B", entry.Stats!.ABVersion);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Batch_of_one_hundred_is_valid(bool withFilters)
    {
        using var lemlist = new LemlistHarness(_prism);
        var window = withFilters
            ? new LemlistStatsWindow(Start, End, SendUser, "A", new[] { "linkedin", "others" })
            : new LemlistStatsWindow(Start, End, null, null, null);
        // The contract's example answers for cam_123 only; it sits in the middle of the batch.
        var ids = Enumerable.Range(1, 99).Select(i => $"cam_contract{i:000}").ToList();
        ids.Insert(50, CampaignId);

        var entries = await lemlist.ExpectSuccessAsync(c => c.GetBatchStatsAsync(ids, window, null, CancellationToken.None));

        var exchange = lemlist.Recorder.AssertSingleCleanExchange();
        var body = withFilters
            ? LemlistContract.AssertBody(exchange, "campaignIds", "startDate", "endDate", "sendUser", "ABSelected", "channels")
            : LemlistContract.AssertBody(exchange, "campaignIds", "startDate", "endDate");
        Assert.Equal(ids, body.GetProperty("campaignIds").EnumerateArray().Select(e => e.GetString()));

        Assert.Equal(ids, entries.Select(e => e.CampaignId));
        LemlistContract.AssertExample(entries[50].Stats!, CampaignId, window, steps: 1);
        // The others are absent from the answer: the client says so per campaign, without failing the batch.
        Assert.All(entries.Where(e => e.CampaignId != CampaignId), e =>
        {
            Assert.Null(e.Stats);
            Assert.Equal(OutreachErrorKind.InvalidResponse, e.Error!.Kind);
        });
    }

    [Theory]
    [MemberData(nameof(OddTimes))]
    public async Task Batch_with_dates_at_odd_times_is_valid(string start, string end, string sentStart, string sentEnd)
    {
        using var lemlist = new LemlistHarness(_prism);
        var window = new LemlistStatsWindow(ParseUtc(start), ParseUtc(end), null, "A", new[] { "email" });

        var entries = await lemlist.ExpectSuccessAsync(c => c.GetBatchStatsAsync(new[] { CampaignId }, window, null, CancellationToken.None));

        var exchange = lemlist.Recorder.AssertSingleCleanExchange();
        var body = LemlistContract.AssertBody(exchange, "campaignIds", "startDate", "endDate", "ABSelected", "channels");
        Assert.Equal(sentStart, body.GetProperty("startDate").GetString());
        Assert.Equal(sentEnd, body.GetProperty("endDate").GetString());
        LemlistContract.AssertExample(Assert.Single(entries).Stats!, CampaignId, window, steps: 1);
    }

    // ---- The real client, given what the contract forbids ---------------------------------------
    // The cmdlets validate these before any request; here the client is handed them directly to
    // show that the validator catches what the client sends and that the client reports it.

    [Fact]
    public async Task Single_with_an_undocumented_AB_version_is_rejected_and_reported()
    {
        using var lemlist = new LemlistHarness(_prism);
        var window = new LemlistStatsWindow(Start, End, null, "C", null);

        var error = await Assert.ThrowsAsync<OutreachApiException>(() =>
            lemlist.Client.GetCampaignStatsAsync(CampaignId, window, null, CancellationToken.None));

        Assert.Equal(OutreachErrorKind.BadRequest, error.Kind);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        var exchange = Assert.Single(lemlist.Recorder.Exchanges);
        Assert.Contains(exchange.ParsedViolations(), v => v.Code == "enum" && v.Location == "request.query.abselected");
    }

    [Fact]
    public async Task Single_with_a_malformed_send_user_is_rejected_and_reported()
    {
        using var lemlist = new LemlistHarness(_prism);
        var window = new LemlistStatsWindow(Start, End, "email@example.com", null, null);

        var error = await Assert.ThrowsAsync<OutreachApiException>(() =>
            lemlist.Client.GetCampaignStatsAsync(CampaignId, window, null, CancellationToken.None));

        Assert.Equal(OutreachErrorKind.BadRequest, error.Kind);
        Assert.Contains(Assert.Single(lemlist.Recorder.Exchanges).ParsedViolations(), v => v.Code == "pattern" && v.Location == "request.query.senduser");
    }

    [Fact]
    public async Task Batch_with_an_undocumented_channel_is_rejected_and_reported()
    {
        using var lemlist = new LemlistHarness(_prism);
        var window = new LemlistStatsWindow(Start, End, null, null, new[] { "email", "fax" });

        var error = await Assert.ThrowsAsync<OutreachApiException>(() =>
            lemlist.Client.GetBatchStatsAsync(new[] { CampaignId }, window, null, CancellationToken.None));

        Assert.Equal(OutreachErrorKind.BadRequest, error.Kind);
        Assert.Contains(Assert.Single(lemlist.Recorder.Exchanges).ParsedViolations(), v => v.Code == "enum" && v.Location == "request.body.channels.1");
    }

    private static DateTime ParseUtc(string text) =>
        DateTime.ParseExact(text, "o", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}
