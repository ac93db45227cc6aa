using System.Net;
using OutreachStats.Http;
using Xunit;

namespace OutreachStats.Tests.Contract;

/// <summary>
/// A provider's real client over a <see cref="RecordingHandler"/>, aimed at Prism running the
/// provider's contract: no retries (a violation must be seen as it is) and a key of its own.
/// </summary>
internal sealed class ProviderContractHarness<TClient> : IDisposable
{
    private readonly ApiKey _key;
    private readonly ApiTransport _transport;

    public ProviderContractHarness(
        PrismValidator prism,
        Func<ApiKey, HttpMessageHandler, bool, TransportOptions, ApiTransport> createTransport,
        Func<Uri, ApiTransport, TClient> createClient)
    {
        KeyText = "contract-test-key-" + Guid.NewGuid().ToString("N");
        _key = new ApiKey(new NetworkCredential("", KeyText).SecurePassword);
        Recorder = new RecordingHandler();
        _transport = createTransport(_key, Recorder, true, new TransportOptions { MaxRetries = 0, RateLimit = 1000 });
        Client = createClient(prism.BaseUri, _transport);
    }

    public string KeyText { get; }

    public RecordingHandler Recorder { get; }

    public TClient Client { get; }

    /// <summary>Calls the client where a success is expected; a failure shows what Prism said about each request.</summary>
    public async Task<T> ExpectSuccessAsync<T>(Func<TClient, Task<T>> call)
    {
        try
        {
            return await call(Client).ConfigureAwait(false);
        }
        catch (OutreachApiException ex)
        {
            throw new Xunit.Sdk.XunitException($"The client failed ({ex.ErrorId}: {ex.Message}). Requests: {string.Join("; ", Recorder.Exchanges)}");
        }
    }

    public void Dispose()
    {
        _transport.Dispose();
        _key.Dispose();
    }
}
