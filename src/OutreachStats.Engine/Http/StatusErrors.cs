using System;

namespace OutreachStats.Http;

/// <summary>
/// The failures every provider shares (rejected key, missing permission, rate limit, server
/// errors, statuses nobody documented), phrased with what to do next. Providers map their
/// own documented statuses first and fall back to this.
/// </summary>
internal static class StatusErrors
{
    /// <param name="providerCode">The provider's error code read from the body, quoted in the message and kept on the exception.</param>
    public static OutreachApiException From(ApiTransport transport, ApiResponse response, string? campaignId, string? providerCode = null)
    {
        var name = transport.ProviderName;
        var providerId = transport.ProviderId;
        var attempts = ApiTransport.Attempts(response.Attempts);
        var status = (int)response.StatusCode;
        var excerpt = transport.Excerpt(response);
        var detail = excerpt.Length == 0 ? string.Empty : $" ({excerpt})";
        var code = providerCode is null ? string.Empty : " " + providerCode;
        return status switch
        {
            401 => new OutreachApiException(providerId, OutreachErrorKind.KeyRejected,
                $"{name} rejected the API key (401 Unauthorized){detail}. Check the key, then run Connect-OutreachProvider -Provider {providerId} again.",
                campaignId, response.StatusCode, providerErrorCode: providerCode),
            403 => new OutreachApiException(providerId, OutreachErrorKind.AccessDenied,
                $"{name} refused access (403 Forbidden){detail}. The key lacks a permission this call needs.",
                campaignId, response.StatusCode, providerErrorCode: providerCode),
            429 when response.RetryAfter is { } after && after > transport.Options.MaxRetryAfter => new OutreachApiException(providerId, OutreachErrorKind.RateLimited,
                $"{name} is rate limiting this key (429{code}) and asks to wait {after.TotalSeconds:0} s, until {RetryTime(transport, after)}: longer than the {transport.Options.MaxRetryAfter.TotalSeconds:0} s the module waits out, so it stopped after {attempts}. Run the command again after that time, or raise -MaximumRetryAfterSeconds of Connect-OutreachProvider.",
                campaignId, response.StatusCode, after, providerErrorCode: providerCode),
            429 => new OutreachApiException(providerId, OutreachErrorKind.RateLimited,
                $"{name} is still rate limiting this key (429{code}) after {attempts}"
                + (response.RetryAfter is { } wait ? $"; it asks to retry in {wait.TotalSeconds:0} s, at {RetryTime(transport, wait)}" : string.Empty)
                + ". Another program may be using the same key: run the command again later, lower -RateLimit of Connect-OutreachProvider, or spread the work over time.",
                campaignId, response.StatusCode, response.RetryAfter, providerErrorCode: providerCode),
            408 or (>= 500 and <= 599) => new OutreachApiException(providerId, OutreachErrorKind.ServerError,
                $"{name} failed with {status} {response.StatusCode} after {attempts}{detail}. This is on the provider's side: try again later.",
                campaignId, response.StatusCode, providerErrorCode: providerCode),
            _ => new OutreachApiException(providerId, OutreachErrorKind.UnexpectedStatus,
                $"{name} answered with an undocumented status {status} {response.StatusCode}{detail}.",
                campaignId, response.StatusCode, providerErrorCode: providerCode),
        };
    }

    /// <summary>When a wait of <paramref name="after"/> from now ends, in UTC, for a message.</summary>
    private static string RetryTime(ApiTransport transport, TimeSpan after) =>
        (transport.Options.TimeProvider.GetUtcNow() + after).ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
}
