namespace OutreachStats.Http;

/// <summary>
/// Why a provider call failed. Each kind, prefixed with the provider's name, is the ErrorId that
/// PowerShell users see (for example <c>LemlistCampaignNotFound</c>): these names are a contract.
/// </summary>
public enum OutreachErrorKind
{
    /// <summary>The provider refused the request's parameters (400).</summary>
    BadRequest,
    /// <summary>The provider rejected the API key (401): nothing else will work with it.</summary>
    KeyRejected,
    /// <summary>The key is valid but lacks a permission (403).</summary>
    AccessDenied,
    /// <summary>The campaign does not exist or the key cannot see it.</summary>
    CampaignNotFound,
    /// <summary>A 404 that is not the provider's "campaign not found": the base URI is probably wrong.</summary>
    EndpointNotFound,
    /// <summary>The provider refused the HTTP method (405).</summary>
    MethodNotAllowed,
    /// <summary>Still rate limited after the allowed retries, or asked to wait longer than the cap.</summary>
    RateLimited,
    /// <summary>The provider kept failing with a server error (5xx) after the allowed retries.</summary>
    ServerError,
    /// <summary>A status the documentation does not describe.</summary>
    UnexpectedStatus,
    /// <summary>A success status whose body is not the documented JSON (HTML, truncated, wrong shape).</summary>
    InvalidResponse,
    /// <summary>The provider could not be reached, or the connection broke.</summary>
    ConnectionFailed,
    /// <summary>No answer within the time allowed.</summary>
    Timeout,
    /// <summary>The connection was closed (Disconnect-OutreachProvider) while the command was using it.</summary>
    ConnectionClosed,
    /// <summary>The module failed in a way nobody foresaw (a defect): the message says what happened.</summary>
    InternalError,
    /// <summary>The provider answered with an error for this campaign inside a success (a lemlist batch error entry, Smartlead's ok:false).</summary>
    CampaignFailed,
}
