using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
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
/// flight.
/// </summary>
public abstract class OutreachCmdlet : PSCmdlet, IDisposable
{
    /// <summary>Requests in flight at once per command; the rate-limit budget does the pacing.</summary>
    private const int MaxInFlight = 4;

    private readonly CancellationTokenSource _cancellation = new();
    private readonly ConcurrentQueue<string> _messages = new();
    private readonly AutoResetEvent _messageArrived = new(false);
    private readonly Queue<PendingWork> _inFlight = new();
    private readonly HashSet<object> _seen = new();
    private bool _stopping;

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
        return connection;
    }

    /// <summary>The IDs not seen before in this command; a repeat is skipped (verbose says so), so each campaign is asked for once.</summary>
    internal IEnumerable<T> Unseen<T>(IEnumerable<T> ids) where T : notnull
    {
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
        Enqueue(new PendingTask<T>(this, task, write, fail ?? (failure => WriteFailure(failure, target))));
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
        Enqueue(new PendingStream<T>(this, source, write, completed, failure => WriteFailure(failure, target)));
    }

    /// <summary>Writes everything still in flight, in order.</summary>
    internal void CompleteAll()
    {
        while (_inFlight.Count > 0) CompleteOldest();
    }

    /// <summary>
    /// Writes a client failure: a rejected key ends the command at once; any other failure is an
    /// error for its campaign and the command goes on.
    /// </summary>
    internal void WriteFailure(OutreachApiException failure, object? target)
    {
        var record = new ErrorRecord(failure, failure.ErrorId, Category(failure.Kind), target ?? failure.CampaignId);
        if (failure.IsKeyRejected)
        {
            _cancellation.Cancel();
            ThrowTerminatingError(record);
        }
        WriteError(record);
    }

    private void Enqueue(PendingWork work)
    {
        _inFlight.Enqueue(work);
        while (_inFlight.Count >= MaxInFlight) CompleteOldest();
    }

    private void CompleteOldest()
    {
        var pending = _inFlight.Dequeue();
        try
        {
            pending.Complete();
        }
        catch (OperationCanceledException) when (_stopping)
        {
            throw new PipelineStoppedException();
        }
    }

    private void WaitWritingMessages(Task task)
    {
        var handles = new[] { ((IAsyncResult)task).AsyncWaitHandle, _messageArrived };
        while (!task.IsCompleted)
        {
            WaitHandle.WaitAny(handles);
            WriteMessages();
        }
        WriteMessages();
    }

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
        _ => ErrorCategory.NotSpecified,
    };

    /// <summary>Work started in order, written on the pipeline thread when its turn comes.</summary>
    private abstract class PendingWork
    {
        /// <summary>Waits (writing verbose messages meanwhile) and writes the result or the failure.</summary>
        public abstract void Complete();
    }

    private sealed class PendingTask<T> : PendingWork
    {
        private readonly OutreachCmdlet _owner;
        private readonly Task<T> _task;
        private readonly Action<T> _write;
        private readonly Action<OutreachApiException> _fail;

        public PendingTask(OutreachCmdlet owner, Task<T> task, Action<T> write, Action<OutreachApiException> fail)
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

        public PendingStream(OutreachCmdlet owner, Func<CancellationToken, IAsyncEnumerable<T>> source, Action<T> write, Action? completed, Action<OutreachApiException> fail)
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
