using System.Net;
using System.Text;
using OutreachStats.Http;
using Xunit;

namespace OutreachStats.Tests.Client;

/// <summary>An API key must never reach an error message, ToString(), a log line or a logged URI.</summary>
public sealed class SecretRedactionTests
{
    public static TheoryData<int, string> EchoingAnswers => new()
    {
        { 400, "text/plain" },
        { 401, "text/plain" },
        { 403, "text/plain" },
        { 404, "text/plain" },
        { 405, "text/plain" },
        { 418, "text/plain" },
        { 429, "text/plain" },
        { 500, "text/plain" },
        { 503, "text/html" },
        { 200, "text/html" },
        { 200, "application/json" },
    };

    [Theory]
    [MemberData(nameof(EchoingAnswers))]
    public async Task AKeyEchoedByTheServerNeverReachesTheErrorOrTheLog(int status, string mediaType)
    {
        var key = TestKeys.UniqueSecret();
        using var h = new LemlistHarness(o => { o.MaxRetries = 1; o.RetryBaseDelay = TimeSpan.FromMilliseconds(10); }, key);
        h.Server.Script(Replies.Content((HttpStatusCode)status, $"Rejected credentials {key} for this route", mediaType));

        var error = await h.StatsFailureAsync();

        AssertNoSecret(key, error.Message);
        AssertNoSecret(key, error.ToString());
        Assert.All(h.Log, line => AssertNoSecret(key, line));
    }

    [Fact]
    public async Task AKeyInAConnectionErrorNeverReachesTheErrorOrTheLog()
    {
        var key = TestKeys.UniqueSecret();
        using var h = new LemlistHarness(o => { o.MaxRetries = 2; o.RetryBaseDelay = TimeSpan.FromMilliseconds(10); }, key);
        h.Server.Script(Replies.Throws(() => new HttpRequestException("Proxy refused", new IOException($"proxy said: bad key {key}"))));

        var error = await h.StatsFailureAsync();

        Assert.Equal(OutreachErrorKind.ConnectionFailed, error.Kind);
        AssertNoSecret(key, error.ToString());
        Assert.Contains(h.Log, line => line.Contains("the connection to lemlist failed ("));
        Assert.All(h.Log, line => AssertNoSecret(key, line));
    }

    [Fact]
    public async Task AKeyInABatchErrorEntryNeverReachesTheEntrysError()
    {
        var key = TestKeys.UniqueSecret();
        using var h = new LemlistHarness(key: key);
        h.Server.Script(Replies.Json(ApiExamples.Batch(Array.Empty<(string, int)>(), new[] { ("cam_1", $"key {key} has no access") })));

        var entry = Assert.Single(await h.GetBatchAsync(new[] { "cam_1" }));

        AssertNoSecret(key, entry.Error!.ToString());
    }

    // Messages quote only the start of a body. If the key is cut by that limit, the part left
    // must not be shown either: redaction has to happen before the cut, not after.
    [Theory]
    [InlineData(400, "text/plain", 160)]
    [InlineData(500, "text/plain", 160)]
    [InlineData(200, "text/html", 80)]
    public async Task AKeyCutByTheExcerptLimitLeaksNoPartOfIt(int status, string mediaType, int excerptLength)
    {
        var key = TestKeys.UniqueSecret();
        using var h = new LemlistHarness(o => o.MaxRetries = 0, key);
        // The excerpt ends 24 characters into the key: "sk-super-secret-" and 8 secret digits.
        var body = new string('x', excerptLength - 24) + key + " trailing text";
        h.Server.Script(Replies.Content((HttpStatusCode)status, body, mediaType));

        var error = await h.StatsFailureAsync();

        Assert.DoesNotContain(key.Substring(0, 24), error.Message);
    }

    [Fact]
    public void TheKeyHintShowsOnlyTheLastFourCharacters()
    {
        using var key = TestKeys.Create("sk-super-secret-0123456789abcdef");

        Assert.Equal("****cdef", key.Hint);
        Assert.Equal("****cdef", key.ToString());
        Assert.Equal("sk-super-secret-0123456789abcdef", key.Reveal());
    }

    [Theory]
    [InlineData("k")]
    [InlineData("short-key-12")]
    [InlineData("fifteen-chars-x")]
    public void AShortKeyShowsNothingOfItself(string text)
    {
        using var key = TestKeys.Create(text);

        Assert.Equal("****", key.Hint);
        Assert.Equal("****", key.ToString());
    }

