using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using OutreachStats.Http;

namespace OutreachStats.Providers;

/// <summary>
/// What every provider client shares: the connection's transport and server URL, a campaign ID
/// made into one safe path segment, JSON bodies read through source-generated metadata (a body
/// that is not the documented JSON is an <see cref="OutreachErrorKind.InvalidResponse"/>, never a
/// JsonException), and the mapping of documented error answers that carry a JSON error body.
/// </summary>
internal abstract class ProviderClient
{
    protected ProviderClient(ProviderDefinition definition, Uri baseUri, ApiTransport transport)
    {
        Definition = definition;
        Transport = transport;
        BaseAddress = baseUri.AbsoluteUri.TrimEnd('/');
    }

    protected ProviderDefinition Definition { get; }

    protected ApiTransport Transport { get; }

    /// <summary>The server URL without its trailing slash; endpoint paths are appended to it.</summary>
    protected string BaseAddress { get; }

    protected string ProviderId => Definition.Id;

    protected string ProviderName => Definition.Name;

    /// <summary>
    /// <paramref name="campaignId"/> escaped as one path segment. Uri drops "." and ".." segments
    /// even when escaped, so such an ID would reach another path: it is refused.
    /// </summary>
    protected string Segment(string campaignId)
    {
        if (string.IsNullOrEmpty(campaignId) || campaignId is "." or "..")
        {
            throw new ArgumentException($"'{campaignId}' cannot be a {ProviderName} campaign ID.", nameof(campaignId));
        }
        return Uri.EscapeDataString(campaignId);
    }

    /// <summary>
    /// <paramref name="log"/> with every line about campaign <paramref name="campaignId"/> naming
    /// it ("Campaign 'cam_123': …"): one command asks for many campaigns at once, and their lines
    /// interleave.
    /// </summary>
    protected Action<string>? ForCampaign(string campaignId, Action<string>? log) => Naming($"Campaign '{campaignId}'", log);

    /// <summary>
    /// <paramref name="log"/> with every line starting with <paramref name="subject"/>, masked as a
    /// whole: the subject holds what the caller gave (a campaign ID), which is shown like anything a server says.
    /// </summary>
    protected Action<string>? Naming(string subject, Action<string>? log) =>
        log is null ? null : message => log(Transport.Redact(subject + ": " + message));

    /// <summary>Bearer authentication with the key, as Leadlex and Leadterra document it, and a JSON Accept header.</summary>
    protected HttpRequestMessage Bearer(HttpRequestMessage request)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Transport.Key.Reveal());
        return Json(request);
    }

    protected static HttpRequestMessage Json(HttpRequestMessage request)
    {
        request.Headers.Accept.ParseAdd("application/json");
        return request;
    }

    /// <summary>
    /// Sends the request <paramref name="createRequest"/> builds and reads a success with
    /// <paramref name="read"/> inside each attempt, so a body that is cut off or not the
    /// documented JSON (an <see cref="OutreachErrorKind.InvalidResponse"/> from the reader) is
    /// retried like a server error. A failed answer becomes <paramref name="failure"/>'s error.
    /// </summary>
    protected async Task<T> RequestAsync<T>(
        Func<HttpRequestMessage> createRequest, Func<ApiResponse, T> read, Func<ApiResponse, OutreachApiException> failure, Action<string>? log, CancellationToken cancellationToken)
    {
        var reply = await Transport.SendAsync(createRequest, read, log, cancellationToken).ConfigureAwait(false);
        if (!reply.Response.IsSuccess) throw failure(reply.Response);
        return reply.Value;
    }

    /// <summary>
    /// GET <paramref name="uri"/> (authorised by <paramref name="authorize"/>, once per attempt),
    /// read by <paramref name="read"/> as in <see cref="RequestAsync"/>; a failed answer becomes
    /// the error <see cref="DocumentedFailure"/> maps it to, for <paramref name="campaignId"/>.
    /// </summary>
    protected Task<T> GetAsync<T>(
        Uri uri, Func<HttpRequestMessage, HttpRequestMessage> authorize, Func<ApiResponse, T> read, string campaignId, Action<string>? log, CancellationToken cancellationToken) =>
        RequestAsync(() => authorize(new HttpRequestMessage(HttpMethod.Get, uri)), read, response => DocumentedFailure(response, campaignId), log, cancellationToken);

    /// <summary>The body as <typeparamref name="T"/>; anything else (not JSON, a wrong shape, empty, null) is InvalidResponse.</summary>
    protected T Parse<T>(ApiResponse response, JsonTypeInfo<T> type, string? campaignId) where T : class
    {
        T? value;
        try
        {
            value = response.Body.Length == 0 ? null : JsonSerializer.Deserialize(response.Body, type);
        }
        catch (JsonException ex)
        {
            throw InvalidResponse(response, campaignId, "it is not the documented JSON (" + ex.Message + ")");
        }
        return value ?? throw InvalidResponse(response, campaignId, response.Body.Length == 0 ? "the body is empty" : "the body is not a JSON object");
    }

    /// <summary><paramref name="value"/> when <paramref name="problem"/> (see <see cref="AnswerRules"/>) is null; else the answer is invalid.</summary>
    protected T Valid<T>(ApiResponse response, string? campaignId, T value, string? problem) =>
        problem is null ? value : throw InvalidResponse(response, campaignId, problem);

    protected OutreachApiException InvalidResponse(ApiResponse response, string? campaignId, string why)
    {
        var kind = response.MediaType is { } media && !media.EndsWith("json", StringComparison.OrdinalIgnoreCase)
            ? $" (Content-Type {media})"
            : string.Empty;
        var excerpt = Transport.Excerpt(response, 80);
        return new OutreachApiException(ProviderId, OutreachErrorKind.InvalidResponse,
            $"{ProviderName} answered {(int)response.StatusCode}{kind} but {why}"
            + (response.Attempts > 1 ? $", on attempt {response.Attempts} of {response.Attempts}" : string.Empty)
            + (excerpt.Length > 0 ? $"; it starts: {excerpt}" : string.Empty) + ".",
            campaignId, response.StatusCode, remedy: Remedy.CheckProxyOrRetryLater);
    }

    /// <summary>The error <see cref="ErrorTable"/> maps a failed answer to, for <paramref name="campaignId"/> (or <paramref name="subject"/>).</summary>
    protected OutreachApiException DocumentedFailure(ApiResponse response, string? campaignId, string? subject = null) =>
        ErrorTable.Failure(Definition, Transport, response, campaignId, subject);
}
