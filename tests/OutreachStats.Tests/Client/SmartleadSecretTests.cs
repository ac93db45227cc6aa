using System.Net;
using OutreachStats.Http;
using Xunit;

namespace OutreachStats.Tests.Client;

/// <summary>Smartlead's key travels in the URL, so every URL and every text that may quote one is masked.</summary>
public sealed class SmartleadSecretTests
{
    /// <summary>A key with characters that are percent-encoded in a query, so it travels in a second form.</summary>
    private static string AwkwardKey() => "sk+super/secret=" + Guid.NewGuid().ToString("N").Substring(0, 16) + "&x y";

    [Fact]
    public async Task TheLoggedRequestShowsApiKeyMasked()
    {
        var key = AwkwardKey();
        using var h = new SmartleadHarness(key: key);

        await h.PagesAsync(12345);

        var line = Assert.Single(h.Log, l => l.Contains(": GET ", StringComparison.Ordinal));
        Assert.Equal("Campaign '12345': GET https://server.smartlead.ai/api/v1/campaigns/12345/statistics?api_key=****&offset=0&limit=1000", line);
        Assert.Equal(key, Queries.Of(h.Server.Single().Uri)["api_key"]);
        AssertNoKey(key, string.Join("\n", h.Log));
    }

    [Fact]
    public async Task AnHttpRequestExceptionQuotingTheUrlNeverShowsTheKey()
    {
        var key = AwkwardKey();
        using var h = new SmartleadHarness(o => { o.MaxRetries = 1; o.RetryBaseDelay = TimeSpan.FromMilliseconds(10); }, key);
        h.Server.Script((request, _) => Task.FromException<HttpResponseMessage>(
            new HttpRequestException($"Error while copying content for {request.RequestUri}", new IOException($"proxy refused {request.RequestUri} ({request.RequestUri!.AbsoluteUri}, {key})"))));

        var error = await h.FailureAsync();

        Assert.Equal(OutreachErrorKind.ConnectionFailed, error.Kind);
        Assert.Contains("api_key=****", error.Message);
        AssertNoKey(key, error.ToString());
        AssertNoKey(key, string.Join("\n", h.Log));
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(404)]
    [InlineData(500)]
    [InlineData(200)]
    public async Task AnAnswerEchoingTheRequestUrlNeverShowsTheKey(int status)
    {
        var key = AwkwardKey();
        using var h = new SmartleadHarness(o => { o.MaxRetries = 0; }, key);
        h.Server.Script((request, _) => Task.FromResult(new HttpResponseMessage((HttpStatusCode)status)
        {
            Content = new StringContent($$"""{"ok":false,"error":"bad request to {{request.RequestUri!.AbsoluteUri}} key {{key}}"}""", System.Text.Encoding.UTF8, "application/json"),
        }));

        var error = await h.FailureAsync();

        AssertNoKey(key, error.ToString());
    }

    [Fact]
    public void RedactMasksEveryFormOfTheKeyAndAnyQuotedApiKeyValue()
    {
        var key = AwkwardKey();
        using var h = new SmartleadHarness(key: key);
        var uri = new Uri("https://server.smartlead.ai/api/v1/campaigns/1/statistics?api_key=" + Uri.EscapeDataString(key) + "&offset=0");

        Assert.Equal("a **** b", h.Transport.Redact($"a {key} b"));
        Assert.Equal("https://server.smartlead.ai/api/v1/campaigns/1/statistics?api_key=****&offset=0", h.Transport.Redact(uri.AbsoluteUri));
        Assert.Equal("https://server.smartlead.ai/api/v1/campaigns/1/statistics?api_key=****&offset=0", h.Transport.Redact(uri.ToString()));
        Assert.Equal("GET /statistics?api_key=**** failed", h.Transport.Redact("GET /statistics?api_key=some-other-key failed"));
        Assert.Equal("nothing hidden here", h.Transport.Redact("nothing hidden here"));
    }

    private static void AssertNoKey(string key, string text)
    {
        Assert.DoesNotContain(key, text);
        Assert.DoesNotContain(Uri.EscapeDataString(key), text);
        Assert.DoesNotContain(key.Substring(16, 16), text);
    }
}
