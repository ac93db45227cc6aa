using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Xunit;

namespace OutreachStats.Tests.Contract;

/// <summary>
/// Negative controls: hand-made requests (a plain <see cref="HttpClient"/>, not the module's
/// client) that break the contract in one way each must be reported as violations. They prove
/// that Prism is live and strict, so the client's contract tests cannot pass merely because
/// the validator accepts anything. Every broken request is a valid baseline with one change,
/// and the baselines themselves are shown to pass.
/// </summary>
[Collection(PrismCollection.Name)]
public sealed class PrismValidatorControlTests
{
    private const string Key = "contract-test-key-controls";
    private const string StartDate = "2024-01-07T22:00:00.000Z";
    private const string EndDate = "2025-07-10T21:59:59.999Z";

    private readonly PrismValidator _prism;

    public PrismValidatorControlTests(PrismValidator prism) => _prism = prism;

    [Fact]
    public async Task The_baseline_requests_are_valid()
    {
        var get = await SendGetAsync(Query(("startDate", StartDate), ("endDate", EndDate)), Basic(Key));
        Assert.True(get.Status == HttpStatusCode.OK && get.Violations is null, get.ToString());

        var post = await SendBatchAsync(BatchBody(), Basic(Key));
        Assert.True(post.Status == HttpStatusCode.OK && post.Violations is null, post.ToString());
    }

    public static TheoryData<string> GetCases => new()
    {
        "malformed startDate",
        "startDate without a time zone",
        "missing endDate",
        "no Authorization",
        "Bearer instead of Basic",
        "ABSelected C",
        "sendUser without the usr_ ID",
        "channels [\"fax\"]",
        "channels as a comma list",
    };

    [Theory]
    [MemberData(nameof(GetCases))]
    public async Task A_GET_that_breaks_the_contract_is_reported(string @case)
    {
        var dates = new[] { ("startDate", StartDate), ("endDate", EndDate) };
        var (query, auth, status, code, location) = @case switch
        {
            "malformed startDate" => (Query(("startDate", "2024-01-07 22:00"), ("endDate", EndDate)), Basic(Key), 400, "format", "request.query.startdate"),
            "startDate without a time zone" => (Query(("startDate", "2024-01-07T22:00:00.000"), ("endDate", EndDate)), Basic(Key), 400, "format", "request.query.startdate"),
            "missing endDate" => (Query(("startDate", StartDate)), Basic(Key), 400, "required", "request.query"),
            "no Authorization" => (Query(dates), null, 401, "401", "request"),
            "Bearer instead of Basic" => (Query(dates), new AuthenticationHeaderValue("Bearer", Key), 401, "401", "request"),
            "ABSelected C" => (Query(dates.Append(("ABSelected", "C")).ToArray()), Basic(Key), 400, "enum", "request.query.abselected"),
            "sendUser without the usr_ ID" => (Query(dates.Append(("sendUser", "email@example.com")).ToArray()), Basic(Key), 400, "pattern", "request.query.senduser"),
            "channels [\"fax\"]" => (Query(dates.Append(("channels", "[\"fax\"]")).ToArray()), Basic(Key), 400, "pattern", "request.query.channels"),
            "channels as a comma list" => (Query(dates.Append(("channels", "email,linkedin")).ToArray()), Basic(Key), 400, "pattern", "request.query.channels"),
            _ => throw new ArgumentOutOfRangeException(nameof(@case), @case, null),
        };

        var exchange = await SendGetAsync(query, auth);

        AssertReported(exchange, status, code, location);
    }

    public static TheoryData<string> BatchCases => new()
    {
        "101 campaign IDs",
        "no campaign IDs",
        "campaignIds as a string",
        "channels [\"fax\"]",
        "ABSelected b",
        "malformed startDate",
        "missing endDate",
        "an undocumented field",
        "no Authorization",
        "a text/plain body",
    };

