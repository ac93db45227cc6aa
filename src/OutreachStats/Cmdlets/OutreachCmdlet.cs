using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Threading;
using System.Threading.Tasks;
using OutreachStats.Connections;
using OutreachStats.Http;
using OutreachStats.Model;

namespace OutreachStats.Cmdlets;

/// <summary>
/// The bridge from the provider clients' async work to the pipeline thread. Requests run
/// concurrently (a few at a time; the key's budget paces them) while results, errors and
/// verbose messages are written on the pipeline thread in the order the input arrived.
/// A paged answer streams: each page is written as it comes while the next one is fetched, so
/// at most a page or two per campaign is ever held. Stopping (Ctrl+C) cancels every request in
/// flight. Progress (campaigns done, of how many when the IDs came by parameter, and the
/// campaign waited for) is written on the pipeline thread too, and completed when the command ends.
/// </summary>
public abstract class OutreachCmdlet : PSCmdlet, IDisposable
{
    /// <summary>Requests in flight at once per command; the rate-limit budget does the pacing.</summary>
    private const int MaxInFlight = 4;

    /// <summary>
    /// The least time between two progress records, the first and the Completed one aside. A
    /// record per campaign would be hundreds a second from a batch or a fast server: each is a
    /// redraw of the host's progress bar (and a remoting message), which slows the very command
    /// it reports on; four a second still looks live to a person.
    /// </summary>
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

    private static int s_lastActivityId;

    private readonly CancellationTokenSource _cancellation = new();
    private readonly ConcurrentQueue<string> _messages = new();
    private readonly AutoResetEvent _messageArrived = new(false);
    private readonly Queue<PendingWork> _inFlight = new();
    private readonly HashSet<object> _seen = new();
    private readonly int _activityId = Interlocked.Increment(ref s_lastActivityId) & int.MaxValue;
    private bool _stopping;
    private OutreachConnection? _connection;
    // The connection's failure that ends the command once what was already answered is written.
    private ErrorRecord? _connectionFailure;
    private int _campaignsDone;
    private int? _campaignsTotal;
    private string? _waitingFor;
    private bool _progressChanged;
    private bool _progressShown;
    private readonly Stopwatch _sinceProgressWritten = new();

    /// <summary>The provider connection to use instead of the runspace's default (see <see cref="ResolveConnection"/>).</summary>
    [Parameter]
    [ValidateNotNull]
    public OutreachConnection Connection { get; set; } = null!;

    /// <summary>Cancelled when the user stops the command or a terminating error ends it.</summary>
    protected CancellationToken Cancellation => _cancellation.Token;

    /// <summary>The message sink for clients: any thread may call it; the text is written as verbose.</summary>
    internal Action<string> Log => message =>
    {
        _messages.Enqueue(message);
        _messageArrived.Set();
    };

    protected override void StopProcessing()
    {
        _stopping = true;
        _cancellation.Cancel();
    }

