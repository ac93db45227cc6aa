using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Xunit;

namespace OutreachStats.Tests.Contract;

/// <summary>
/// Wraps a real <see cref="HttpClientHandler"/> and records every exchange: the request as it
/// left (method, address, Authorization, body) and the answer's status and Prism's
/// <c>sl-violations</c> header, so a test can assert the validator found nothing wrong.
/// </summary>
public sealed class RecordingHandler : DelegatingHandler
{
    public const string ViolationsHeader = "sl-violations";

    private readonly ConcurrentQueue<RecordedExchange> _exchanges = new();

    public RecordingHandler()
        : base(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false })
    {
    }

    public IReadOnlyList<RecordedExchange> Exchanges => _exchanges.ToArray();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string? body = null;
        if (request.Content is not null)
        {
            await request.Content.LoadIntoBufferAsync().ConfigureAwait(false);
            body = await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var violations = response.Headers.TryGetValues(ViolationsHeader, out var values) ? string.Join(",", values) : null;
        _exchanges.Enqueue(new RecordedExchange(
            request.Method,
            request.RequestUri!,
            request.Headers.Authorization?.Scheme,
            request.Headers.Authorization?.Parameter,
            request.Content?.Headers.ContentType?.MediaType,
            body,
            response.StatusCode,
            violations));
        return response;
    }

    /// <summary>Exactly one exchange happened, and Prism reported no violation for it.</summary>
    public RecordedExchange AssertSingleCleanExchange()
    {
        var exchanges = Exchanges;
        Assert.True(exchanges.Count == 1, $"Expected exactly one request, saw {exchanges.Count}: {string.Join("; ", exchanges)}");
        var exchange = exchanges[0];
        Assert.True(exchange.Violations is null, $"Prism reported contract violations for {exchange}: {exchange.Violations}");
        Assert.Equal(HttpStatusCode.OK, exchange.Status);
        return exchange;
    }
}

/// <summary>One request and what Prism said about it.</summary>
public sealed record RecordedExchange(
    HttpMethod Method,
    Uri RequestUri,
    string? AuthScheme,
    string? AuthParameter,
    string? ContentType,
    string? Body,
    HttpStatusCode Status,
    string? Violations)
{
    /// <summary>Prism's violations as (code, location) pairs, location joined with dots.</summary>
    public IReadOnlyList<(string Code, string Location, string Message)> ParsedViolations()
    {
        if (Violations is null) return Array.Empty<(string, string, string)>();
        using var document = JsonDocument.Parse(Violations);
        var list = new List<(string, string, string)>();
        foreach (var violation in document.RootElement.EnumerateArray())
        {
            var code = violation.TryGetProperty("code", out var c) ? c.ToString() : string.Empty;
            var location = violation.TryGetProperty("location", out var l) && l.ValueKind == JsonValueKind.Array
                ? string.Join(".", l.EnumerateArray().Select(e => e.ToString()))
                : string.Empty;
            var message = violation.TryGetProperty("message", out var m) ? m.ToString() : string.Empty;
            list.Add((code, location, message));
        }
        return list;
    }

    /// <summary>
    /// The query as sent, decoded as a server decodes a form-encoded query ('+' is a space):
    /// name and value pairs in order, the names' case kept.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> Query()
    {
        var query = RequestUri.Query;
        if (query.Length <= 1) return Array.Empty<KeyValuePair<string, string>>();
        return query.Substring(1).Split('&').Select(part =>
        {
            var equals = part.IndexOf('=');
            var name = equals < 0 ? part : part.Substring(0, equals);
            var value = equals < 0 ? string.Empty : part.Substring(equals + 1);
            return new KeyValuePair<string, string>(Decode(name), Decode(value));
        }).ToList();
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));

    /// <summary>The Basic credentials as sent, decoded ("login:password").</summary>
    public string? BasicCredentials() =>
        AuthScheme == "Basic" && AuthParameter is { } parameter ? Encoding.UTF8.GetString(Convert.FromBase64String(parameter)) : null;

    public override string ToString() =>
        $"{Method} {RequestUri.PathAndQuery} -> {(int)Status}" + (Violations is null ? string.Empty : " sl-violations: " + Violations);
}
