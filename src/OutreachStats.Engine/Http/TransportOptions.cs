using System;

namespace OutreachStats.Http;

/// <summary>Limits, retry and timeout settings of one provider connection.</summary>
internal sealed class TransportOptions
{
    /// <summary>Requests allowed per <see cref="RateLimitWindow"/> for one key.</summary>
    public int RateLimit { get; set; } = 20;

    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Retries after the first attempt for transient failures (429, 408, 5xx, network, timeouts, a garbled 200).</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>First backoff delay; it doubles each retry, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest Retry-After honoured by waiting; a longer one becomes a rate-limit error.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long one attempt may take once it has its place in the rate budget, response body included.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// How long one call may take in all: every attempt, the backoff between them and the waits
    /// for the rate budget. Ten minutes lets the default retries (four, each possibly a full
    /// attempt timeout or a two-minute Retry-After) mostly finish, yet a runbook never hangs.
    /// </summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Bodies larger than this are refused rather than buffered.</summary>
    public long MaxResponseBytes { get; set; } = 16L * 1024 * 1024;

    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
