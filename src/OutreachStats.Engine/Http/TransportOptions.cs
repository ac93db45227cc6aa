using System;
using System.Collections.Generic;
using System.Linq;

namespace OutreachStats.Http;

/// <summary>Limits, retry and timeout settings of one provider connection.</summary>
internal sealed class TransportOptions
{
    /// <summary>Requests allowed per <see cref="RateLimitWindow"/> for one key.</summary>
    public int RateLimit { get; set; } = 20;

    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Limits the provider publishes beside <see cref="RateLimit"/> per <see cref="RateLimitWindow"/>
    /// (Smartlead's per hour and per second), all held at once. None for most providers.
    /// </summary>
    public IReadOnlyList<RateLimitRule> FurtherRateLimits { get; set; } = Array.Empty<RateLimitRule>();

    /// <summary>Every limit held: <see cref="RateLimit"/> per <see cref="RateLimitWindow"/> first, then <see cref="FurtherRateLimits"/>.</summary>
    public IReadOnlyList<RateLimitRule> RateLimits =>
        new[] { new RateLimitRule(RateLimit, RateLimitWindow) }.Concat(FurtherRateLimits).ToList();

    /// <summary>
    /// Sets <see cref="RateLimit"/> per <see cref="RateLimitWindow"/> (Connect-OutreachProvider's
    /// -RateLimit and -RateLimitWindowSeconds) and scales <see cref="FurtherRateLimits"/> by the
    /// same factor of requests per second, rounded down, at least 1: a plan's limits grow together
    /// (Smartlead's Pro plan doubles the per-minute and per-second ones), and a user who lowers
    /// the rate to leave room for another program lowers every window with it.
    /// </summary>
    public void ChangeRateLimit(int limit, TimeSpan window)
    {
        var factor = (limit / window.TotalSeconds) / (RateLimit / RateLimitWindow.TotalSeconds);
        FurtherRateLimits = FurtherRateLimits
            // The nudge keeps a product that should be whole (1000 × 0.3 / 0.3) from losing a request to rounding.
            .Select(rule => new RateLimitRule((int)Math.Max(1, Math.Min(int.MaxValue, Math.Floor(rule.Limit * factor + 1e-9))), rule.Window))
            .ToList();
        RateLimit = limit;
        RateLimitWindow = window;
    }

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

    /// <summary>Bodies larger than this are refused rather than buffered (a provider whose pages can be larger raises it in its definition).</summary>
    public long MaxResponseBytes { get; set; } = 16L * 1024 * 1024;

    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
