using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace OutreachStats.Http;

/// <summary>
/// A sliding-window request budget: the provider never sees more than <see cref="Limit"/>
/// requests arrive in any span of <see cref="Window"/>, so every fixed window it may count in
/// stays under the limit too. A request holds its slot while in flight and for one window after
/// its answer came: a request arrives between taking its slot and its answer, so whatever the
/// network delays, no <see cref="Limit"/> + 1 arrivals fit in one window. A provider that
/// publishes several limits at once (Smartlead: per minute, per hour, per second) has each held
/// the same way, over the same answers (<see cref="Lease.FurtherLimits"/>). Waiters queue; none is
/// rejected.
/// </summary>
internal sealed class RequestBudget
{
    private static readonly object RegistryGate = new();
    private static readonly Dictionary<string, RequestBudget> Budgets = new(StringComparer.Ordinal);

    private readonly TimeProvider _time;
    // When each answer within the longest window came, oldest first.
    private readonly List<long> _recentEnds = new();
    private readonly object _gate = new();
    private readonly List<Lease> _leases = new();
    private int _limit;
    private TimeSpan _window;
    private IReadOnlyList<RateLimitRule> _furtherLimits;
    private TimeSpan _longestWindow;
    private int _inFlight;
    // What the provider said is left for this process until _allowedUntil, while another program uses the key.
    private int _allowance;
    private long _allowedUntil;
    private TaskCompletionSource<bool> _released = NewSignal();

    public RequestBudget(int limit, TimeSpan window, TimeProvider time, IReadOnlyList<RateLimitRule>? furtherLimits = null)
    {
        if (limit < 1) throw new ArgumentOutOfRangeException(nameof(limit));
        if (window <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(window));
        _limit = limit;
        _window = window;
        _furtherLimits = furtherLimits ?? Array.Empty<RateLimitRule>();
        _longestWindow = LongestWindow();
        _time = time;
    }

    public int Limit
    {
        get { lock (_gate) return _limit; }
    }

    public TimeSpan Window
    {
        get { lock (_gate) return _window; }
    }

    /// <summary>Every limit held, for messages: "60 requests per 60 s, 1000 per 3600 s and 10 per 1 s".</summary>
    public string Description
    {
        get { lock (_gate) return RateLimitRule.Describe(AllLimits()); }
    }

    /// <summary>
    /// The budget of one API key, shared by every open connection in the process that uses the
    /// key (every runspace's), so together they stay under the provider's limit. It keeps the
    /// strictest of what the open connections ask (the lowest limit, the longest window), and is
    /// recomputed when one closes (<see cref="Lease.Dispose"/>): a connection's -RateLimit lasts
    /// as long as the connection. Once no connection of the key is open, the budget lives on only
    /// until its last window has passed, so a new connection of the key inherits the requests
    /// the provider still counts, and then it is forgotten.
    /// </summary>
    public static Lease Open(string provider, string keyFingerprint, int limit, TimeSpan window, TimeProvider time, IReadOnlyList<RateLimitRule>? furtherLimits = null)
    {
        lock (RegistryGate)
        {
            foreach (var forgotten in Budgets.Where(entry => entry.Value.IsForgettable()).Select(entry => entry.Key).ToList())
            {
                Budgets.Remove(forgotten);
            }
            var id = provider + "/" + keyFingerprint;
            if (!Budgets.TryGetValue(id, out var budget))
            {
                budget = new RequestBudget(limit, window, time, furtherLimits);
                Budgets.Add(id, budget);
            }
            var lease = new Lease(budget, limit, window, furtherLimits ?? Array.Empty<RateLimitRule>());
            budget.Join(lease);
            return lease;
        }
    }

    private void Join(Lease lease)
    {
        lock (_gate)
        {
            _leases.Add(lease);
            TakeTheStrictestOfTheLeases();
        }
    }

