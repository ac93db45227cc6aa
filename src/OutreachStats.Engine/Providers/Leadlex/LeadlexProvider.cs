using System;
using System.Collections.Generic;
using OutreachStats.Http;
using OutreachStats.Model;

namespace OutreachStats.Providers.Leadlex;

/// <summary>Leadlex, as its API documentation describes it.</summary>
internal static class LeadlexProvider
{
    /// <summary>
    /// Leadlex publishes no rate limit (only that it answers 429 rate_limited): the module keeps
    /// each key to 60 requests per minute, the limit Smartlead publishes, and honours Retry-After.
    /// </summary>
    public static readonly ProviderDefinition Definition = new(
        OutreachProvider.Leadlex,
        "Leadlex",
        new Uri("https://data.leadlex.com/functions/v1/api-gateway"),
        "a UUID, or cmp_… as in Leadlex's own example",
        () => new TransportOptions { RateLimit = 60, RateLimitWindow = TimeSpan.FromSeconds(60) },
        (baseUri, transport) => new LeadlexClient(baseUri, transport))
    {
        RateLimitIsPublished = false,
        KeyProblem = ProviderKeys.BearerProblem,
        DocumentedErrorNames = new Dictionary<OutreachErrorKind, string>
        {
            [OutreachErrorKind.KeyRejected] = "InvalidKey",
            [OutreachErrorKind.AccessDenied] = "InsufficientPermissions",
        },
        // Leadlex documents one 403, insufficient_permissions: the key lacks campaigns:read, for every campaign.
        IsTheKeys = (_, kind) => kind == OutreachErrorKind.AccessDenied,
        AccessDeniedMeaning = "The API key lacks the campaigns:read permission that this endpoint requires: give the key that permission in Leadlex, or use a key that has it.",
    };
}
