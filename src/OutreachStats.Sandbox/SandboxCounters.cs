namespace OutreachStats.Sandbox;

/// <summary>
/// What the sandbox has served, per provider and endpoint, for tests and benchmarks to read:
/// requests, statuses, 429s, requests per key and the most campaign IDs one request asked for.
/// </summary>
public sealed class SandboxCounters
{
    private readonly Lock _gate = new();
    private readonly Dictionary<SandboxProvider, ProviderTally> _providers = new();

    /// <summary>A copy of the counts at this moment.</summary>
    public CountersSnapshot Snapshot()
    {
        lock (_gate)
        {
            return new CountersSnapshot(SandboxProviders.All.ToDictionary(
                p => p.Name(),
                p => _providers.TryGetValue(p, out var tally) ? tally.Freeze() : ProviderCounters.None));
        }
    }

    /// <summary>Back to zero.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _providers.Clear();
        }
    }

    internal void Record(SandboxProvider provider, string endpoint, string? key, int status, int campaignIds, bool faulted)
    {
        lock (_gate)
        {
            if (!_providers.TryGetValue(provider, out var tally)) _providers[provider] = tally = new ProviderTally();
            tally.Add(endpoint, key ?? "(none)", status, campaignIds, faulted);
        }
    }

    private sealed class ProviderTally
    {
        private readonly Dictionary<string, EndpointTally> _endpoints = new(StringComparer.Ordinal);
        private readonly Dictionary<string, long> _keys = new(StringComparer.Ordinal);
        private long _faults;

        public void Add(string endpoint, string key, int status, int campaignIds, bool faulted)
        {
            if (!_endpoints.TryGetValue(endpoint, out var tally)) _endpoints[endpoint] = tally = new EndpointTally();
            tally.Requests++;
            tally.Statuses[status] = tally.Statuses.GetValueOrDefault(status) + 1;
            tally.MaxCampaignIds = Math.Max(tally.MaxCampaignIds, campaignIds);
            _keys[key] = _keys.GetValueOrDefault(key) + 1;
            if (faulted) _faults++;
        }

        public ProviderCounters Freeze()
        {
            var endpoints = _endpoints.ToDictionary(
                e => e.Key,
                e => new EndpointCounters(e.Value.Requests, new Dictionary<int, long>(e.Value.Statuses), e.Value.MaxCampaignIds),
                StringComparer.Ordinal);
            return new ProviderCounters(endpoints, new Dictionary<string, long>(_keys, StringComparer.Ordinal), _faults);
        }
    }

    private sealed class EndpointTally
    {
        public long Requests { get; set; }

        public Dictionary<int, long> Statuses { get; } = new();

        public int MaxCampaignIds { get; set; }
    }
}

/// <summary>The counts of every provider, by lower-case name ("lemlist").</summary>
public sealed record CountersSnapshot(IReadOnlyDictionary<string, ProviderCounters> Providers)
{
    public ProviderCounters this[SandboxProvider provider] => Providers[provider.Name()];
}

/// <summary>One provider's counts; the totals add up its endpoints.</summary>
public sealed record ProviderCounters(
    IReadOnlyDictionary<string, EndpointCounters> Endpoints,
    IReadOnlyDictionary<string, long> RequestsPerKey,
    long FaultsInjected)
{
    internal static readonly ProviderCounters None = new(new Dictionary<string, EndpointCounters>(), new Dictionary<string, long>(), 0);

    public long Requests => Endpoints.Values.Sum(e => e.Requests);

    /// <summary>429 answers, whether from the rate limit or a scripted fault.</summary>
    public long RateLimited => Status(429);

    public int MaxCampaignIds => Endpoints.Values.Select(e => e.MaxCampaignIds).DefaultIfEmpty(0).Max();

    public long Status(int status) => Endpoints.Values.Sum(e => e.Statuses.GetValueOrDefault(status));
}

/// <summary>
/// One endpoint's counts, by its documented route ("/v2/campaigns/stats/batch").
/// <see cref="MaxCampaignIds"/> is the most IDs one request named (a lemlist batch's size).
/// </summary>
public sealed record EndpointCounters(long Requests, IReadOnlyDictionary<int, long> Statuses, int MaxCampaignIds)
{
    public long RateLimited => Statuses.GetValueOrDefault(429);
}