    private void Leave(Lease lease)
    {
        TaskCompletionSource<bool> released;
        lock (RegistryGate)
        lock (_gate)
        {
            _leases.Remove(lease);
            // The last connection's limits stay while its requests may still be counted.
            if (_leases.Count == 0) return;
            TakeTheStrictestOfTheLeases();
            // A looser limit may let a waiter start now.
            released = _released;
            _released = NewSignal();
        }
        released.TrySetResult(true);
    }

    /// <summary>The lowest limit over the longest window, and of the further limits the lowest of each window any lease asks for.</summary>
    private void TakeTheStrictestOfTheLeases()
    {
        _limit = _leases.Min(l => l.Limit);
        _window = _leases.Max(l => l.Window);
        _furtherLimits = _leases.SelectMany(l => l.FurtherLimits)
            .GroupBy(rule => rule.Window)
            .Select(sameWindow => sameWindow.OrderBy(rule => rule.Limit).First())
            .ToList();
        _longestWindow = LongestWindow();
    }

    private TimeSpan LongestWindow() => _furtherLimits.Select(rule => rule.Window).Aggregate(_window, (longest, window) => window > longest ? window : longest);

    private IReadOnlyList<RateLimitRule> AllLimits() => new[] { new RateLimitRule(_limit, _window) }.Concat(_furtherLimits).ToList();

