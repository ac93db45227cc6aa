using System;
using OutreachStats.Http;
using OutreachStats.Model;

namespace OutreachStats.Providers.Smartlead;

/// <summary>Smartlead, as its API documentation describes it.</summary>
internal static class SmartleadProvider
{
    /// <summary>
    /// Smartlead's published limits (standard plan, guide "Rate limits"): 60 requests per minute,
    /// 1,000 per hour and bursts of at most 10 per second, per key, all at once. -RateLimit sets
    /// the per-minute one and the others scale with it (<see cref="TransportOptions.ChangeRateLimit"/>).
    /// </summary>
    public static readonly ProviderDefinition Definition = new(
        OutreachProvider.Smartlead,
        "Smartlead",
        new Uri("https://server.smartlead.ai"),
        "a whole number such as 12345",
        () => new TransportOptions
        {
            RateLimit = 60,
            RateLimitWindow = TimeSpan.FromSeconds(60),
            FurtherRateLimits = new[] { new RateLimitRule(1000, TimeSpan.FromHours(1)), new RateLimitRule(10, TimeSpan.FromSeconds(1)) },
            MaxResponseBytes = MaxPageBytes,
            // Once a key's 1,000 requests of an hour are spent, the next waits for the hour's first
            // answer to leave the window: up to an hour in the budget, with the module's usual ten
            // minutes of retries and backoff on top, so a long run waits rather than times out.
            CallTimeout = TimeSpan.FromMinutes(70),
        },
        (baseUri, transport) => new SmartleadClient(baseUri, transport))
    {
        // A 429 says how long to wait in its body ({"error":{"code":"RATE_LIMIT_EXCEEDED","retry_after":30}}).
        RetryAfterInBody = body => ProviderErrorBody.Read(body).RetryAfter,
    };

    /// <summary>
    /// The largest page read: a page of <see cref="SmartleadClient.MaxPageSize"/> per-send rows,
    /// each with a message body of some 20 KB (a long HTML email) that JSON escaping can double
    /// (every quote and backslash of the HTML escaped), plus about 1 KB of the row's other fields,
    /// comes to about 41 MB; 64 MiB reads it with room to spare and still refuses a runaway answer.
    /// The bytes arrive even when -IncludeMessage is not given: the body is dropped only after parsing.
    /// </summary>
    public const long MaxPageBytes = 64L * 1024 * 1024;
}
