using System;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace OutreachStats.Cmdlets;

/// <summary>
/// A command's progress record: campaigns done (of how many, when the IDs came by parameter), the
/// time left as far as the key's budget lets it be estimated, the campaign waited for, and when the
/// module's own default limit paces the run, that it does and how to raise it. Written through
/// the pipeline and completed when the command ends.
/// </summary>
internal sealed class ProgressReporter
{
    /// <summary>
    /// The least time between two records, the first and the Completed one aside. A record per
    /// campaign would be hundreds a second from a batch or a fast server: each is a redraw of the
    /// host's progress bar (and a remoting message), which slows the very command it reports on;
    /// four a second still looks live to a person.
    /// </summary>
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private static int s_lastActivityId;

    private readonly object _gate = new();
    private readonly PipelineWriter _pipeline;
    private readonly string _activity;
    private readonly int _activityId = Interlocked.Increment(ref s_lastActivityId) & int.MaxValue;
    private readonly Stopwatch _sinceWritten = new();
    private readonly Stopwatch _sinceStarted = Stopwatch.StartNew();
    private ProgressPace? _pace;
    private int _done;
    private int? _total;
    private string? _waitingFor;
    private bool _changed;
    private bool _shown;

    public ProgressReporter(PipelineWriter pipeline, string activity)
    {
        _pipeline = pipeline;
        _activity = activity;
    }

    /// <summary>How many campaigns the command has, when that is known before any is done.</summary>
    public void SetTotal(int campaigns)
    {
        lock (_gate) _total = campaigns;
    }

    /// <summary>How fast the command can go, for SecondsRemaining; none for work whose number of requests is not known ahead (pages).</summary>
    public void SetPace(ProgressPace pace)
    {
        lock (_gate) _pace = pace;
    }

    /// <summary>The command now waits for <paramref name="waitingFor"/> (as "Waiting for …" names it).</summary>
    public void Waiting(string waitingFor)
    {
        lock (_gate)
        {
            _waitingFor = waitingFor;
            _changed = true;
        }
    }

    public void Done(int campaigns)
    {
        lock (_gate)
        {
            _done += campaigns;
            _changed = true;
        }
    }

    /// <summary>Until <paramref name="task"/> ends, writes what changed whenever a record is due.</summary>
    public async Task WhileWaitingAsync(Task task)
    {
        for (var due = WriteIfDue(); !task.IsCompleted && due != Timeout.InfiniteTimeSpan; due = WriteIfDue())
        {
            await Task.WhenAny(task, Task.Delay(due)).ConfigureAwait(false);
        }
    }

    /// <summary>Ends the progress shown, once, with the final count; nothing when none was shown.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            if (!_shown) return;
            _shown = false;
            _pipeline.WriteProgress(Record(ProgressRecordType.Completed));
        }
    }

    /// <summary>Writes the record when it changed and is due; returns how long until the next one may be (infinite when nothing changed).</summary>
    private TimeSpan WriteIfDue()
    {
        lock (_gate)
        {
            if (!_changed) return Timeout.InfiniteTimeSpan;
            var left = _shown ? Interval - _sinceWritten.Elapsed : TimeSpan.Zero;
            if (left > TimeSpan.Zero) return left;
            _pipeline.WriteProgress(Record(ProgressRecordType.Processing));
            _shown = true;
            _changed = false;
            _sinceWritten.Restart();
            return Timeout.InfiniteTimeSpan;
        }
    }

    private ProgressRecord Record(ProgressRecordType type)
    {
        var status = _total is { } total ? $"{_done} of {Campaigns(total)} done" : $"{Campaigns(_done)} done";
        var record = new ProgressRecord(_activityId, _activity, status)
        {
            RecordType = type,
            PercentComplete = _total is > 0 ? Math.Min(100, _done * 100 / _total.Value) : -1,
        };
        if (type != ProgressRecordType.Processing) return record;
        var remaining = _total - _done;
        if (_pace is { } pace && remaining is > 0)
        {
            record.SecondsRemaining = pace.SecondsRemaining(remaining.Value, _done, _sinceStarted.Elapsed);
        }
        // The whole run when its size is known; from the pipeline, once it has gone past one window.
        var paced = _pace?.DefaultLimitNote is { } note && _pace.BudgetBinds(_total ?? _done) ? note : null;
        if (_waitingFor is not null || paced is not null)
        {
            record.CurrentOperation = string.Join("; ", new[] { _waitingFor is null ? null : "Waiting for " + _waitingFor, paced }.Where(part => part is not null));
        }
        return record;
    }

    private static string Campaigns(int count) => count == 1 ? "1 campaign" : $"{count} campaigns";
}
