namespace OutreachStats.Sandbox.Data;

/// <summary>What a generator is drawn for, so that no two purposes share draws.</summary>
internal enum Stream : ulong
{
    Id = 1,
    Plan,
    Lead,
    Team,
    Content,
}

/// <summary>One campaign of one provider: everything about it follows from these three.</summary>
internal readonly record struct CampaignKey(long Seed, SandboxProvider Provider, int Index)
{
    public Prng Generator(Stream stream, ulong detail = 0) => Prng.For(Seed, (ulong)Provider + 1, (ulong)Index + 1, (ulong)stream, detail);
}

/// <summary>
/// The campaigns of one provider, in a fixed order: first the IDs the provider's docs use in their
/// examples (so a request copied from the docs works), then the generated ones.
/// </summary>
internal sealed class CampaignCatalog
{
    private readonly Dictionary<string, int> _indexById;

    private CampaignCatalog(SandboxProvider provider, long seed, List<string> ids)
    {
        Provider = provider;
        Seed = seed;
        Ids = ids;
        _indexById = new Dictionary<string, int>(ids.Count, StringComparer.Ordinal);
        for (var i = 0; i < ids.Count; i++) _indexById.Add(ids[i], i);
    }

    public SandboxProvider Provider { get; }

    public long Seed { get; }

    public IReadOnlyList<string> Ids { get; }

    public static CampaignCatalog Create(SandboxProvider provider, long seed, int generated)
    {
        var ids = new List<string>(DocumentedIds(provider));
        var documented = ids.Count;
        var taken = new HashSet<string>(ids, StringComparer.Ordinal);
        for (var index = documented; index < documented + generated; index++)
        {
            var key = new CampaignKey(seed, provider, index);
            for (ulong attempt = 0; ; attempt++)
            {
                var rng = key.Generator(Stream.Id, attempt);
                var id = NewId(provider, ref rng);
                if (taken.Add(id))
                {
                    ids.Add(id);
                    break;
                }
            }
        }
        return new CampaignCatalog(provider, seed, ids);
    }

    public bool TryFind(string id, out CampaignKey key)
    {
        // Leadlex IDs are UUIDs, which compare without regard to case.
        var lookup = Provider == SandboxProvider.Leadlex ? id.ToLowerInvariant() : id;
        if (_indexById.TryGetValue(lookup, out var index))
        {
            key = new CampaignKey(Seed, Provider, index);
            return true;
        }
        key = default;
        return false;
    }

    public CampaignKey KeyAt(int index) => new(Seed, Provider, index);

    /// <summary>The IDs in the providers' own examples.</summary>
    private static string[] DocumentedIds(SandboxProvider provider) => provider switch
    {
        SandboxProvider.Lemlist => ["cam_123", "cam_456"],
        SandboxProvider.Smartlead => ["123", "12345"],
        SandboxProvider.Leadlex => ["cmp_abc123"],
        _ => ["camp_123"],
    };

    /// <summary>IDs in each provider's style: lemlist cam_ and 17 letters or digits; Smartlead integers;
    /// Leadlex UUIDs (the docs' word) and some cmp_ IDs (their example's form); Leadterra camp_.</summary>
    private static string NewId(SandboxProvider provider, ref Prng rng) => provider switch
    {
        SandboxProvider.Lemlist => "cam_" + rng.Alphanumeric(17),
        SandboxProvider.Smartlead => rng.Between(1_000_000, 3_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture),
        SandboxProvider.Leadlex => rng.Chance(0.8) ? rng.Uuid() : "cmp_" + rng.LowerAlphanumeric(rng.Between(6, 10)),
        _ => "camp_" + rng.LowerAlphanumeric(20),
    };
}
