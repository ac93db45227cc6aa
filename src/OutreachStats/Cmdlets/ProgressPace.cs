using System;
using OutreachStats.Connections;
using OutreachStats.Providers;

namespace OutreachStats.Cmdlets;

/// <summary>
/// How fast a command can go at most: the key's rate budget over the requests its campaigns
/// need, for the progress record's SecondsRemaining and for saying when a limit the provider
/// does not publish (the module's own default) is what paces the run.
/// </summary>
internal sealed class ProgressPace
{
    private readonly double _requestsPerSecond;
    private readonly int _campaignsPerRequest;
    private readonly int _limit;

    private ProgressPace(double requestsPerSecond, int campaignsPerRequest, int limit, string? defaultLimitNote)
    {
        _requestsPerSecond = requestsPerSecond;
        _campaignsPerRequest = campaignsPerRequest;
        _limit = limit;
        DefaultLimitNote = defaultLimitNote;
    }

    /// <summary>
    /// The pace of <paramref name="connection"/> for campaigns that take one request per
    /// <paramref name="campaignsPerRequest"/>. The note is set when the connection keeps the
    /// provider's default limit and the provider publishes none, so a user knows it can be raised.
    /// </summary>
    public static ProgressPace For(OutreachConnection connection, int campaignsPerRequest)
    {
        var definition = ProviderTable.For(connection.Provider);
        var defaults = definition.DefaultOptions();
        var seconds = connection.RateLimitWindow.TotalSeconds;
        var keepsUnpublishedDefault = !definition.RateLimitIsPublished
            && connection.RateLimit == defaults.RateLimit && connection.RateLimitWindow == defaults.RateLimitWindow;
        var note = keepsUnpublishedDefault
            ? $"paced by {definition.Name}'s default of {connection.RateLimit} requests per {seconds:0.###} s, the module's choice ({definition.Name} publishes no limit): if your plan allows more, raise it with Connect-OutreachProvider -RateLimit"
            : null;
        return new ProgressPace(connection.RateLimit / seconds, campaignsPerRequest, connection.RateLimit, note);
    }

    /// <summary>Why the run is slow when the module's own default limit paces it; null otherwise.</summary>
    public string? DefaultLimitNote { get; }

    /// <summary>
    /// Seconds until <paramref name="remaining"/> campaigns are done: what the budget allows at
    /// best, or what the run has taken per campaign so far (<paramref name="done"/> in
    /// <paramref name="elapsed"/>) when that is slower.
    /// </summary>
    public int SecondsRemaining(int remaining, int done, TimeSpan elapsed)
    {
        var requests = (remaining + _campaignsPerRequest - 1) / _campaignsPerRequest;
        var byBudget = requests / _requestsPerSecond;
        var bySoFar = done > 0 ? elapsed.TotalSeconds / done * remaining : 0;
        return (int)Math.Ceiling(Math.Max(byBudget, bySoFar));
    }

    /// <summary>Whether <paramref name="campaigns"/> need more requests than one window of the budget holds: then the limit, not the server, paces them.</summary>
    public bool BudgetBinds(int campaigns) => (campaigns + _campaignsPerRequest - 1) / _campaignsPerRequest > _limit;
}
