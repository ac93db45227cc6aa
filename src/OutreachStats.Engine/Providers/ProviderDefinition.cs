using System;
using System.Collections.Generic;
using System.Net.Http;
using OutreachStats.Http;
using OutreachStats.Model;

namespace OutreachStats.Providers;

/// <summary>
/// Everything the shared code knows of one provider, in one place: its names, documented server
/// URL, default limits and the checks on them, what its keys may hold, the names and meanings of
/// its documented errors (see <see cref="ErrorTable"/>), and how its client is made. Each
/// provider's folder holds its definition; <see cref="ProviderTable"/> lists them.
/// </summary>
internal sealed class ProviderDefinition
{
    private readonly Func<TransportOptions> _defaultOptions;
    private readonly Func<Uri, ApiTransport, ProviderClient> _createClient;

    public ProviderDefinition(
        OutreachProvider provider,
        string name,
        Uri documentedBaseUri,
        string campaignIdExample,
        Func<TransportOptions> defaultOptions,
        Func<Uri, ApiTransport, ProviderClient> createClient)
    {
        Provider = provider;
        Name = name;
        DocumentedBaseUri = documentedBaseUri;
        CampaignIdExample = campaignIdExample;
        _defaultOptions = defaultOptions;
        _createClient = createClient;
    }

    public OutreachProvider Provider { get; }

    /// <summary>The first part of every ErrorId, as in <c>LemlistCampaignNotFound</c>.</summary>
    public string Id => Provider.ToString();

    /// <summary>The provider's name as its users write it, for messages ("lemlist").</summary>
    public string Name { get; }

    public Uri DocumentedBaseUri { get; }

    /// <summary>How the provider's campaign IDs look, for the not-found message (as in "cam_…").</summary>
    public string CampaignIdExample { get; }

    /// <summary>
    /// Why limits asked for would break the provider's own, or null: lemlist's 20 per 2 s must
    /// hold in every 2 s whatever window is asked for. None by default.
    /// </summary>
    public Func<TransportOptions, string?> LimitProblem { get; set; } = _ => null;

    /// <summary>False when the provider publishes no rate limit and the default is the module's own choice (Leadlex, Leadterra): progress then says so when it paces a run.</summary>
    public bool RateLimitIsPublished { get; set; } = true;

    /// <summary>Why a key cannot travel the way the provider takes it (a header takes ASCII only), or null.</summary>
    public Func<string, string?> KeyProblem { get; set; } = _ => null;

    /// <summary>Where the provider documents its own code for a kind, the ErrorId carries it: Leadlex's insufficient_permissions is LeadlexInsufficientPermissions.</summary>
    public IReadOnlyDictionary<OutreachErrorKind, string> DocumentedErrorNames { get; set; } = new Dictionary<OutreachErrorKind, string>();

    /// <summary>The provider's own reading of a failed answer, where it differs from <see cref="ErrorTable"/>'s; null to keep the table's.</summary>
    public Func<FailedAnswer, OutreachErrorKind?> KindOverride { get; set; } = _ => null;

    /// <summary>Which failures are the key's, for every campaign (a missing permission, lemlist's Bad team), beyond a rejected key.</summary>
    public Func<FailedAnswer, OutreachErrorKind, bool> IsTheKeys { get; set; } = (_, _) => false;

    /// <summary>What a 403 means with this provider; those that document the permission say which.</summary>
    public string AccessDeniedMeaning { get; set; } = "The key lacks a permission this call needs.";

    /// <summary>The wait a 429's body asks for, where the provider documents one (read when there is no Retry-After header); none by default.</summary>
    public Func<string, TimeSpan?>? RetryAfterInBody { get; set; }

    public TransportOptions DefaultOptions() => _defaultOptions();

    public string ErrorName(OutreachErrorKind kind) => DocumentedErrorNames.TryGetValue(kind, out var name) ? name : kind.ToString();

    public ApiTransport CreateTransport(ApiKey key, HttpMessageHandler handler, bool disposeHandler, TransportOptions options) =>
        new(Id, Name, key, handler, disposeHandler, options, RetryAfterInBody);

    public ProviderClient CreateClient(Uri baseUri, ApiTransport transport) => _createClient(baseUri, transport);
}
