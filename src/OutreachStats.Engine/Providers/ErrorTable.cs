using System;
using System.Globalization;
using OutreachStats.Http;

namespace OutreachStats.Providers;

/// <summary>
/// A failed answer as the error table reads it: its status, the provider's error code and
/// message when its body has them (any shape <see cref="ProviderErrorBody"/> reads), the start of
/// the body otherwise, all with the key masked.
/// </summary>
internal sealed class FailedAnswer
{
    public FailedAnswer(ApiTransport transport, ApiResponse response)
    {
        Response = response;
        var error = ProviderErrorBody.Read(response.Body);
        Code = error.Code is null ? null : transport.Redact(error.Code);
        Message = error.Message is null ? null : transport.Redact(error.Message);
        IsWebPage = response.MediaType is { } media && media.IndexOf("html", StringComparison.OrdinalIgnoreCase) >= 0
            || response.Body.TrimStart().StartsWith("<", StringComparison.Ordinal);
        Excerpt = IsWebPage ? string.Empty : transport.Excerpt(response);
    }

    public ApiResponse Response { get; }

    public int Status => (int)Response.StatusCode;

    public string? Code { get; }

    public string? Message { get; }

    /// <summary>The start of the body on one line; empty for a web page, which says nothing useful in a message.</summary>
    public string Excerpt { get; }

    public bool IsWebPage { get; }

    /// <summary>Whether the provider's words (its code, message or body) contain <paramref name="text"/>, in any case.</summary>
    public bool Says(string text) =>
        (Code ?? string.Empty).IndexOf(text, StringComparison.OrdinalIgnoreCase) >= 0
        || (Message ?? string.Empty).IndexOf(text, StringComparison.OrdinalIgnoreCase) >= 0
        || Excerpt.IndexOf(text, StringComparison.OrdinalIgnoreCase) >= 0;

    /// <summary>"404 campaign_not_found: No campaign with this ID", or the status and the start of the body.</summary>
    public string Said()
    {
        if (Code is null && Message is null) return Excerpt.Length == 0 ? $"{Status}, no error code" : $"{Status}: {Excerpt}";
        return Status + (Code is null ? string.Empty : " " + Code) + (Message is null ? string.Empty : ": " + Message);
    }
}

/// <summary>
/// The one mapping of a failed answer to its kind, for every provider: the status decides (400
/// BadRequest, 401 KeyRejected, 403 AccessDenied, 404 CampaignNotFound or, for a web page,
/// EndpointNotFound, 405 MethodNotAllowed, 429 RateLimited once retries are spent, 408 and 5xx
/// ServerError, anything else UnexpectedStatus), unless the provider's definition reads it
/// otherwise (<see cref="ProviderDefinition.KindOverride"/>). The message says what happened;
/// what to do is a <see cref="Remedy"/>, phrased by the cmdlets.
/// </summary>
internal static class ErrorTable
{
    public static OutreachApiException Failure(ProviderDefinition provider, ApiTransport transport, ApiResponse response, string? campaignId, string? subject = null)
    {
        var answer = new FailedAnswer(transport, response);
        var kind = provider.KindOverride(answer) ?? DefaultKind(answer);
        var about = subject ?? (campaignId is null ? "the request" : $"campaign '{campaignId}'");
        var said = answer.Said();
        var name = provider.Name;
        var attempts = ApiTransport.Attempts(response.Attempts);
        var detail = answer.Excerpt.Length == 0 ? string.Empty : $" ({answer.Excerpt})";
        var code = answer.Code is null ? string.Empty : " " + answer.Code;
        var maxWait = transport.Options.MaxRetryAfter;
        var (message, remedy) = kind switch
        {
            OutreachErrorKind.BadRequest => ($"{name} refused the request for {about} ({said}).", Remedy.None),
            OutreachErrorKind.KeyRejected => ($"{name} rejected the API key ({said}).", Remedy.CheckKeyAndReconnect),
            OutreachErrorKind.AccessDenied => ($"{name} refused access to {about} ({said}). {provider.AccessDeniedMeaning}", Remedy.None),
            OutreachErrorKind.CampaignNotFound => (
                $"{name} has no {about} for this key ({said}). Check the ID (it looks like {provider.CampaignIdExample}) and that the key belongs to the campaign's workspace.",
                Remedy.None),
            OutreachErrorKind.EndpointNotFound => (
                $"{name} answered 404 for {about} {(answer.IsWebPage ? "with a web page rather than an API answer" : "without saying the campaign is missing")}, so the address is probably wrong (the documented server URL is {provider.DocumentedBaseUri}).",
                Remedy.CheckServerUrl),
            OutreachErrorKind.MethodNotAllowed => ($"{name} refused the HTTP method for {about} ({said}).", Remedy.CheckProxy),
            OutreachErrorKind.RateLimited when response.RetryAfter is { } after && after > maxWait => (
                $"{name} is rate limiting this key (429{code}) and asks to wait {after.TotalSeconds:0} s, until {RetryTime(transport, after)}: longer than the {maxWait.TotalSeconds:0} s the module waits out, so it stopped after {attempts}.",
                Remedy.RetryLaterOrWaitLonger),
            OutreachErrorKind.RateLimited => (
                $"{name} is still rate limiting this key (429{code}) after {attempts}"
                + (response.RetryAfter is { } wait ? $"; it asks to retry in {wait.TotalSeconds:0} s, at {RetryTime(transport, wait)}" : string.Empty) + ".",
                Remedy.RetryLaterOrLowerRateLimit),
            OutreachErrorKind.ServerError => (
                $"{name} failed with {answer.Status} {response.StatusCode} after {attempts}{detail}. This is on the provider's side: try again later.",
                Remedy.None),
            _ => ($"{name} answered with an undocumented status {answer.Status} {response.StatusCode}{detail}.", Remedy.None),
        };
        return new OutreachApiException(provider.Id, kind, message, campaignId, response.StatusCode,
            kind == OutreachErrorKind.RateLimited ? response.RetryAfter : null,
            providerErrorCode: answer.Code,
            connectionWide: provider.IsTheKeys(answer, kind),
            remedy: remedy);
    }

    private static OutreachErrorKind DefaultKind(FailedAnswer answer) => answer.Status switch
    {
        400 => OutreachErrorKind.BadRequest,
        401 => OutreachErrorKind.KeyRejected,
        403 => OutreachErrorKind.AccessDenied,
        404 when answer.IsWebPage => OutreachErrorKind.EndpointNotFound,
        404 => OutreachErrorKind.CampaignNotFound,
        405 => OutreachErrorKind.MethodNotAllowed,
        429 => OutreachErrorKind.RateLimited,
        408 or (>= 500 and <= 599) => OutreachErrorKind.ServerError,
        _ => OutreachErrorKind.UnexpectedStatus,
    };

    /// <summary>When a wait of <paramref name="after"/> from now ends, in UTC, for a message.</summary>
    private static string RetryTime(ApiTransport transport, TimeSpan after) =>
        (transport.Options.TimeProvider.GetUtcNow() + after).ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
