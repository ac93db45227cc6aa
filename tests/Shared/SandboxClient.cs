using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using OutreachStats.Sandbox;

namespace OutreachStats.Testing;

/// <summary>
/// Requests as each provider's clients send them: lemlist Basic, Smartlead ?api_key=, Bearer for the
/// others. By default with each provider's plain working key ("sbx-lm-Kq7Vw2").
/// </summary>
internal sealed class SandboxClient : IDisposable
{
    public const string AllTime = "startDate=2020-01-01T00:00:00.000Z&endDate=2030-01-01T00:00:00.000Z";

    private readonly HttpClient _http;
    private readonly SandboxServer _server;

    public SandboxClient(SandboxServer server, HttpMessageHandler? handler = null)
    {
        _server = server;
        _http = handler is null ? new HttpClient() : new HttpClient(handler);
        _http.Timeout = TimeSpan.FromSeconds(60);
    }

    public static string LemlistKey => SandboxKeys.Valid(SandboxProvider.Lemlist);

    public Task<HttpResponseMessage> LemlistStatsAsync(string campaignId, string query = AllTime, string? key = null, HttpMethod? method = null)
    {
        var request = new HttpRequestMessage(method ?? HttpMethod.Get, Url(SandboxProvider.Lemlist, $"/v2/campaigns/{Uri.EscapeDataString(campaignId)}/stats?{query}"));
        request.Headers.Authorization = Basic(key ?? LemlistKey);
        return _http.SendAsync(request);
    }

    public Task<HttpResponseMessage> LemlistBatchAsync(string jsonBody, string? key = null, HttpMethod? method = null)
    {
        var request = new HttpRequestMessage(method ?? HttpMethod.Post, Url(SandboxProvider.Lemlist, "/v2/campaigns/stats/batch"));
        if (jsonBody.Length > 0) request.Content = new StringContent(jsonBody, Encoding.UTF8, "application/json");
        request.Headers.Authorization = Basic(key ?? LemlistKey);
        return _http.SendAsync(request);
    }

    public Task<HttpResponseMessage> LemlistBatchAsync(IEnumerable<string> campaignIds, string extra = "", string? key = null) =>
        LemlistBatchAsync(
            $"{{\"campaignIds\":{JsonSerializer.Serialize(campaignIds)},\"startDate\":\"2020-01-01T00:00:00.000Z\",\"endDate\":\"2030-01-01T00:00:00.000Z\"{extra}}}",
            key);

    public Task<HttpResponseMessage> SmartleadAsync(string campaignId, string query = "", string? key = null)
    {
        var apiKey = "api_key=" + Uri.EscapeDataString(key ?? SandboxKeys.Valid(SandboxProvider.Smartlead));
        return _http.GetAsync(Url(SandboxProvider.Smartlead, $"/api/v1/campaigns/{campaignId}/statistics?{apiKey}{(query.Length > 0 ? "&" + query : "")}"));
    }

    public Task<HttpResponseMessage> LeadlexAsync(string campaignId, string? key = null) =>
        BearerAsync(SandboxProvider.Leadlex, $"/v1/campaigns/{campaignId}/stats", key);

    public Task<HttpResponseMessage> LeadterraAsync(string campaignId, string? key = null, string query = "") =>
        BearerAsync(SandboxProvider.Leadterra, $"/v1/campaigns/{campaignId}/stats{(query.Length > 0 ? "?" + query : "")}", key);

    public Task<HttpResponseMessage> ControlAsync(HttpMethod method, string path, string? jsonBody = null)
    {
        var request = new HttpRequestMessage(method, new Uri(_server.RootUri, "_sandbox" + path));
        if (jsonBody is not null) request.Content = new StringContent(jsonBody, Encoding.UTF8, "application/json");
        return _http.SendAsync(request);
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>The JSON of a 200, or a failure that shows what came instead.</summary>
    public static async Task<JsonElement> OkJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode != 200) throw new Xunit.Sdk.XunitException($"Expected 200, got {(int)response.StatusCode}: {text}");
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    public static AuthenticationHeaderValue Basic(string key) => new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(":" + key)));

    public void Dispose() => _http.Dispose();

    private Task<HttpResponseMessage> BearerAsync(SandboxProvider provider, string pathAndQuery, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, Url(provider, pathAndQuery));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key ?? SandboxKeys.Valid(provider));
        return _http.SendAsync(request);
    }

    /// <summary>The base URL with the endpoint path appended, as the module builds its URLs.</summary>
    private Uri Url(SandboxProvider provider, string pathAndQuery) => new(_server.BaseUri(provider).AbsoluteUri.TrimEnd('/') + pathAndQuery);
}
