using System;
using OutreachStats.Http;
using OutreachStats.Model;

namespace OutreachStats.Providers.Smartlead;

/// <summary>Smartlead, as its API documentation describes it.</summary>
internal static class SmartleadProvider
{
    /// <summary>Smartlead's published limit: 60 requests per minute per key.</summary>
    public static readonly ProviderDefinition Definition = new(
        OutreachProvider.Smartlead,
        "Smartlead",
        new Uri("https://server.smartlead.ai"),
        "a whole number such as 12345",
        () => new TransportOptions { RateLimit = 60, RateLimitWindow = TimeSpan.FromSeconds(60) },
        (baseUri, transport) => new SmartleadClient(baseUri, transport));
}
