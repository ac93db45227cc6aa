using System;
using OutreachStats.Http;
using OutreachStats.Model;

namespace OutreachStats.Providers.Lemlist;

/// <summary>lemlist, as its OpenAPI spec documents it.</summary>
internal static class LemlistProvider
{
    /// <summary>lemlist's documented limit: 20 requests per 2 seconds per key.</summary>
    public const int DocumentedRateLimit = 20;

    public static readonly TimeSpan DocumentedRateWindow = TimeSpan.FromSeconds(2);

    public static readonly ProviderDefinition Definition = new(
        OutreachProvider.Lemlist,
        "lemlist",
        new Uri("https://api.lemlist.com/api"),
        "cam_…",
        () => new TransportOptions { RateLimit = DocumentedRateLimit, RateLimitWindow = DocumentedRateWindow },
        (baseUri, transport) => new LemlistClient(baseUri, transport))
    {
        KeyProblem = ProviderKeys.BasicProblem,
        LimitProblem = options => WithinLimit(options.RateLimit, options.RateLimitWindow) ? null
            : $"lemlist allows {DocumentedRateLimit} requests per {DocumentedRateWindow.TotalSeconds:0} s per key; {options.RateLimit} per {options.RateLimitWindow.TotalSeconds:0.###} s could send more in some {DocumentedRateWindow.TotalSeconds:0} s.",
        // lemlist says "Campaign not found" for a missing campaign; any other 404 is the address.
        KindOverride = answer => answer.Status == 404
            ? answer.Says("campaign not found") ? OutreachErrorKind.CampaignNotFound : OutreachErrorKind.EndpointNotFound
            : null,
        // lemlist's documented 400 "Bad team": the key's team cannot be used, for any campaign.
        IsTheKeys = (answer, kind) => kind == OutreachErrorKind.BadRequest && answer.Says("Bad team"),
    };

    /// <summary>
    /// A sliding window of <paramref name="limit"/> per <paramref name="window"/> lets through at
    /// most limit × ⌈2 s / window⌉ requests in any 2 s, which must not pass lemlist's 20.
    /// </summary>
    private static bool WithinLimit(int limit, TimeSpan window) =>
        (long)limit * (long)Math.Ceiling(DocumentedRateWindow.TotalSeconds / window.TotalSeconds) <= DocumentedRateLimit;
}
