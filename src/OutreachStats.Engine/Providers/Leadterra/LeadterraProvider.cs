using System;
using System.Collections.Generic;
using OutreachStats.Http;
using OutreachStats.Model;

namespace OutreachStats.Providers.Leadterra;

/// <summary>Leadterra, as its API documentation describes it.</summary>
internal static class LeadterraProvider
{
    /// <summary>Leadterra publishes no rate limit: the module keeps each key to 60 requests per minute and honours Retry-After.</summary>
    public static readonly ProviderDefinition Definition = new(
        OutreachProvider.Leadterra,
        "Leadterra",
        new Uri("https://app.leadterra.co"),
        "camp_…",
        () => new TransportOptions { RateLimit = 60, RateLimitWindow = TimeSpan.FromSeconds(60) },
        (baseUri, transport) => new LeadterraClient(baseUri, transport))
    {
        RateLimitIsPublished = false,
        KeyProblem = ProviderKeys.BearerProblem,
        DocumentedErrorNames = new Dictionary<OutreachErrorKind, string>
        {
            [OutreachErrorKind.BadRequest] = "InvalidRequest",
            [OutreachErrorKind.KeyRejected] = "AuthenticationFailed",
        },
    };
}
