using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace OutreachStats.Http;

/// <summary>
/// A sliding-window request budget: the provider never sees more than <see cref="Limit"/>
/// requests arrive in any span of <see cref="Window"/>, so every fixed window it may count in
/// stays under the limit too. A request holds its slot while in flight and for one window after
/// its answer came: a request arrives between taking its slot and its answer, so whatever the
/// network delays, no <see cref="Limit"/> + 1 arrivals fit in one window. Waiters queue; none is
/// rejected.
/// </summary>
internal sealed class RequestBudget
{
    private static readonly ConcurrentDictionary<string, RequestBudget> SharedBudgets = new();

    private readonly TimeProvider _time;
    private readonly Queue<long> _recentEnds = new();
    private readonly object _gate = new();
    private int _limit;
    private TimeSpan _window;
    private int _inFlight;
    private long _heldUntil;
    private TaskCompletionSource<bool> _released = NewSignal();

    public RequestBudget(int limit, TimeSpan window, TimeProvider time)
    {
        if (limit < 1) throw new ArgumentOutOfRangeException(nameof(limit));
        if (window <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(window));
        _limit = limit;
        _window = window;
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

    /// <summary>
    /// The budget of one API key, shared by every connection and runspace in the process that
    /// uses the key, so parallel runspaces together stay under the provider's limit. When
    /// connections of the key ask for different limits, the budget keeps the strictest of each
    /// part (the lowest limit, the longest window), so it is never looser than any of them asked.
    /// </summary>
    public static RequestBudget ForKey(string provider, string keyFingerprint, int limit, TimeSpan window, TimeProvider time)
    {
        var budget = SharedBudgets.GetOrAdd(provider + "/" + keyFingerprint, _ => new RequestBudget(limit, window, time));
        budget.AtMost(limit, window);
        return budget;
    }

    private void AtMost(int limit, TimeSpan window)
    {
        lock (_gate)
        {
            if (limit < _limit) _limit = limit;
            if (window > _window) _window = window;
        }
    }

    /// <summary>
    /// This process's requests on the key that a provider may still be counting: those in flight
    /// and those answered within the last window (<c>Counted</c>), and of them those in flight.
    /// </summary>
    public (int Counted, int InFlight) Usage()
    {
        lock (_gate)
        {
            ForgetAnswersOutsideTheWindow(_time.GetTimestamp());
            return (_recentEnds.Count + _inFlight, _inFlight);
        }
    }

    /// <summary>
    /// Holds every request back for <paramref name="pause"/> from now (or longer, if already held
    /// longer): the provider said the key has no requests left, perhaps because another program
    /// uses it too.
    /// </summary>
    public void Hold(TimeSpan pause)
    {
        if (pause <= TimeSpan.Zero) return;
        lock (_gate)
        {
            var until = _time.GetTimestamp() + (long)(pause.TotalSeconds * _time.TimestampFrequency);
            if (until > _heldUntil) _heldUntil = until;
        }
    }

    /// <summary>
    /// Waits until a request may start and takes a slot for it. Dispose the slot once the answer
    /// has arrived or the attempt failed. Reports any timed wait through <paramref name="onWait"/>,
    /// with true when the wait is a <see cref="Hold"/> the provider asked for.
    /// </summary>
    public async Task<IDisposable> AcquireAsync(CancellationToken cancellationToken, Action<TimeSpan, bool>? onWait = null)
    {
        while (true)
        {
            TimeSpan? wait;
            bool held;
            Task released;
            lock (_gate)
            {
                var now = _time.GetTimestamp();
                held = now < _heldUntil;
                if (held)
                {
                    wait = _time.GetElapsedTime(now, _heldUntil);
                    released = Task.CompletedTask;
                }
                else
                {
                    ForgetAnswersOutsideTheWindow(now);
                    if (_recentEnds.Count + _inFlight < _limit)
                    {
                        _inFlight++;
                        return new Slot(this);
                    }
                    // With answers in the window, the oldest frees a slot at a known time; with every
                    // slot in flight, the next answer starts the clock.
                    wait = _recentEnds.Count > 0 ? _window - _time.GetElapsedTime(_recentEnds.Peek(), now) : null;
                    released = _released.Task;
                }
            }
            if (wait is { } delay)
            {
                onWait?.Invoke(delay, held);
                await _time.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await WaitAsync(released, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private void ForgetAnswersOutsideTheWindow(long now)
    {
        while (_recentEnds.Count > 0 && _time.GetElapsedTime(_recentEnds.Peek(), now) >= _window)
        {
            _recentEnds.Dequeue();
        }
    }

    private void Release()
    {
        TaskCompletionSource<bool> released;
        lock (_gate)
        {
            _inFlight--;
            _recentEnds.Enqueue(_time.GetTimestamp());
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

    private sealed class Slot : IDisposable
    {
        private RequestBudget? _budget;

        public Slot(RequestBudget budget) => _budget = budget;

        public void Dispose() => Interlocked.Exchange(ref _budget, null)?.Release();
    }
}