    public void Dispose()
    {
        _cancellation.Cancel();
        _cancellation.Dispose();
        _messageArrived.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The connection to use: -Connection when given, else the runspace's default for <paramref name="provider"/>.</summary>
    internal OutreachConnection ResolveConnection(OutreachProvider provider, OutreachConnection? given)
    {
        var connection = given ?? ConnectionStore.For(CurrentRunspaceKey()).GetDefault(provider);
        if (connection is null)
        {
            ThrowTerminatingError(new ErrorRecord(
                new InvalidOperationException($"There is no {provider} connection in this session. Run: Connect-OutreachProvider -Provider {provider} -ApiKey (Read-Host -AsSecureString '{provider} API key'), or pass -Connection with the object Connect-OutreachProvider -PassThru returned."),
                "OutreachNotConnected", ErrorCategory.InvalidOperation, provider));
        }
        if (connection!.Provider != provider)
        {
            ThrowTerminatingError(new ErrorRecord(
                new ArgumentException($"-Connection is a {connection.Provider} connection, but this command needs a {provider} connection."),
                "OutreachConnectionProviderMismatch", ErrorCategory.InvalidArgument, connection));
        }
        if (connection.IsClosed)
        {
            ThrowTerminatingError(new ErrorRecord(
                new InvalidOperationException($"This {provider} connection was closed by Disconnect-OutreachProvider. Run Connect-OutreachProvider -Provider {provider} again."),
                "OutreachConnectionClosed", ErrorCategory.InvalidOperation, connection));
        }
        _connection = connection;
        return connection;
    }

    /// <summary>The IDs not seen before in this command; a repeat is skipped (verbose says so), so each campaign is asked for once.</summary>
    internal IEnumerable<T> Unseen<T>(IEnumerable<T> ids) where T : notnull
    {
        // IDs given by parameter are all the command gets (ProcessRecord runs once): progress can say "of N".
        if (!MyInvocation.ExpectingInput) _campaignsTotal = new HashSet<T>(ids).Count;
        foreach (var id in ids)
        {
            if (_seen.Add(id)) yield return id;
            else WriteVerbose($"Campaign '{id}' was already asked for in this command; skipped.");
        }
    }

    /// <summary>Stops the command before any request when the window ends before it starts (ErrorId <c>{provider}InvalidDateRange</c>).</summary>
    internal void ThrowIfEndBeforeStart(string providerId, DateTime startUtc, DateTime endUtc, DateTime givenEnd, Func<DateTime, string> format)
    {
        if (endUtc >= startUtc) return;
        ThrowTerminatingError(new ErrorRecord(
            new ArgumentException($"-EndDate ({format(endUtc)}) is before -StartDate ({format(startUtc)}). Give an end after the start.", "EndDate"),
            providerId + "InvalidDateRange", ErrorCategory.InvalidArgument, givenEnd));
    }

    internal static object CurrentRunspaceKey() => (object?)Runspace.DefaultRunspace ?? typeof(ConnectionStore);

    /// <summary>
    /// Starts <paramref name="work"/> now and queues <paramref name="write"/> to run on the pipeline
    /// thread with its result, in order. Blocks (writing what is done) while too much is in flight.
    /// A failure is written for <paramref name="target"/>, or handed to <paramref name="fail"/>.
    /// <paramref name="target"/> is the campaign ID, or the list of IDs one request asks for (progress counts each).
    /// </summary>
    internal void Start<T>(object target, Func<CancellationToken, Task<T>> work, Action<T> write, Action<OutreachApiException>? fail = null)
    {
        Task<T> task;
        try
        {
            task = work(Cancellation);
        }
        catch (Exception ex)
        {
            task = Task.FromException<T>(ex);
        }
        Enqueue(new PendingTask<T>(this, target, task, write, fail ?? (failure => WriteFailure(failure, target))));
    }

    /// <summary>
    /// Starts reading <paramref name="source"/> now (its first item is fetched at once) and queues
    /// its writing, in order with the other work. On the pipeline thread each item is written by
    /// <paramref name="write"/> while the next one is fetched, then <paramref name="completed"/>
    /// runs. A failure part-way is written for <paramref name="target"/> after the items before it,
    /// and <paramref name="completed"/> does not run.
    /// </summary>
    internal void StartStream<T>(object target, Func<CancellationToken, IAsyncEnumerable<T>> source, Action<T> write, Action? completed = null)
    {
        Enqueue(new PendingStream<T>(this, target, source, write, completed, failure => WriteFailure(failure, target)));
    }

    /// <summary>Writes everything still in flight, in order, then completes the progress record.</summary>
    internal void CompleteAll()
    {
        while (_inFlight.Count > 0) CompleteOldest();
        WriteProgressCompleted();
    }

    /// <summary>
    /// Writes a client failure. A failure of the connection (<see cref="OutreachApiException.IsConnectionWide"/>)
    /// cancels the work in flight and ends the command with one terminating error, once every
    /// answer already received is written (see <see cref="EndIfTheConnectionFailed"/>); the
    /// failures it causes in the work still in flight are not written. Any other failure is an
    /// error for its campaign and the command goes on.
    /// </summary>
    internal void WriteFailure(OutreachApiException failure, object? target)
    {
        if (_connectionFailure is not null) return;
        var record = new ErrorRecord(failure, failure.ErrorId, Category(failure.Kind), target ?? failure.CampaignId);
        ErrorAdvice.Attach(record, failure);
        if (failure.IsConnectionWide)
        {
            _connectionFailure = record;
            _cancellation.Cancel();
            return;
        }
        if (ErrorsStopTheCommand()) WriteProgressCompleted();
        WriteError(record);
    }

    /// <summary>
    /// Any failure of one campaign's work that is not a client failure (a defect, an answer
    /// nobody foresaw) is that campaign's error, never the end of the command: the others go on.
    /// Its text passes the key's mask; the exception itself is not kept, since its message and
    /// inner exceptions could hold what a server sent.
    /// </summary>
    private OutreachApiException Unforeseen(Exception exception, object target)
    {
        var provider = _connection?.Provider.ToString() ?? MyInvocation.MyCommand.Name;
        var text = exception.GetType().Name + ": " + exception.Message;
        if (_connection is not null) text = _connection.Key.Mask.Apply(text);
        return new OutreachApiException(provider, OutreachErrorKind.InternalError,
            $"OutreachStats failed on {Describe(target)} in a way it does not foresee ({text}). The other campaigns go on; please report this message.",
            target as string);
    }

    /// <summary>Once the connection failed: writes the rest of the work in flight (answers only), then ends the command.</summary>
    private void EndIfTheConnectionFailed()
    {
        if (_connectionFailure is not { } record) return;
        while (_inFlight.Count > 0) _inFlight.Dequeue().Complete();
        // Once an error has ended the command, PowerShell refuses any more records: the progress
        // bar is completed before such an error, not after.
        WriteProgressCompleted();
        ThrowTerminatingError(record);
    }

    private static string Describe(object target) =>
        target is IList list ? $"the {list.Count} campaign(s) of one request" : $"campaign '{target}'";

    /// <summary>Whether WriteError ends the command: -ErrorAction Stop, or $ErrorActionPreference 'Stop' without -ErrorAction.</summary>
    private bool ErrorsStopTheCommand()
    {
        var preference = MyInvocation.BoundParameters.TryGetValue("ErrorAction", out var given)
            ? given
            : SessionState.PSVariable.GetValue("ErrorActionPreference");
        return Enum.TryParse<ActionPreference>(preference?.ToString(), ignoreCase: true, out var action) && action == ActionPreference.Stop;
    }

    private void Enqueue(PendingWork work)
    {
        _inFlight.Enqueue(work);
        while (_inFlight.Count >= MaxInFlight) CompleteOldest();
    }

    private void CompleteOldest()
    {
        var pending = _inFlight.Dequeue();
        _waitingFor = pending.WaitingFor;
        _progressChanged = true;
        WriteProgressIfDue();
        try
        {
            pending.Complete();
        }
        catch (OperationCanceledException) when (_stopping)
        {
            throw new PipelineStoppedException();
        }
        _campaignsDone += pending.Campaigns;
        _progressChanged = true;
        EndIfTheConnectionFailed();
    }

    /// <summary>Whether <paramref name="exception"/> is the user stopping the command (Ctrl+C), which is not a campaign's failure.</summary>
    private bool IsStoppedBy(Exception exception) => _stopping && exception is OperationCanceledException;

    private void WaitWritingMessages(Task task)
    {
        var handles = new[] { ((IAsyncResult)task).AsyncWaitHandle, _messageArrived };
        while (!task.IsCompleted)
        {
            WaitHandle.WaitAny(handles, UntilProgressDue());
            WriteMessages();
            WriteProgressIfDue();
        }
        WriteMessages();
    }

    /// <summary>How long until a changed progress may be written; infinite when nothing changed.</summary>
    private TimeSpan UntilProgressDue()
    {
        if (!_progressChanged) return Timeout.InfiniteTimeSpan;
        if (!_progressShown) return TimeSpan.Zero;
        var left = ProgressInterval - _sinceProgressWritten.Elapsed;
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    private void WriteProgressIfDue()
    {
        if (!_progressChanged || UntilProgressDue() > TimeSpan.Zero) return;
        WriteProgress(NewProgressRecord(ProgressRecordType.Processing));
        _progressShown = true;
        _sinceProgressWritten.Restart();
        _progressChanged = false;
    }

    /// <summary>Ends the progress shown, once, with the final count; nothing when none was shown.</summary>
    private void WriteProgressCompleted()
    {
        if (!_progressShown) return;
        _progressShown = false;
        WriteProgress(NewProgressRecord(ProgressRecordType.Completed));
    }

    private ProgressRecord NewProgressRecord(ProgressRecordType type)
    {
        var status = _campaignsTotal is { } total
            ? $"{_campaignsDone} of {CampaignsText(total)} done"
            : $"{CampaignsText(_campaignsDone)} done";
        var record = new ProgressRecord(_activityId, MyInvocation.MyCommand.Name, status)
        {
            RecordType = type,
            PercentComplete = _campaignsTotal is > 0 ? Math.Min(100, _campaignsDone * 100 / _campaignsTotal.Value) : -1,
        };
        if (type == ProgressRecordType.Processing && _waitingFor is not null) record.CurrentOperation = "Waiting for " + _waitingFor;
        return record;
    }

    private static string CampaignsText(int count) => count == 1 ? "1 campaign" : $"{count} campaigns";

    private void WriteMessages()
    {
        while (_messages.TryDequeue(out var message)) WriteVerbose(message);
    }

    private static ErrorCategory Category(OutreachErrorKind kind) => kind switch
    {
        OutreachErrorKind.BadRequest => ErrorCategory.InvalidArgument,
        OutreachErrorKind.KeyRejected => ErrorCategory.AuthenticationError,
        OutreachErrorKind.AccessDenied => ErrorCategory.PermissionDenied,
        OutreachErrorKind.CampaignNotFound => ErrorCategory.ObjectNotFound,
        OutreachErrorKind.EndpointNotFound => ErrorCategory.ResourceUnavailable,
        OutreachErrorKind.MethodNotAllowed => ErrorCategory.InvalidOperation,
        OutreachErrorKind.RateLimited => ErrorCategory.LimitsExceeded,
        OutreachErrorKind.ServerError => ErrorCategory.ResourceUnavailable,
        OutreachErrorKind.UnexpectedStatus => ErrorCategory.InvalidResult,
        OutreachErrorKind.InvalidResponse => ErrorCategory.InvalidData,
        OutreachErrorKind.ConnectionFailed => ErrorCategory.ConnectionError,
        OutreachErrorKind.Timeout => ErrorCategory.OperationTimeout,
        OutreachErrorKind.CampaignFailed => ErrorCategory.InvalidResult,
        OutreachErrorKind.ConnectionClosed => ErrorCategory.InvalidOperation,
        _ => ErrorCategory.NotSpecified,
    };

    /// <summary>Work started in order, written on the pipeline thread when its turn comes.</summary>
    private abstract class PendingWork
    {
        protected PendingWork(object target)
        {
            Target = target;
            Campaigns = target is ICollection ids ? ids.Count : 1;
            WaitingFor = target is IList { Count: > 1 } list
                ? $"campaigns {list[0]} to {list[list.Count - 1]} ({list.Count} in one request)"
                : $"campaign {(target is IList { Count: 1 } one ? one[0] : target)}";
        }

        /// <summary>The campaign ID, or the IDs of one request.</summary>
        public object Target { get; }

        /// <summary>How many campaigns this work is about (a batch request's, or one).</summary>
        public int Campaigns { get; }

        /// <summary>The campaign(s) waited for, as progress names them.</summary>
        public string WaitingFor { get; }

        /// <summary>Waits (writing verbose messages and progress meanwhile) and writes the result or the failure.</summary>
        public abstract void Complete();
    }

    private sealed class PendingTask<T> : PendingWork
    {
        private readonly OutreachCmdlet _owner;
        private readonly Task<T> _task;
        private readonly Action<T> _write;
        private readonly Action<OutreachApiException> _fail;

        public PendingTask(OutreachCmdlet owner, object target, Task<T> task, Action<T> write, Action<OutreachApiException> fail)
            : base(target)
        {
            _owner = owner;
            _task = task;
            _write = write;
            _fail = fail;
        }

        public override void Complete()
        {
            _owner.WaitWritingMessages(_task);
            T result;
            try
            {
                result = _task.GetAwaiter().GetResult();
            }
            catch (OutreachApiException failure)
            {
                _fail(failure);
                return;
            }
            catch (Exception unforeseen) when (!_owner.IsStoppedBy(unforeseen))
            {
                _fail(_owner.Unforeseen(unforeseen, Target));
                return;
            }
            _write(result);
        }
    }

    private sealed class PendingStream<T> : PendingWork
    {
        private readonly OutreachCmdlet _owner;
        private readonly Action<T> _write;
        private readonly Action? _completed;
        private readonly Action<OutreachApiException> _fail;
        private readonly IAsyncEnumerator<T>? _items;
        private Task<bool> _next;

        public PendingStream(OutreachCmdlet owner, object target, Func<CancellationToken, IAsyncEnumerable<T>> source, Action<T> write, Action? completed, Action<OutreachApiException> fail)
            : base(target)
        {
            _owner = owner;
            _write = write;
            _completed = completed;
            _fail = fail;
            try
            {
                _items = source(owner.Cancellation).GetAsyncEnumerator(owner.Cancellation);
                _next = _items.MoveNextAsync().AsTask();
            }
            catch (Exception ex)
            {
                _next = Task.FromException<bool>(ex);
            }
        }

        public override void Complete()
        {
            try
            {
                while (true)
                {
                    _owner.WaitWritingMessages(_next);
                    bool more;
                    try
                    {
                        more = _next.GetAwaiter().GetResult();
                    }
                    catch (OutreachApiException failure)
                    {
                        _fail(failure);
                        return;
                    }
                    catch (Exception unforeseen) when (!_owner.IsStoppedBy(unforeseen))
                    {
                        _fail(_owner.Unforeseen(unforeseen, Target));
                        return;
                    }
                    if (!more) break;
                    var item = _items!.Current;
                    // The next item is fetched while this one is written.
                    _next = _items.MoveNextAsync().AsTask();
                    _write(item);
                }
                _completed?.Invoke();
            }
            finally
            {
                if (_next.IsCompleted)
                {
                    _items?.DisposeAsync().AsTask().GetAwaiter().GetResult();
                }
                else
                {
                    // Left early (the pipeline stopped, or a terminating error): the fetch still
                    // running ends with the command's cancellation; its outcome is observed here.
                    _next.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                }
            }
        }
    }
}
