using System;

namespace OutreachStats.Http;

/// <summary>Limits and retry settings of one provider connection.</summary>
internal sealed class TransportOptions
{
    /// <summary>Requests allowed per <see cref="RateLimitWindow"/> for one key.</summary>
    public int RateLimit { get; set; } = 20;

    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Retries after the first attempt for transient failures (429, 408, 5xx, network, timeouts).</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>First backoff delay; it doubles each retry, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest Retry-After honoured by waiting; a longer one becomes a rate-limit error.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long one attempt may take, response body included.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Bodies larger than this are refused rather than buffered.</summary>
    public long MaxResponseBytes { get; set; } = 16L * 1024 * 1024;

    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
