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
/// Stopping (Ctrl+C) cancels every request in flight.
/// </summary>
public abstract class OutreachCmdlet : PSCmdlet, IDisposable
{
    /// <summary>Requests in flight at once per command; the rate-limit budget does the pacing.</summary>
    private const int MaxInFlight = 4;

    private readonly CancellationTokenSource _cancellation = new();
    private readonly ConcurrentQueue<string> _messages = new();
    private readonly AutoResetEvent _messageArrived = new(false);
    private readonly Queue<PendingWork> _inFlight = new();
    private bool _stopping;

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
        _inFlight.Enqueue(new PendingWork(task, () => write(task.Result), fail ?? (failure => WriteFailure(failure, target))));
        while (_inFlight.Count >= MaxInFlight) CompleteOldest();
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

    private void CompleteOldest()
    {
        var pending = _inFlight.Dequeue();
        try
        {
            WaitWritingMessages(pending.Task);
            pending.Task.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (_stopping)
        {
            throw new PipelineStoppedException();
        }
        catch (OutreachApiException failure)
        {
            pending.Fail(failure);
            return;
        }
        pending.Write();
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

    private sealed class PendingWork
    {
        public PendingWork(Task task, Action write, Action<OutreachApiException> fail)
        {
            Task = task;
            Write = write;
            Fail = fail;
        }

        public Task Task { get; }
        public Action Write { get; }
        public Action<OutreachApiException> Fail { get; }
    }
}
