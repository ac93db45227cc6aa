using System.Net;
using OutreachStats.Http;
using OutreachStats.Model;
using OutreachStats.Providers.Smartlead;
using Xunit;

namespace OutreachStats.Tests.Contract;

/// <summary>
/// Requests of the real Smartlead client, validated by Prism against
/// tests/contracts/smartlead.openapi.yaml. Prism answers the contract's example whatever the
/// page asked for, so a request for another page is checked for its validity and the client
/// then (rightly) finds the answer's offset or limit is not the one it asked for.
/// </summary>
[Collection(SmartleadPrismCollection.Name)]
public sealed class SmartleadClientContractTests
{
    private static readonly string[] QueryNames =
        { "api_key", "offset", "limit", "email_sequence_number", "email_status", "sent_time_start_date", "sent_time_end_date" };

    private readonly SmartleadPrism _prism;

    public SmartleadClientContractTests(SmartleadPrism prism) => _prism = prism;

    private ProviderContractHarness<SmartleadClient> Harness() => new(_prism, SmartleadProvider.Definition.CreateTransport, (uri, transport) => new SmartleadClient(uri, transport));

    private static async Task<List<object>> Rows(SmartleadClient client, long id, SmartleadStatisticsQuery query)
    {
        var rows = new List<object>();
        await foreach (var page in client.GetStatisticsAsync(id, query, null, CancellationToken.None)) rows.AddRange(page.Rows);
        return rows;
    }

    [Fact]
    public async Task The_first_page_without_filters_is_valid_and_the_example_is_parsed()
    {
        using var smartlead = Harness();

        var rows = await smartlead.ExpectSuccessAsync(c => Rows(c, 12345, new SmartleadStatisticsQuery()));

        var exchange = smartlead.Recorder.AssertSingleCleanExchange();
        Assert.Equal(HttpMethod.Get, exchange.Method);
        Assert.Equal("/api/v1/campaigns/12345/statistics", exchange.RequestUri.AbsolutePath);
        Assert.Null(exchange.AuthScheme);
        var query = exchange.Query().ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        Assert.Equal(smartlead.KeyText, query["api_key"]);
        Assert.Equal(new[] { "api_key", "offset", "limit" }, query.Keys);
        Assert.Equal(("0", "1000"), (query["offset"], query["limit"]));
        Assert.Equal(2, rows.Count);
        var step = Assert.IsType<SmartleadSequenceStats>(rows[1]);
        Assert.Equal((12345L, 2, 892, 267, 54, 12, 2, 9), (step.CampaignId, step.SequenceNumber, step.Sent, step.Opened, step.Clicked, step.Replied, step.Unsubscribed, step.Bounced));
    }

    public static TheoryData<int?, string?, string?, string?> Filters => new()
    {
        { 1, null, null, null },
        { 20, null, null, null },
        { null, "opened", null, null },
        { null, "clicked", null, null },
        { null, "replied", null, null },
        { null, "unsubscribed", null, null },
        { null, "bounced", null, null },
        { null, null, "2023-10-16T10:33:02.0000000Z", null },
        { null, null, null, "2025-02-28T23:59:59.9990000Z" },
        { 3, "replied", "2024-01-07T22:00:00.0000000Z", "2025-07-10T21:59:59.9990000Z" },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Every_filter_is_valid(int? sequence, string? status, string? start, string? end)
    {
        using var smartlead = Harness();
        var query = new SmartleadStatisticsQuery
        {
            SequenceNumber = sequence,
            EmailStatus = status ?? string.Empty,
            StartDate = start is null ? null : DateTime.Parse(start, null, System.Globalization.DateTimeStyles.AdjustToUniversal),
            EndDate = end is null ? null : DateTime.Parse(end, null, System.Globalization.DateTimeStyles.AdjustToUniversal),
        };

        await smartlead.ExpectSuccessAsync(c => Rows(c, 12345, query));

        var exchange = smartlead.Recorder.AssertSingleCleanExchange();
        var sent = exchange.Query();
        Assert.All(sent, p => Assert.Contains(p.Key, QueryNames));
        Assert.Equal(sent.Count, sent.Select(p => p.Key).Distinct().Count());
        if (start is not null) Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}Z$", sent.Single(p => p.Key == "sent_time_start_date").Value);
    }

    // The mock answers every request with the documented example (offset 0, limit 100, two rows),
    // whatever was asked: a server that ignores offset and limit. Its rows are used as far as they
    // are the ones asked for: from offset 0 at most the first rows wanted; from offset 200 none
    // (the short page shows the campaign has two).
    [Theory]
    [InlineData(200UL, 50UL, 100, 0)]
    [InlineData(0UL, 1000UL, 1000, 2)]
    [InlineData(0UL, 1UL, 100, 1)]
    public async Task Pages_asked_for_by_skip_first_and_page_size_are_valid_requests(ulong skip, ulong first, int pageSize, int rowsUsed)
    {
        using var smartlead = Harness();

        var rows = await smartlead.ExpectSuccessAsync(c => Rows(c, 12345, new SmartleadStatisticsQuery { Skip = skip, First = first, PageSize = pageSize }));

        var exchange = smartlead.Recorder.AssertSingleCleanExchange();
        Assert.Equal(rowsUsed, rows.Count);
        var query = exchange.Query().ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal(skip.ToString(), query["offset"]);
        Assert.Equal(Math.Min((ulong)pageSize, first).ToString(), query["limit"]);
    }

    public static TheoryData<string, int?, string, int, string, string> Forbidden => new()
    {
        // what, sequence number, status, page size, violation code, location
        { "step 21", 21, "", 100, "maximum", "request.query.email_sequence_number" },
        { "an undocumented status", null, "delivered", 100, "enum", "request.query.email_status" },
    };

    // The cmdlet refuses these before any request; handed straight to the client, they show that
    // the contract catches what the client would send and that the client reports it.
    [Theory]
    [MemberData(nameof(Forbidden))]
    public async Task What_the_contract_forbids_is_rejected_and_reported(string what, int? sequence, string status, int pageSize, string code, string location)
    {
        using var smartlead = Harness();

        var error = await Assert.ThrowsAsync<OutreachApiException>(() =>
            Rows(smartlead.Client, 12345, new SmartleadStatisticsQuery { SequenceNumber = sequence, EmailStatus = status, PageSize = pageSize }));

        Assert.Equal(OutreachErrorKind.BadRequest, error.Kind);
        var exchange = Assert.Single(smartlead.Recorder.Exchanges);
        Assert.True(exchange.ParsedViolations().Any(v => v.Code == code && v.Location == location), $"{what}: {exchange.Violations}");
    }

    [Fact]
    public async Task A_request_without_the_key_is_rejected_by_the_contract()
    {
        var recorder = new RecordingHandler();
        using var client = new HttpClient(recorder);

        using var response = await client.GetAsync(new Uri(_prism.BaseUri, "api/v1/campaigns/12345/statistics?offset=0&limit=100"));

        var exchange = Assert.Single(recorder.Exchanges);
        Assert.Equal(HttpStatusCode.Unauthorized, exchange.Status);
        Assert.NotNull(exchange.Violations);
    }
}
