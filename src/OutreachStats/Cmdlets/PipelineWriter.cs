using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace OutreachStats.Cmdlets;

/// <summary>
/// The bridge from async work to the pipeline thread. PowerShell takes records only on that thread,
/// during Begin/Process/End; work on any thread writes through this object instead, and the
/// pipeline thread writes what was posted, in order, while it waits for the work (<see cref="RunUntil"/>).
/// A write's task ends once PowerShell has taken the record, so work that awaits it runs no
/// further ahead of its consumer than one record. Ctrl+C, or a write that PowerShell refuses (an
/// error under -ErrorAction Stop, Select-Object -First having had enough), closes it: nothing
/// more is written, and the tasks of what was still posted are cancelled.
/// </summary>
internal sealed class PipelineWriter : IDisposable
{
    private readonly Cmdlet _cmdlet;
    private readonly CancellationToken _stop;
    private readonly object _gate = new();
    private readonly Queue<Posted> _posted = new();
    private readonly AutoResetEvent _postArrived = new(false);
    private bool _closed;

    public PipelineWriter(Cmdlet cmdlet, CancellationToken stop)
    {
        _cmdlet = cmdlet;
        _stop = stop;
        stop.Register(Close);
    }

    /// <summary>True once nothing more can be written: the command is over, or ending.</summary>
    public bool IsClosed
    {
        get { lock (_gate) return _closed; }
    }

    public Task WriteObject(object? value, bool enumerateCollection = false) => Post(() => _cmdlet.WriteObject(value, enumerateCollection));

    public Task WriteError(ErrorRecord record) => Post(() => _cmdlet.WriteError(record));

    public Task WriteWarning(string text) => Post(() => _cmdlet.WriteWarning(text));

    public Task WriteVerbose(string text) => Post(() => _cmdlet.WriteVerbose(text));

    public Task WriteProgress(ProgressRecord record) => Post(() => _cmdlet.WriteProgress(record));

    /// <summary>
    /// On the pipeline thread: writes what is posted, as it comes, until <paramref name="task"/>
    /// ends, then what is left, and rethrows the task's exception.
    /// </summary>
    public void RunUntil(Task task)
    {
        var wakeUps = new[] { ((IAsyncResult)task).AsyncWaitHandle, _postArrived, _stop.WaitHandle };
        while (!task.IsCompleted)
        {
            WaitHandle.WaitAny(wakeUps);
            WritePosted();
        }
        WritePosted();
        task.GetAwaiter().GetResult();
    }

    /// <summary>On the pipeline thread: writes what is posted by now.</summary>
    public void WritePosted()
    {
        if (_stop.IsCancellationRequested) throw new PipelineStoppedException();
        while (TryTake(out var posted))
        {
            try
            {
                posted.Write();
            }
            catch
            {
                posted.Written.TrySetCanceled();
                Close();
                throw;
            }
            posted.Written.TrySetResult(true);
        }
    }

    /// <summary>On the pipeline thread: writes what is posted, then ends the command with <paramref name="record"/>.</summary>
    public void End(ErrorRecord record)
    {
        WritePosted();
        Close();
        _cmdlet.ThrowTerminatingError(record);
    }

    public void Dispose()
    {
        Close();
        _postArrived.Dispose();
    }

    private Task Post(Action write)
    {
        var posted = new Posted(write);
        lock (_gate)
        {
            if (_closed) return Posted.Dropped;
            _posted.Enqueue(posted);
            _postArrived.Set();
        }
        return posted.Written.Task;
    }

    private bool TryTake(out Posted posted)
    {
        lock (_gate)
        {
            posted = _posted.Count > 0 ? _posted.Dequeue() : null!;
            return posted is not null;
        }
    }

    private void Close()
    {
        lock (_gate)
        {
            _closed = true;
            while (_posted.Count > 0) _posted.Dequeue().Written.TrySetCanceled();
        }
    }

    private sealed class Posted
    {
        public static readonly Task Dropped = Task.FromCanceled(new CancellationToken(canceled: true));

        public Posted(Action write) => Write = write;

        public Action Write { get; }

        // Completed on the pipeline thread, but the work awaiting it goes on elsewhere, never on that thread.
        public TaskCompletionSource<bool> Written { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
