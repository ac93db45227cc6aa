namespace OutreachStats.Sandbox;

/// <summary>
/// A request to a provider's URL (or to a path no provider serves) as it arrived, before any
/// latency, fault or answer: what the client really sent.
/// </summary>
/// <param name="Provider">The provider whose base URL the path is under; null for a path under none.</param>
/// <param name="Endpoint">The documented route it matched ("/v2/campaigns/stats/batch"); null for a path no provider serves.</param>
/// <param name="Path">The whole path under the sandbox root, as sent ("/lemlist/api/v2/campaigns/cam_123/stats").</param>
/// <param name="Query">The query parameters, decoded (a repeated one has its values joined by commas).</param>
/// <param name="Key">The key as the provider reads it (lemlist's Basic password, Smartlead's api_key, a Bearer token), or null.</param>
/// <param name="CampaignIds">The campaigns it names: the path's ID, or a lemlist batch's campaignIds.</param>
/// <param name="ArrivedAt">When it arrived, on the sandbox's clock (<see cref="SandboxOptions.TimeProvider"/>).</param>
public sealed record SandboxRequest(
    SandboxProvider? Provider,
    string? Endpoint,
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Query,
    string? Authorization,
    string? Key,
    string? Body,
    IReadOnlyList<string> CampaignIds,
    DateTimeOffset ArrivedAt);

/// <summary>
/// The latest requests to the providers' URLs, oldest first: what a test asserts about the exact
/// requests a client sent (the counters keep only numbers). Control requests (/_sandbox) are not
/// kept. Thread-safe; bounded to <see cref="DefaultCapacity"/>, so a sandbox that runs for days
/// keeps only the latest.
/// </summary>
public sealed class SandboxRequests
{
    public const int DefaultCapacity = 20_000;

    private readonly Lock _gate = new();
    private readonly Queue<SandboxRequest> _requests = new();
    private readonly int _capacity;

    internal SandboxRequests(int capacity = DefaultCapacity) => _capacity = capacity;

    /// <summary>How many requests are kept now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _requests.Count;
            }
        }
    }

    /// <summary>A copy of the kept requests, in arrival order.</summary>
    public IReadOnlyList<SandboxRequest> Snapshot()
    {
        lock (_gate)
        {
            return _requests.ToList();
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _requests.Clear();
        }
    }

    internal void Record(SandboxRequest request)
    {
        lock (_gate)
        {
            if (_requests.Count == _capacity) _requests.Dequeue();
            _requests.Enqueue(request);
        }
    }
}
