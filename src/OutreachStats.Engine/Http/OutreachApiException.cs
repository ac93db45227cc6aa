using System;
using System.Net;

namespace OutreachStats.Http;

/// <summary>
/// A provider call that failed, with what a user needs to act on it. Messages are built by the
/// clients from redacted text only: they never hold an API key.
/// </summary>
public sealed class OutreachApiException : Exception
{
    internal OutreachApiException(
        string provider,
        OutreachErrorKind kind,
        string message,
        string? campaignId = null,
        HttpStatusCode? statusCode = null,
        TimeSpan? retryAfter = null,
        Exception? innerException = null,
        string? providerErrorCode = null,
        bool connectionWide = false,
        Remedy remedy = Remedy.None)
        : base(message, innerException)
    {
        Remedy = remedy;
        IsConnectionWide = connectionWide || kind is OutreachErrorKind.KeyRejected or OutreachErrorKind.ConnectionClosed;
        ProviderErrorCode = providerErrorCode;
        Provider = provider;
        Kind = kind;
        CampaignId = campaignId;
        StatusCode = statusCode;
        RetryAfter = retryAfter;
    }

    /// <summary>The provider's name, as in <c>Lemlist</c>.</summary>
    public string Provider { get; }

    public OutreachErrorKind Kind { get; }

    /// <summary>The stable error identifier, provider then kind: <c>LemlistCampaignNotFound</c>.</summary>
    public string ErrorId => Providers.ProviderTable.ErrorId(Provider, Kind);

    /// <summary>The campaign the failure belongs to; null when it concerns the whole call.</summary>
    public string? CampaignId { get; }

    public HttpStatusCode? StatusCode { get; }

    /// <summary>
    /// The provider's own error code when its answer carried one (Leadlex's <c>campaign_not_found</c>,
    /// Leadterra's <c>authentication_failed</c>); null otherwise. The message quotes it too.
    /// </summary>
    public string? ProviderErrorCode { get; }

    /// <summary>When the provider said to come back, for rate-limit failures.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>True when the key itself was refused: every further call would fail the same way.</summary>
    public bool IsKeyRejected => Kind == OutreachErrorKind.KeyRejected;

    /// <summary>
    /// True when the failure is the connection's, not the campaign's (a rejected key, a server
    /// that cannot be reached, a missing permission, a closed connection): every further call on
    /// the connection would fail the same way, so a command stops at the first.
    /// </summary>
    public bool IsConnectionWide { get; }

    /// <summary>What the user can do about it; the cmdlets say it in their words.</summary>
    internal Remedy Remedy { get; }

    internal OutreachApiException ForCampaign(string campaignId) =>
        new(Provider, Kind, Message, campaignId, StatusCode, RetryAfter, InnerException, ProviderErrorCode, IsConnectionWide, Remedy);
}
