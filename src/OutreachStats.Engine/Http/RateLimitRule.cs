using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace OutreachStats.Http;

/// <summary>One published limit: at most <see cref="Limit"/> requests in any <see cref="Window"/>.</summary>
internal sealed class RateLimitRule
{
    public RateLimitRule(int limit, TimeSpan window)
    {
        if (limit < 1) throw new ArgumentOutOfRangeException(nameof(limit));
        if (window <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(window));
        Limit = limit;
        Window = window;
    }

    public int Limit { get; }

    public TimeSpan Window { get; }

    /// <summary>"60 per 60 s".</summary>
    public override string ToString() => Limit.ToString(CultureInfo.InvariantCulture) + " per " + Seconds;

    private string Seconds => Window.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";

    /// <summary>"60 requests per 60 s, 1000 per 3600 s and 10 per 1 s", for messages.</summary>
    public static string Describe(IReadOnlyList<RateLimitRule> rules)
    {
        var first = rules[0].Limit.ToString(CultureInfo.InvariantCulture) + " requests per " + rules[0].Seconds;
        if (rules.Count == 1) return first;
        var rest = rules.Skip(1).Select(rule => rule.ToString()).ToList();
        return rest.Count == 1 ? first + " and " + rest[0] : first + ", " + string.Join(", ", rest.Take(rest.Count - 1)) + " and " + rest[rest.Count - 1];
    }
}