    [Theory]
    [MemberData(nameof(BatchCases))]
    public async Task A_batch_that_breaks_the_contract_is_reported(string @case)
    {
        var ids101 = Enumerable.Range(0, 101).Select(i => $"cam_{i}").ToArray();
        var (body, auth, mediaType, status, code, location) = @case switch
        {
            "101 campaign IDs" => (BatchBody(b => b["campaignIds"] = ids101), Basic(Key), "application/json", 400, "maxItems", "request.body.campaignIds"),
            "no campaign IDs" => (BatchBody(b => b["campaignIds"] = Array.Empty<string>()), Basic(Key), "application/json", 400, "minItems", "request.body.campaignIds"),
            "campaignIds as a string" => (BatchBody(b => b["campaignIds"] = "cam_123"), Basic(Key), "application/json", 400, "type", "request.body.campaignIds"),
            "channels [\"fax\"]" => (BatchBody(b => b["channels"] = new[] { "fax" }), Basic(Key), "application/json", 400, "enum", "request.body.channels.0"),
            "ABSelected b" => (BatchBody(b => b["ABSelected"] = "b"), Basic(Key), "application/json", 400, "enum", "request.body.ABSelected"),
            "malformed startDate" => (BatchBody(b => b["startDate"] = "07/01/2024"), Basic(Key), "application/json", 400, "format", "request.body.startDate"),
            "missing endDate" => (BatchBody(b => b.Remove("endDate")), Basic(Key), "application/json", 400, "required", "request.body"),
            "an undocumented field" => (BatchBody(b => b["campaignId"] = "cam_123"), Basic(Key), "application/json", 400, "additionalProperties", "request.body"),
            "no Authorization" => (BatchBody(), null, "application/json", 401, "401", "request"),
            "a text/plain body" => (BatchBody(), Basic(Key), "text/plain", 400, "415", "request"),
            _ => throw new ArgumentOutOfRangeException(nameof(@case), @case, null),
        };

        var exchange = await SendBatchAsync(body, auth, mediaType);

        AssertReported(exchange, status, code, location);
    }

    /// <summary>
    /// Prism's blind spot, and why the client's tests also check query names themselves: it
    /// matches names without regard to case and ignores undeclared ones. lemlist does not.
    /// </summary>
    [Fact]
    public async Task Query_names_are_checked_exactly_where_Prism_is_lenient()
    {
        var exchange = await SendGetAsync(
            Query(("startdate", StartDate), ("endDate", EndDate), ("abSelected", "B"), ("campaignId", "cam_123")), Basic(Key));

        Assert.True(exchange.Status == HttpStatusCode.OK && exchange.Violations is null,
            "Prism now flags query-name case or unknown names; the extra check may be redundant. " + exchange);
        var problems = LemlistContract.QueryNameProblems(exchange);
        Assert.Contains("'startdate' must be spelled 'startDate'", problems);
        Assert.Contains("'abSelected' must be spelled 'ABSelected'", problems);
        Assert.Contains("'campaignId' is not a documented parameter", problems);
    }

    private static void AssertReported(RecordedExchange exchange, int status, string code, string location)
    {
        Assert.True(exchange.Violations is not null, $"Prism reported no violation for {exchange}");
        Assert.Equal(status, (int)exchange.Status);
        var violations = exchange.ParsedViolations();
        Assert.True(violations.Any(v => v.Code == code && v.Location == location),
            $"Expected a '{code}' violation at {location}; Prism reported: {exchange.Violations}");
    }

    private async Task<RecordedExchange> SendGetAsync(string query, AuthenticationHeaderValue? auth)
    {
        var recorder = new RecordingHandler();
        using var http = new HttpClient(recorder) { Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_prism.BaseUri, "v2/campaigns/cam_123/stats?" + query));
        request.Headers.Authorization = auth;
        using var response = await http.SendAsync(request);
        return Assert.Single(recorder.Exchanges);
    }

    private async Task<RecordedExchange> SendBatchAsync(string body, AuthenticationHeaderValue? auth, string mediaType = "application/json")
    {
        var recorder = new RecordingHandler();
        using var http = new HttpClient(recorder) { Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_prism.BaseUri, "v2/campaigns/stats/batch"))
        {
            Content = new StringContent(body, Encoding.UTF8, mediaType),
        };
        request.Headers.Authorization = auth;
        using var response = await http.SendAsync(request);
        return Assert.Single(recorder.Exchanges);
    }

    private static string Query(params (string Name, string Value)[] pairs) =>
        string.Join("&", pairs.Select(p => Uri.EscapeDataString(p.Name) + "=" + Uri.EscapeDataString(p.Value)));

    private static string BatchBody(Action<Dictionary<string, object>>? change = null)
    {
        var body = new Dictionary<string, object>
        {
            ["campaignIds"] = new[] { "cam_123" },
            ["startDate"] = StartDate,
            ["endDate"] = EndDate,
        };
        change?.Invoke(body);
        return JsonSerializer.Serialize(body);
    }

    private static AuthenticationHeaderValue Basic(string key) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(":" + key)));
}