    [Fact]
    public void TheFingerprintTellsKeysApartWithoutHoldingThem()
    {
        const string text = "sk-super-secret-0123456789abcdef";
        using var key = TestKeys.Create(text);
        using var same = TestKeys.Create(text);
        using var other = TestKeys.Create(text + "0");

        Assert.Equal(key.Fingerprint, same.Fingerprint);
        Assert.NotEqual(key.Fingerprint, other.Fingerprint);
        Assert.DoesNotContain("0123", key.Fingerprint);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(text)), key.Fingerprint);
    }

    [Fact]
    public async Task TheLogNeverShowsTheKeyOrTheAuthorizationHeader()
    {
        var key = TestKeys.UniqueSecret();
        using var h = new LemlistHarness(o => o.RetryBaseDelay = TimeSpan.FromMilliseconds(10), key);
        h.Server.Script(Replies.Text(HttpStatusCode.InternalServerError, key), Replies.Json(ApiExamples.SingleStats));

        await h.GetStatsAsync();

        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(":" + key));
        Assert.Contains(h.Log, line => line.StartsWith("Campaign 'cam_123': GET https://api.lemlist.com/api/v2/campaigns/cam_123/stats?"));
        Assert.All(h.Log, line =>
        {
            AssertNoSecret(key, line);
            Assert.DoesNotContain(basic, line);
        });
    }

    [Fact]
    public void RedactReplacesEveryOccurrenceOfTheKey()
    {
        var key = TestKeys.UniqueSecret();
        using var h = new LemlistHarness(key: key);

        Assert.Equal("a **** b ****", h.Transport.Redact($"a {key} b {key}"));
        Assert.Equal("nothing hidden here", h.Transport.Redact("nothing hidden here"));
    }

    [Theory]
    [InlineData("https://x.test/v1/stats?api_key=abc123&limit=5", "https://x.test/v1/stats?api_key=****&limit=5")]
    [InlineData("https://x.test/v1/stats?limit=5&token=abc123", "https://x.test/v1/stats?limit=5&token=****")]
    [InlineData("https://x.test/v1/stats?API_KEY=abc&Token=def", "https://x.test/v1/stats?API_KEY=****&Token=****")]
    [InlineData("https://x.test/v1/stats?apikey=abc&key=def&access_token=ghi", "https://x.test/v1/stats?apikey=****&key=****&access_token=****")]
    [InlineData("https://x.test/v1/stats?api%5Fkey=abc", "https://x.test/v1/stats?api_key=****")]
    [InlineData("https://x.test/v1/stats?startDate=2024-01-07T22%3A00%3A00.000Z", "https://x.test/v1/stats?startDate=2024-01-07T22%3A00%3A00.000Z")]
    [InlineData("https://x.test/v1/stats", "https://x.test/v1/stats")]
    public void RedactedUriMasksKeyLikeQueryValuesOnly(string uri, string expected)
    {
        Assert.Equal(expected, ApiTransport.RedactedUri(new Uri(uri)));
    }

    private static void AssertNoSecret(string key, string text)
    {
        Assert.DoesNotContain(key, text);
        // The part after the generic "sk-super-secret-" prefix is the secret itself.
        Assert.DoesNotContain(key.Substring(16), text);
    }
}

/// <summary>Servers that echo the credential back, in every place a message can quote them.</summary>
public sealed class EchoedCredentialTests
{
    private static Reply EchoAuthorization(HttpStatusCode status, string mediaType = "text/plain") => (request, _) =>
        Task.FromResult(new HttpResponseMessage(status)
        {
            Content = new StringContent($"rejected Authorization: {request.Headers.Authorization}", Encoding.UTF8, mediaType),
        });

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(500)]
    [InlineData(200)]
    public async Task LemlistsBasicCredentialEchoedInAnAnswerIsMasked(int status)
    {
        var key = TestKeys.UniqueSecret();
        using var h = new LemlistHarness(o => { o.MaxRetries = 1; o.RetryBaseDelay = TimeSpan.FromMilliseconds(10); }, key);
        h.Server.Script(EchoAuthorization((HttpStatusCode)status, status == 200 ? "application/json" : "text/plain"));

        var error = await h.StatsFailureAsync();

        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(":" + key));
        Assert.Contains("rejected Authorization: Basic ****", error.Message);
        Assert.DoesNotContain(basic.Substring(0, 8), error.ToString());
        Assert.DoesNotContain(basic.Substring(basic.Length - 8), error.ToString());
        Assert.All(h.Log, line => Assert.DoesNotContain(basic.Substring(4, 8), line));
    }

    [Fact]
    public async Task ABatchEntryErrorEchoingTheCredentialIsMasked()
    {
        var key = TestKeys.UniqueSecret();
        using var h = new LemlistHarness(key: key);
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(":" + key));
        h.Server.Script(Replies.Json(ApiExamples.Batch(Array.Empty<(string, int)>(), new[] { ("cam_1", $"no access for Basic {basic}") })));

        var entry = Assert.Single(await h.GetBatchAsync(new[] { "cam_1" }));

        Assert.DoesNotContain(basic.Substring(2, 10), entry.Error!.Message);
    }

    [Fact]
    public async Task AnAnswerArrivingAfterTheKeyWasForgottenIsStillMasked()
    {
        var key = TestKeys.UniqueSecret();
        using var h = new LemlistHarness(o => o.MaxRetries = 0, key);
        // Disconnect-OutreachProvider forgets the key while the request is on its way.
        h.Server.Script((_, _) =>
        {
            h.Key.Dispose();
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent("bad key " + key) });
        });

        var error = await h.StatsFailureAsync();

        Assert.Contains("bad key ****", error.Message);
        Assert.DoesNotContain(key.Substring(16), error.ToString());
    }
}
