using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using OutreachStats.Connections;
using OutreachStats.Http;

namespace OutreachStats.Cmdlets;

/// <summary>
/// The requests of one command. Each starts as its campaign comes, with as many in flight as
/// <see cref="InFlightQueue.LimitFor"/> allows, and its answer is written through the pipeline in
/// input order, once those before it are; a paged answer item by item, the next one fetched while
/// one is written. A campaign's failure is its error and the others go on. A failure of the
/// connection (<see cref="OutreachApiException.IsConnectionWide"/>) cancels the work in flight and
/// ends the command with one terminating error once the answers already received are written
/// (see <see cref="CampaignFailures"/>).
/// The Start methods and <see cref="CompleteAll"/> run on the pipeline thread, which writes what
/// the work posts while it waits for room or for the end.
/// </summary>
internal sealed class CampaignRequests<TId> where TId : notnull
{
    private readonly OutreachConnection _connection;
    private readonly PipelineWriter _pipeline;
    private readonly CancellationToken _stop;
    private readonly CancellationTokenSource _work;
    private readonly InFlightQueue _inFlight;

    /// <param name="stop">Cancelled by Ctrl+C, or once the command is over.</param>
    /// <param name="errorsEndTheCommand">Whether WriteError ends the command (-ErrorAction Stop).</param>
    /// <param name="mostInFlight">A cap below the key's rate limit on the campaigns in flight at once.</param>
    public CampaignRequests(OutreachConnection connection, PipelineWriter pipeline, ProgressReporter progress, CancellationToken stop, bool errorsEndTheCommand, int mostInFlight)
    {
        _connection = connection;
        _pipeline = pipeline;
        Progress = progress;
        _stop = stop;
        // Not disposed: work that ends after the command may still cancel it, and it holds no handle.
        _work = CancellationTokenSource.CreateLinkedTokenSource(stop);
        _inFlight = new InFlightQueue(Math.Min(connection.RateLimit, mostInFlight));
        Failures = new CampaignFailures(pipeline, progress, _work, errorsEndTheCommand);
    }

    public ProgressReporter Progress { get; }

    public CampaignFailures Failures { get; }

    /// <summary>Starts one campaign's request now; in turn, <paramref name="write"/> writes its answer.</summary>
    public void Start<TAnswer>(TId id, Func<CancellationToken, Task<TAnswer>> request, Func<TAnswer, Task> write) =>
        Start(new Campaigns<TId>(id), request, write, failure => Failures.WriteAsync(failure, id));

    /// <summary>Starts one request for several campaigns now; its failure is each campaign's, so none goes missing without an error.</summary>
    public void StartBatch<TAnswer>(IReadOnlyList<TId> ids, Func<CancellationToken, Task<TAnswer>> request, Func<TAnswer, Task> write) =>
        Start(new Campaigns<TId>(ids), request, write, async failure =>
        {
            foreach (var id in ids) await Failures.WriteAsync(failure.ForCampaign(id.ToString()), id).ConfigureAwait(false);
        });

    /// <summary>
    /// Starts reading one campaign's items now (the first is fetched at once). In turn each is
    /// written by <paramref name="write"/> while the next is fetched, then <paramref name="completed"/>
    /// runs. A failure part-way is written after the items before it, and <paramref name="completed"/> does not run.
    /// </summary>
    public void StartStream<TItem>(TId id, Func<CancellationToken, IAsyncEnumerable<TItem>> source, Func<TItem, Task> write, Func<Task>? completed = null)
    {
        EndIfTheConnectionFailed();
        IAsyncEnumerator<TItem>? items = null;
        Task<bool> next;
        try
        {
            items = source(_work.Token).GetAsyncEnumerator(_work.Token);
            next = items.MoveNextAsync().AsTask();
        }
        catch (Exception ex)
        {
            next = Task.FromException<bool>(ex);
        }
        _inFlight.Add(before => StreamInTurnAsync(before, id, items, next, write, completed));
        WaitForRoom();
    }

    /// <summary>Writes everything still in flight, in order, then completes the progress record.</summary>
    public void CompleteAll()
    {
        _pipeline.RunUntil(_inFlight.AllWritten);
        EndIfTheConnectionFailed();
        Progress.Complete();
        _pipeline.WritePosted();
    }

