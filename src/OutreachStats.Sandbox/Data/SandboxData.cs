namespace OutreachStats.Sandbox.Data;

/// <summary>The generated world: every provider's campaigns and the moment the activity stops.</summary>
internal sealed class SandboxData
{
    private readonly Dictionary<SandboxProvider, CampaignCatalog> _catalogs;

    public SandboxData(SandboxOptions options)
    {
        Seed = options.Seed;
        DataEnd = options.DataEnd.ToUnixTimeSeconds();
        _catalogs = SandboxProviders.All.ToDictionary(p => p, p => CampaignCatalog.Create(p, options.Seed, options.CampaignsPerProvider));
    }

    public long Seed { get; }

    /// <summary>Unix seconds.</summary>
    public long DataEnd { get; }

    public CampaignCatalog Catalog(SandboxProvider provider) => _catalogs[provider];
}
