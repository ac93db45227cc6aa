using System;
using System.Net.Http;
using System.Threading;
using OutreachStats.Http;
using OutreachStats.Model;
using OutreachStats.Providers;

namespace OutreachStats.Connections;

/// <summary>
/// An authenticated connection to one provider account. It shows the provider, the base URI and
/// a masked hint of the key, never the key. Each connection owns one HttpClient, reused by every
/// call made through it.
/// </summary>
public sealed class OutreachConnection : IDisposable
{
    private readonly object _gate = new();
    private readonly Func<HttpMessageHandler> _createHandler;
    private readonly TransportOptions _options;
    private ApiTransport? _transport;
    private bool _closed;

    /// <param name="options">The limits, retries and timeouts of this connection (see <see cref="DefaultOptions"/>); not changed afterwards.</param>
    internal OutreachConnection(OutreachProvider provider, Uri baseUri, ApiKey key, DateTime connectedAt, TransportOptions options, Func<HttpMessageHandler>? createHandler = null)
    {
        Provider = provider;
        BaseUri = baseUri;
        Key = key;
        ConnectedAt = connectedAt;
        _options = options;
        _createHandler = createHandler ?? (() => ApiTransport.CreateDefaultHandler(baseUri));
    }

    public OutreachProvider Provider { get; }

    /// <summary>The server URL the endpoints' paths are appended to.</summary>
    public Uri BaseUri { get; }

    /// <summary>The key's last characters, masked, to tell connections apart.</summary>
    public string KeyHint => Key.Hint;

    /// <summary>When Connect-OutreachProvider made this connection (local time).</summary>
    public DateTime ConnectedAt { get; }

    /// <summary>True once Disconnect-OutreachProvider closed it; a closed connection cannot be used.</summary>
    public bool IsClosed
    {
        get { lock (_gate) return _closed; }
    }

    /// <summary>Requests this connection sends per <see cref="RateLimitWindow"/>, shared by every runspace using the same key.</summary>
    public int RateLimit => _options.RateLimit;

    public TimeSpan RateLimitWindow => _options.RateLimitWindow;

    /// <summary>
    /// Every limit this connection holds the key to, <see cref="RateLimit"/> per
    /// <see cref="RateLimitWindow"/> first: "60 requests per 60 s, 1000 per 3600 s and 10 per 1 s"
    /// for Smartlead, whose hourly and per-second limits scale with -RateLimit.
    /// </summary>
    public string RateLimits => RateLimitRule.Describe(_options.RateLimits);

    /// <summary>Retries after the first attempt for transient failures.</summary>
    public int MaximumRetryCount => _options.MaxRetries;

    /// <summary>The first backoff between attempts; it doubles each retry, with jitter.</summary>
    public TimeSpan RetryBaseDelay => _options.RetryBaseDelay;

    /// <summary>The longest Retry-After waited out; a longer one is reported as an error with the time to retry.</summary>
    public TimeSpan MaximumRetryAfter => _options.MaxRetryAfter;

    /// <summary>How long one attempt may take, once it has its place in the rate budget.</summary>
    public TimeSpan AttemptTimeout => _options.AttemptTimeout;

    /// <summary>How long one call may take in all: attempts, backoff and rate-limit waits.</summary>
    public TimeSpan CallTimeout => _options.CallTimeout;

    internal ApiKey Key { get; }

    /// <summary>The provider's default server URL, from its documentation.</summary>
    public static Uri DefaultBaseUri(OutreachProvider provider) => ProviderTable.For(provider).DocumentedBaseUri;

    /// <summary>The provider's documented rate limit with the module's default retries and timeouts.</summary>
    internal static TransportOptions DefaultOptions(OutreachProvider provider) => ProviderTable.For(provider).DefaultOptions();

    /// <summary>The provider's client on this connection's transport.</summary>
    internal TClient CreateClient<TClient>() where TClient : ProviderClient => (TClient)Definition.CreateClient(BaseUri, Transport());

    private ProviderDefinition Definition => ProviderTable.For(Provider);

    public override string ToString() => $"{Provider} {BaseUri} ({KeyHint})";

    /// <summary>Closes the connection: its HTTP client is released and its key forgotten.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_closed) return;
            _closed = true;
            _transport?.Dispose();
            _transport = null;
            Key.Dispose();
        }
    }

    private ApiTransport Transport()
    {
        lock (_gate)
        {
            if (_closed) throw new ObjectDisposedException(nameof(OutreachConnection), $"This {Provider} connection was closed.");
            return _transport ??= Definition.CreateTransport(Key, _createHandler(), true, _options);
        }
    }
}