    private void Start<TAnswer>(Campaigns<TId> campaigns, Func<CancellationToken, Task<TAnswer>> request, Func<TAnswer, Task> write, Func<OutreachApiException, Task> fail)
    {
        EndIfTheConnectionFailed();
        Task<TAnswer> answer;
        try
        {
            answer = request(_work.Token);
        }
        catch (Exception ex)
        {
            answer = Task.FromException<TAnswer>(ex);
        }
        _inFlight.Add(before => WriteInTurnAsync(before, campaigns, answer, write, fail));
        WaitForRoom();
    }

    private async Task WriteInTurnAsync<TAnswer>(Task before, Campaigns<TId> campaigns, Task<TAnswer> answer, Func<TAnswer, Task> write, Func<OutreachApiException, Task> fail)
    {
        await before.ConfigureAwait(false);
        try
        {
            Progress.Waiting(campaigns.WaitingFor);
            await Progress.WhileWaitingAsync(answer).ConfigureAwait(false);
            try
            {
                await write(await answer.ConfigureAwait(false)).ConfigureAwait(false);
            }
            catch (Exception failure) when (!EndedBy(failure))
            {
                await fail(AsClientFailure(failure, campaigns)).ConfigureAwait(false);
            }
            Progress.Done(campaigns.Count);
        }
        catch (OperationCanceledException) when (CommandIsOver)
        {
            // Nothing more is written.
        }
    }

    private async Task StreamInTurnAsync<TItem>(Task before, TId id, IAsyncEnumerator<TItem>? items, Task<bool> next, Func<TItem, Task> write, Func<Task>? completed)
    {
        await before.ConfigureAwait(false);
        var campaign = new Campaigns<TId>(id);
        try
        {
            Progress.Waiting(campaign.WaitingFor);
            try
            {
                while (true)
                {
                    await Progress.WhileWaitingAsync(next).ConfigureAwait(false);
                    if (!await next.ConfigureAwait(false)) break;
                    var item = items!.Current;
                    // The next item is fetched while this one is written.
                    next = items.MoveNextAsync().AsTask();
                    await write(item).ConfigureAwait(false);
                }
                if (completed is not null) await completed().ConfigureAwait(false);
            }
            catch (Exception failure) when (!EndedBy(failure))
            {
                await Failures.WriteAsync(AsClientFailure(failure, campaign), id).ConfigureAwait(false);
            }
            Progress.Done(1);
        }
        catch (OperationCanceledException) when (CommandIsOver)
        {
            // Nothing more is written.
        }
        finally
        {
            if (items is not null) await DisposeAfterAsync(items, next).ConfigureAwait(false);
        }
    }

    /// <summary>Lets the items go once their last fetch is over: one still running when the command ended ends with its cancellation.</summary>
    private static async Task DisposeAfterAsync<TItem>(IAsyncEnumerator<TItem> items, Task<bool> next)
    {
        try
        {
            await next.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Its failure was written already, or the command is over.
        }
        await items.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Writes what the work posts until one more request may start.</summary>
    private void WaitForRoom()
    {
        while (!_inFlight.HasRoom())
        {
            _pipeline.RunUntil(_inFlight.Oldest);
            EndIfTheConnectionFailed();
        }
        _pipeline.WritePosted();
    }

    /// <summary>Once the connection failed: writes the rest of the work in flight (answers only) and completes the progress, then ends the command.</summary>
    private void EndIfTheConnectionFailed()
    {
        if (Failures.ConnectionFailure is not { } record) return;
        _pipeline.RunUntil(_inFlight.AllWritten);
        Progress.Complete();
        _pipeline.End(record);
    }

    /// <summary>Ctrl+C, a record PowerShell refused (an error under -ErrorAction Stop, Select-Object -First having had enough), or the end the connection's failure brought.</summary>
    private bool CommandIsOver => _stop.IsCancellationRequested || _pipeline.IsClosed;

    private OutreachApiException AsClientFailure(Exception failure, Campaigns<TId> campaigns) =>
        failure as OutreachApiException ?? ErrorRecords.Unforeseen(failure, _connection, campaigns);

    /// <summary>Whether <paramref name="exception"/> is the command ending (see <see cref="CommandIsOver"/>), which is no campaign's failure.</summary>
    private bool EndedBy(Exception exception) => exception is OperationCanceledException && CommandIsOver;
}
