namespace OutreachStats.Sandbox;

/// <summary>At most <paramref name="Limit"/> requests per key in each fixed window of <paramref name="Window"/>.</summary>
public sealed record RateLimit(int Limit, TimeSpan Window)
{
    /// <summary>lemlist's documented limit: 20 requests per 2 seconds per API key.</summary>
    public static readonly RateLimit Lemlist = new(20, TimeSpan.FromSeconds(2));

    /// <summary>The sandbox's default for Smartlead, whose docs give no number: 60 per minute per key.</summary>
    public static readonly RateLimit Smartlead = new(60, TimeSpan.FromMinutes(1));
}
