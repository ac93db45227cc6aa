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
    protected ProviderClient(Uri baseUri, ApiTransport transport)
    {
        Transport = transport;
        BaseAddress = baseUri.AbsoluteUri.TrimEnd('/');
    }

    protected ApiTransport Transport { get; }

    /// <summary>The server URL without its trailing slash; endpoint paths are appended to it.</summary>
    protected string BaseAddress { get; }

    protected string ProviderId => Transport.ProviderId;

    protected string ProviderName => Transport.ProviderName;

    /// <summary>The provider's documented server URL, named when a 404 suggests a wrong -BaseUri.</summary>
    protected abstract Uri DocumentedBaseUri { get; }

    /// <summary>How the provider's campaign IDs look, for the not-found message (as in "cam_…").</summary>
    protected abstract string CampaignIdExample { get; }

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
            + (excerpt.Length > 0 ? $"; it starts: {excerpt}" : string.Empty)
            + ". A proxy or a wrong -BaseUri can cause this; otherwise try again later.",
            campaignId, response.StatusCode);
    }

    /// <summary>
    /// A failed answer of a provider whose errors are JSON with a code and a message (the shape
    /// is read leniently: see <see cref="ProviderErrorBody"/>). The status decides the kind, as
    /// documented (400 BadRequest, 401 KeyRejected, 403 AccessDenied, 404 CampaignNotFound,
    /// 429 RateLimited once retries are spent); the provider's code and message are quoted in the
    /// message and the code is kept as <see cref="OutreachApiException.ProviderErrorCode"/>. A 404
    /// that is a web page rather than an API answer means the address is wrong (EndpointNotFound).
    /// </summary>
    protected OutreachApiException DocumentedFailure(ApiResponse response, string? campaignId)
    {
        var error = ProviderErrorBody.Read(response.Body);
        var code = error.Code is null ? null : Transport.Redact(error.Code);
        var said = Said(response, code, error.Message is null ? null : Transport.Redact(error.Message));
        var status = response.StatusCode;
        var subject = campaignId is null ? "the request" : $"campaign '{campaignId}'";
        switch ((int)status)
        {
            case 400:
                return new OutreachApiException(ProviderId, OutreachErrorKind.BadRequest,
                    $"{ProviderName} refused the request for {subject} ({said}).",
                    campaignId, status, providerErrorCode: code);
            case 401:
                return new OutreachApiException(ProviderId, OutreachErrorKind.KeyRejected,
                    $"{ProviderName} rejected the API key ({said}). Check the key, then run Connect-OutreachProvider -Provider {ProviderId} again.",
                    campaignId, status, providerErrorCode: code);
            case 403:
                return new OutreachApiException(ProviderId, OutreachErrorKind.AccessDenied,
                    $"{ProviderName} refused access to {subject} ({said}). {AccessDeniedAdvice}",
                    campaignId, status, providerErrorCode: code, connectionWide: AccessDeniedIsTheKeys);
            case 404 when IsWebPage(response):
                return new OutreachApiException(ProviderId, OutreachErrorKind.EndpointNotFound,
                    $"{ProviderName} answered 404 for {subject} with a web page rather than an API answer, so the address is probably wrong. Check -BaseUri of Connect-OutreachProvider (the default is {DocumentedBaseUri}).",
                    campaignId, status, providerErrorCode: code);
            case 404:
                return new OutreachApiException(ProviderId, OutreachErrorKind.CampaignNotFound,
                    $"{ProviderName} has no {subject} for this key ({said}). Check the ID (it looks like {CampaignIdExample}) and that the key belongs to the campaign's workspace.",
                    campaignId, status, providerErrorCode: code);
            default:
                return StatusErrors.From(Transport, response, campaignId, code);
        }
    }

    /// <summary>Whether a 403 is the key's (a permission it lacks for every campaign) rather than one campaign's.</summary>
    protected virtual bool AccessDeniedIsTheKeys => false;

    /// <summary>What to do about a 403; providers that document the permission say which.</summary>
    protected virtual string AccessDeniedAdvice => "The key lacks a permission this call needs.";

    /// <summary>"404 campaign_not_found: No campaign with this ID", or the status and the start of the body.</summary>
    private string Said(ApiResponse response, string? code, string? message)
    {
        var status = (int)response.StatusCode;
        if (code is null && message is null)
        {
            var excerpt = IsWebPage(response) ? string.Empty : Transport.Excerpt(response);
            return excerpt.Length == 0 ? $"{status}, no error code" : $"{status}: {excerpt}";
        }
        return status + (code is null ? string.Empty : " " + code) + (message is null ? string.Empty : ": " + message);
    }

    private static bool IsWebPage(ApiResponse response) =>
        response.MediaType is { } media && media.IndexOf("html", StringComparison.OrdinalIgnoreCase) >= 0
        || response.Body.TrimStart().StartsWith("<", StringComparison.Ordinal);
}