    /// <summary>No connection uses the budget and the provider counts none of its requests any more.</summary>
    private bool IsForgettable()
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            ForgetAnswersOutsideTheWindow(now);
            return _leases.Count == 0 && _inFlight == 0 && _recentEnds.Count == 0 && now >= _allowedUntil;
        }
    }

    /// <summary>
    /// This process's requests on the key that a provider may still be counting in the window of
    /// <see cref="Limit"/>: those in flight and those answered within that window
    /// (<c>Counted</c>), and of them those in flight.
    /// </summary>
    public (int Counted, int InFlight) Usage()
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            ForgetAnswersOutsideTheWindow(now);
            return (AnswersWithin(_window, now) + _inFlight, _inFlight);
        }
    }

    /// <summary>
    /// Lets no more than <paramref name="requests"/> more start within <paramref name="until"/>
    /// from now: the provider counts another program's requests on the key, and this is what it
    /// leaves. Checked as each request is about to start, so a command with many requests ready
    /// cannot spend more than is left between two answers.
    /// </summary>
    public void Allow(int requests, TimeSpan until)
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            var end = now + (long)(until.TotalSeconds * _time.TimestampFrequency);
            // Answers come back out of order: within one allowance, the least left is the truth.
            _allowance = now < _allowedUntil ? Math.Min(_allowance, requests) : requests;
            _allowedUntil = Math.Max(_allowedUntil, end);
        }
    }

    /// <summary>
    /// A wait shorter than this is not reported: it is the thread pool waking a waiter a moment
    /// after another took the slot it woke for, not the budget holding a request back, and would
    /// read "0.00 s".
    /// </summary>
    public static readonly TimeSpan ShortestReportedWait = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// Waits until a request may start and takes a slot for it. Dispose the slot once the answer
    /// has arrived or the attempt failed. A request that waited (<see cref="ShortestReportedWait"/>
    /// or more) is reported once, through <paramref name="onWaited"/>, when its slot is taken: with
    /// the whole time it waited, however many times it woke and found the slot taken by another
    /// waiter, and with true when part of the wait was for what the provider leaves (<see cref="Allow"/>).
    /// </summary>
    public async Task<IDisposable> AcquireAsync(CancellationToken cancellationToken, Action<TimeSpan, bool>? onWaited = null)
    {
        long? waitingSince = null;
        var heldAtAll = false;
        while (true)
        {
            TimeSpan? wait;
            Task released;
            Slot? slot = null;
            long now;
            lock (_gate)
            {
                now = _time.GetTimestamp();
                var held = now < _allowedUntil && _allowance <= 0;
                heldAtAll |= held;
                if (held)
                {
                    wait = _time.GetElapsedTime(now, _allowedUntil);
                    released = Task.CompletedTask;
                }
                else
                {
                    ForgetAnswersOutsideTheWindow(now);
                    wait = TimeUntilEveryLimitHasRoom(now);
                    if (wait == TimeSpan.Zero)
                    {
                        if (now < _allowedUntil) _allowance--;
                        _inFlight++;
                        slot = new Slot(this);
                    }
                    released = _released.Task;
                }
            }
            if (slot is not null)
            {
                if (waitingSince is { } since && _time.GetElapsedTime(since, now) is var waited && waited >= ShortestReportedWait)
                {
                    onWaited?.Invoke(waited, heldAtAll);
                }
                return slot;
            }
            waitingSince ??= now;
            if (wait is { } delay)
            {
                await _time.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await WaitAsync(released, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Zero when every limit has room for one more request now; else how long until the answer
    /// that makes room in the fullest one leaves its window, or null when that limit is all in
    /// flight and the next answer starts its clock.
    /// </summary>
    private TimeSpan? TimeUntilEveryLimitHasRoom(long now)
    {
        var longest = TimeUntilRoom(_limit, _window, now);
        foreach (var rule in _furtherLimits)
        {
            if (longest is null) break;
            var untilRoom = TimeUntilRoom(rule.Limit, rule.Window, now);
            longest = untilRoom is null || untilRoom > longest ? untilRoom : longest;
        }
        return longest;
    }

    /// <summary>How long until <paramref name="limit"/> per <paramref name="window"/> has room: zero now, null after the next answer.</summary>
    private TimeSpan? TimeUntilRoom(int limit, TimeSpan window, long now)
    {
        var counted = AnswersWithin(window, now);
        // The answers counted in the window, oldest first: once this one has left, one more fits.
        var freeing = counted + _inFlight - limit;
        if (freeing < 0) return TimeSpan.Zero;
        if (freeing >= counted) return null;
        return window - _time.GetElapsedTime(_recentEnds[_recentEnds.Count - counted + freeing], now);
    }

    private int AnswersWithin(TimeSpan window, long now)
    {
        var counted = 0;
        for (var i = _recentEnds.Count - 1; i >= 0 && _time.GetElapsedTime(_recentEnds[i], now) < window; i--) counted++;
        return counted;
    }

    private void ForgetAnswersOutsideTheWindow(long now)
    {
        var outside = 0;
        while (outside < _recentEnds.Count && _time.GetElapsedTime(_recentEnds[outside], now) >= _longestWindow) outside++;
        _recentEnds.RemoveRange(0, outside);
    }

    private void Release()
    {
        TaskCompletionSource<bool> released;
        lock (_gate)
        {
            _inFlight--;
            _recentEnds.Add(_time.GetTimestamp());
            released = _released;
            _released = NewSignal();
        }
        released.TrySetResult(true);
    }

    private static async Task WaitAsync(Task task, CancellationToken cancellationToken)
    {
        var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (cancellationToken.Register(() => cancelled.TrySetCanceled(cancellationToken)))
        {
            await (await Task.WhenAny(task, cancelled.Task).ConfigureAwait(false)).ConfigureAwait(false);
        }
    }

    private static TaskCompletionSource<bool> NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>One open connection's share of a key's budget; disposed when the connection closes.</summary>
    public sealed class Lease : IDisposable
    {
        private int _disposed;

        internal Lease(RequestBudget budget, int limit, TimeSpan window, IReadOnlyList<RateLimitRule> furtherLimits)
        {
            Budget = budget;
            Limit = limit;
            Window = window;
            FurtherLimits = furtherLimits;
        }

        public RequestBudget Budget { get; }

        /// <summary>What this connection asks for.</summary>
        public int Limit { get; }

        public TimeSpan Window { get; }

        /// <summary>What this connection asks for beside <see cref="Limit"/> per <see cref="Window"/> (Smartlead's per hour and per second).</summary>
        public IReadOnlyList<RateLimitRule> FurtherLimits { get; }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) Budget.Leave(this);
        }
    }

    private sealed class Slot : IDisposable
    {
        private RequestBudget? _budget;

        public Slot(RequestBudget budget) => _budget = budget;

        public void Dispose() => Interlocked.Exchange(ref _budget, null)?.Release();
    }
}
