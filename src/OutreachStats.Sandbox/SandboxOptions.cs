namespace OutreachStats.Sandbox;

/// <summary>How a sandbox starts: its data, its address and its scripted behaviour.</summary>
public sealed record SandboxOptions
{
    /// <summary>The 127.0.0.1 port; 0 takes a free one (tests running in parallel never clash).</summary>
    public int Port { get; init; }

    /// <summary>Same seed, same campaigns and numbers, on every run and machine.</summary>
    public long Seed { get; init; } = 42;

    /// <summary>Generated campaigns per provider, besides the IDs the providers' docs use as examples.</summary>
    public int CampaignsPerProvider { get; init; } = 5000;

    /// <summary>
    /// The moment the generated activity stops, as if the data had been read then. Fixed (not now) so
    /// that the numbers do not change from one day to the next; activity spans the two years before it.
    /// </summary>
    public DateTimeOffset DataEnd { get; init; } = new(2026, 6, 30, 0, 0, 0, TimeSpan.Zero);

    /// <summary>How Smartlead campaigns pick their row shape.</summary>
    public SmartleadShape SmartleadShape { get; init; } = SmartleadShape.PerCampaign;

    /// <summary>lemlist's limit; its four rate-limit headers are on every lemlist response.</summary>
    public RateLimit LemlistRateLimit { get; init; } = RateLimit.Lemlist;

    /// <summary>Smartlead's limit (null: none).</summary>
    public RateLimit? SmartleadRateLimit { get; init; } = RateLimit.Smartlead;

    /// <summary>Leadlex's limit (null: none); past it Leadlex answers 429 rate_limited.</summary>
    public RateLimit? LeadlexRateLimit { get; init; }

    /// <summary>Leadterra's limit (null: none).</summary>
    public RateLimit? LeadterraRateLimit { get; init; }

    /// <summary>Added before every provider response.</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>The clock of the rate-limit windows; tests pass a fake one.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Log each request to the console (off: the sandbox logs warnings and errors only).</summary>
    public bool Verbose { get; init; }

    internal RateLimit? RateLimitOf(SandboxProvider provider) => provider switch
    {
        SandboxProvider.Lemlist => LemlistRateLimit,
        SandboxProvider.Smartlead => SmartleadRateLimit,
        SandboxProvider.Leadlex => LeadlexRateLimit,
        _ => LeadterraRateLimit,
    };
}
