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
            429 => new OutreachApiException(providerId, OutreachErrorKind.RateLimited,
                $"{name} is still rate limiting this key (429{code}) after {attempts}"
                + (response.RetryAfter is { } after ? $"; it asks to retry in {after.TotalSeconds:0} s" : string.Empty)
                + ". Run the command again later, or spread the work over time.",
                campaignId, response.StatusCode, response.RetryAfter, providerErrorCode: providerCode),
            408 or (>= 500 and <= 599) => new OutreachApiException(providerId, OutreachErrorKind.ServerError,
                $"{name} failed with {status} {response.StatusCode} after {attempts}{detail}. This is on the provider's side: try again later.",
                campaignId, response.StatusCode, providerErrorCode: providerCode),
            _ => new OutreachApiException(providerId, OutreachErrorKind.UnexpectedStatus,
                $"{name} answered with an undocumented status {status} {response.StatusCode}{detail}.",
                campaignId, response.StatusCode, providerErrorCode: providerCode),
        };
    }
}
