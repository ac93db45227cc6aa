using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace OutreachStats.Http;

/// <summary>
/// A sliding-window request budget: at most <see cref="Limit"/> requests start in any span of
/// <see cref="Window"/>. A sliding window also keeps every fixed window the server may count in
/// under the limit. Waiters queue; none is rejected.
/// </summary>
internal sealed class RequestBudget
{
    private static readonly ConcurrentDictionary<string, RequestBudget> SharedBudgets = new();

    private readonly TimeProvider _time;
    private readonly Queue<long> _recentStarts = new();
    private readonly object _gate = new();

    public RequestBudget(int limit, TimeSpan window, TimeProvider time)
    {
        if (limit < 1) throw new ArgumentOutOfRangeException(nameof(limit));
        if (window <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(window));
        Limit = limit;
        Window = window;
        _time = time;
    }

    public int Limit { get; }

    public TimeSpan Window { get; }

    /// <summary>
    /// The budget of one API key, shared by every connection and runspace in the process that
    /// uses the key, so parallel runspaces together stay under the provider's limit.
    /// </summary>
    public static RequestBudget ForKey(string provider, string keyFingerprint, int limit, TimeSpan window, TimeProvider time) =>
        SharedBudgets.GetOrAdd(provider + "/" + keyFingerprint + "/" + limit + "/" + window.Ticks, _ => new RequestBudget(limit, window, time));

    /// <summary>Waits until a request may start, then counts it. Reports any wait through <paramref name="onWait"/>.</summary>
    public async Task AcquireAsync(CancellationToken cancellationToken, Action<TimeSpan>? onWait = null)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_gate)
            {
                var now = _time.GetTimestamp();
                while (_recentStarts.Count > 0 && Elapsed(_recentStarts.Peek(), now) >= Window)
                {
                    _recentStarts.Dequeue();
                }
                if (_recentStarts.Count < Limit)
                {
                    _recentStarts.Enqueue(now);
                    return;
                }
                wait = Window - Elapsed(_recentStarts.Peek(), now);
            }
            onWait?.Invoke(wait);
            await _time.Delay(wait, cancellationToken).ConfigureAwait(false);
        }
    }

    private TimeSpan Elapsed(long from, long to) => _time.GetElapsedTime(from, to);
}
