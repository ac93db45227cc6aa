using System;
using System.Net.Http;
using System.Threading;
using OutreachStats.Http;
using OutreachStats.Model;
using OutreachStats.Providers.Leadlex;
using OutreachStats.Providers.Leadterra;
using OutreachStats.Providers.Lemlist;
using OutreachStats.Providers.Smartlead;

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
    private ApiTransport? _transport;
    private bool _closed;

    internal OutreachConnection(OutreachProvider provider, Uri baseUri, ApiKey key, DateTime connectedAt, Func<HttpMessageHandler>? createHandler = null)
    {
        Provider = provider;
        BaseUri = baseUri;
        Key = key;
        ConnectedAt = connectedAt;
        _createHandler = createHandler ?? ApiTransport.CreateDefaultHandler;
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

    internal ApiKey Key { get; }

    /// <summary>The provider's default server URL, from its documentation.</summary>
    public static Uri DefaultBaseUri(OutreachProvider provider) => provider switch
    {
        OutreachProvider.Lemlist => LemlistClient.DefaultBaseUri,
        OutreachProvider.Smartlead => SmartleadClient.DefaultBaseUri,
        OutreachProvider.Leadlex => LeadlexClient.DefaultBaseUri,
        OutreachProvider.Leadterra => LeadterraClient.DefaultBaseUri,
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };

    internal LemlistClient CreateLemlistClient() => new(BaseUri, Transport(LemlistClient.DefaultOptions, LemlistClient.CreateTransport));

    internal SmartleadClient CreateSmartleadClient() => new(BaseUri, Transport(SmartleadClient.DefaultOptions, SmartleadClient.CreateTransport));

    internal LeadlexClient CreateLeadlexClient() => new(BaseUri, Transport(LeadlexClient.DefaultOptions, LeadlexClient.CreateTransport));

    internal LeadterraClient CreateLeadterraClient() => new(BaseUri, Transport(LeadterraClient.DefaultOptions, LeadterraClient.CreateTransport));

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

    private ApiTransport Transport(Func<TransportOptions> options, Func<ApiKey, HttpMessageHandler, bool, TransportOptions, ApiTransport> create)
    {
        lock (_gate)
        {
            if (_closed) throw new ObjectDisposedException(nameof(OutreachConnection), $"This {Provider} connection was closed by Disconnect-OutreachProvider; run Connect-OutreachProvider again.");
            return _transport ??= create(Key, _createHandler(), true, options());
        }
    }
}
