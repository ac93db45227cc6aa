namespace OutreachStats.Sandbox.Hosting;

/// <summary>Where a key stands in its window after a request.</summary>
internal readonly record struct RateDecision(bool Allowed, int Limit, int Remaining, DateTimeOffset ResetAt, TimeSpan RetryAfter)
{
    /// <summary>Whole seconds until the window frees, rounded up, as Retry-After carries them.</summary>
    public int RetryAfterSeconds => (int)Math.Ceiling(RetryAfter.TotalSeconds);
}

/// <summary>
/// Fixed windows per provider and key: a window opens with a key's first request and lasts the
/// limit's window; requests past the limit in it are refused until it ends. Rejected requests count
/// too, as they do at a server that counts before it answers.
/// </summary>
internal sealed class RateLimiter
{
    private readonly TimeProvider _clock;
    private readonly Dictionary<(SandboxProvider, string), Window> _windows = new();
    private readonly Lock _gate = new();

    public RateLimiter(TimeProvider clock) => _clock = clock;

    public RateDecision Check(SandboxProvider provider, string key, RateLimit limit)
    {
        var now = _clock.GetUtcNow();
        lock (_gate)
        {
            if (!_windows.TryGetValue((provider, key), out var window) || now >= window.Start + limit.Window)
            {
                window = new Window { Start = now };
                _windows[(provider, key)] = window;
            }
            window.Count++;
            var resetAt = window.Start + limit.Window;
            return new RateDecision(window.Count <= limit.Limit, limit.Limit, Math.Max(0, limit.Limit - window.Count), resetAt, resetAt - now);
        }
    }

    private sealed class Window
    {
        public DateTimeOffset Start { get; init; }

        public int Count { get; set; }
    }
}
