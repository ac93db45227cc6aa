using System.Net;
using System.Text.Json;
using OutreachStats.Http;
using OutreachStats.Model;
using OutreachStats.Providers.Lemlist;
using Xunit;

namespace OutreachStats.Tests.Contract;

/// <summary>
/// What the contract tests check beyond Prism. Prism matches query parameter names without
/// regard to case and ignores query parameters the contract does not declare (checked by hand:
/// <c>STARTDATE=…</c> and <c>foo=bar</c> pass), while lemlist reads its parameters by exact name.
/// So every request the client sends is also held to the documented names, exactly.
/// </summary>
internal static class LemlistContract
{
    public const string StatsPathPrefix = "/v2/campaigns/";
    public const string BatchPath = "/v2/campaigns/stats/batch";

    /// <summary>The query parameters of GET /v2/campaigns/{campaignId}/stats, spelled as documented.</summary>
    public static readonly IReadOnlyList<string> QueryNames = new[] { "startDate", "endDate", "sendUser", "ABSelected", "channels" };

    /// <summary>The properties of the batch body, spelled as documented.</summary>
    public static readonly IReadOnlyList<string> BodyNames = new[] { "campaignIds", "startDate", "endDate", "sendUser", "ABSelected", "channels" };

    /// <summary>What is wrong with the request's query names: undocumented, wrongly cased, or repeated.</summary>
    public static IReadOnlyList<string> QueryNameProblems(RecordedExchange exchange)
    {
        var problems = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pair in exchange.Query())
        {
            if (!QueryNames.Contains(pair.Key, StringComparer.Ordinal))
            {
                var nearly = QueryNames.FirstOrDefault(n => string.Equals(n, pair.Key, StringComparison.OrdinalIgnoreCase));
                problems.Add(nearly is null ? $"'{pair.Key}' is not a documented parameter" : $"'{pair.Key}' must be spelled '{nearly}'");
            }
            if (!seen.Add(pair.Key)) problems.Add($"'{pair.Key}' is sent twice");
        }
        return problems;
    }

    /// <summary>The query, checked name by name: exactly the expected parameters with the expected values.</summary>
    public static void AssertQuery(RecordedExchange exchange, IReadOnlyDictionary<string, string> expected)
    {
        Assert.Empty(QueryNameProblems(exchange));
        var sent = exchange.Query().ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        Assert.Equal(expected.Keys.OrderBy(k => k, StringComparer.Ordinal), sent.Keys.OrderBy(k => k, StringComparer.Ordinal));
        foreach (var pair in expected)
        {
            if (pair.Key == "channels")
            {
                // A JSON array: compare the values, not the spacing.
                Assert.Equal(JsonSerializer.Deserialize<string[]>(pair.Value), JsonSerializer.Deserialize<string[]>(sent[pair.Key]));
            }
            else
            {
                Assert.Equal(pair.Value, sent[pair.Key]);
            }
        }
    }

    /// <summary>The batch body, parsed: exactly the expected properties.</summary>
    public static JsonElement AssertBody(RecordedExchange exchange, params string[] expectedNames)
    {
        Assert.Equal("application/json", exchange.ContentType);
        Assert.NotNull(exchange.Body);
        using var document = JsonDocument.Parse(exchange.Body!);
        var root = document.RootElement.Clone();
        Assert.Equal(JsonValueKind.Object, root.ValueKind);
        var names = root.EnumerateObject().Select(p => p.Name).ToList();
        Assert.All(names, n => Assert.Contains(n, BodyNames));
        Assert.Equal(expectedNames.OrderBy(n => n, StringComparer.Ordinal), names.OrderBy(n => n, StringComparer.Ordinal));
        return root;
    }

    /// <summary>Basic authentication with an empty login and the key as password, as lemlist documents.</summary>
    public static void AssertAuthorization(RecordedExchange exchange, string key)
    {
        Assert.Equal("Basic", exchange.AuthScheme);
        Assert.Equal(":" + key, exchange.BasicCredentials());
    }

    /// <summary>The statistics of the contract's example (the GET example has 3 steps, the batch one 1).</summary>
    public static void AssertExample(LemlistCampaignStats stats, string campaignId, LemlistStatsWindow window, int steps)
    {
        Assert.Equal(campaignId, stats.CampaignId);
        Assert.Equal(LemlistClient.FormatDate(window.StartDate), stats.StartDate);
        Assert.Equal(LemlistClient.FormatDate(window.EndDate), stats.EndDate);
        OutreachStats.Tests.Client.ApiExamples.AssertDocumentedCounts(stats);
        Assert.Equal(steps, stats.Steps.Count);
        var first = stats.Steps[0];
        Assert.Equal(1, first.Index);
        Assert.Equal("seq_rH5RD3fMkkt2gM3YC", first.SequenceId);
        Assert.Equal(0, first.SequenceStep);
        Assert.Equal("linkedinSend", first.TaskType);
        Assert.Equal(32, first.Sent);
        Assert.Equal(15, first.Replied);
        Assert.Equal(1, first.Unsubscribed);
        if (steps == 3)
        {
            Assert.Equal(2, stats.Steps[1].Index);
            Assert.Equal(1, stats.Steps[1].SequenceStep);
            Assert.Null(stats.Steps[1].TaskType);
            Assert.Equal(17, stats.Steps[1].Opened);
            Assert.Equal(3, stats.Steps[2].Clicked);
        }
    }
}

/// <summary>The real <see cref="LemlistClient"/> over a <see cref="RecordingHandler"/>, aimed at Prism.</summary>
internal sealed class LemlistHarness : IDisposable
{
    private readonly ApiKey _key;
    private readonly ApiTransport _transport;

    public LemlistHarness(PrismValidator prism)
    {
        // A key of its own per harness, so the per-key request budget never slows the suite.
        KeyText = "contract-test-key-" + Guid.NewGuid().ToString("N");
        _key = new ApiKey(new NetworkCredential("", KeyText).SecurePassword);
        Recorder = new RecordingHandler();
        _transport = LemlistProvider.Definition.CreateTransport(_key, Recorder, true, new TransportOptions { MaxRetries = 0 });
        Client = new LemlistClient(prism.BaseUri, _transport);
    }

    public string KeyText { get; }

    public RecordingHandler Recorder { get; }

    public LemlistClient Client { get; }

    /// <summary>
    /// Calls the client where a success is expected; if it throws, the failure shows what Prism
    /// said about each request (its sl-violations), not only the client's message.
    /// </summary>
    public async Task<T> ExpectSuccessAsync<T>(Func<LemlistClient, Task<T>> call)
    {
        try
        {
            return await call(Client).ConfigureAwait(false);
        }
        catch (OutreachApiException ex)
        {
            throw new Xunit.Sdk.XunitException(
                $"The client failed ({ex.ErrorId}: {ex.Message}). Requests: {string.Join("; ", Recorder.Exchanges)}");
        }
    }

    public void Dispose()
    {
        _transport.Dispose();
        _key.Dispose();
    }
}
