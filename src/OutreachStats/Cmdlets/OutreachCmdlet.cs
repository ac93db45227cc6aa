using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using OutreachStats.Connections;
using OutreachStats.Model;

namespace OutreachStats.Cmdlets;

/// <summary>
/// A provider's statistics cmdlet, whose campaign IDs are <typeparamref name="TId"/>. Its requests
/// (<see cref="Requests"/>) run off the pipeline thread and write through <see cref="Pipeline"/>;
/// the pipeline thread writes what they wrote while it waits for them, in ProcessRecord and
/// EndProcessing. Ctrl+C cancels them and ends the command at once.
/// </summary>
public abstract class OutreachCmdlet<TId> : PSCmdlet, IDisposable where TId : notnull
{
    private readonly CancellationTokenSource _stop = new();
    private readonly CampaignDeduplicator<TId> _campaigns = new();

    protected OutreachCmdlet()
    {
        Pipeline = new PipelineWriter(this, _stop.Token);
        Log = message => Pipeline.WriteVerbose(message);
    }

    /// <summary>The provider connection to use instead of the runspace's default.</summary>
    [Parameter]
    [ValidateNotNull]
    public OutreachConnection Connection { get; set; } = null!;

    internal PipelineWriter Pipeline { get; }

    /// <summary>The most campaigns in flight at once; the key's rate limit (and 64) bound it anyway.</summary>
    private protected virtual int MostInFlight => int.MaxValue;

    /// <summary>How many campaigns one request answers, for the time left; null when it is not known ahead (Smartlead's pages).</summary>
    private protected virtual int? CampaignsPerRequest => 1;

    /// <summary>The message sink for clients: any thread may call it; the text is written as verbose.</summary>
    internal Action<string> Log { get; }

    /// <summary>This command's requests, once <see cref="Connect"/> has run.</summary>
    internal CampaignRequests<TId> Requests { get; private set; } = null!;

    /// <summary>The connection to use (see <see cref="ConnectionResolver"/>), on which <see cref="Requests"/> are then made.</summary>
    internal OutreachConnection Connect(OutreachProvider provider)
    {
        var connection = ConnectionResolver.Resolve(this, provider, Connection);
        var progress = new ProgressReporter(Pipeline, MyInvocation.MyCommand.Name);
        if (CampaignsPerRequest is { } perRequest) progress.SetPace(ProgressPace.For(connection, perRequest));
        Requests = new CampaignRequests<TId>(connection, Pipeline, progress, _stop.Token, ErrorRecords.EndTheCommand(this), MostInFlight);
        return connection;
    }

    /// <summary>
    /// The IDs bound not asked for before in this command; a repeat is skipped (verbose says so),
    /// and each object bound that held no campaign ID is an error of its own (see <see cref="CampaignIdObjects"/>).
    /// </summary>
    internal IEnumerable<TId> NewCampaignIds(TId[] bound)
    {
        var (ids, refused) = CampaignIdObjects.Split(bound);
        foreach (var input in refused) WriteError(CampaignIdObjects.ErrorFor(input));
        // IDs given by parameter are all the command gets (ProcessRecord runs once): progress can say "of N".
        if (!MyInvocation.ExpectingInput) Requests.Progress.SetTotal(new HashSet<TId>(ids).Count);
        return _campaigns.Unseen(ids, id => WriteVerbose($"Campaign '{id}' was already asked for in this command; skipped."));
    }

    protected override void EndProcessing() => Requests.CompleteAll();

    protected override void StopProcessing() => _stop.Cancel();

    public void Dispose()
    {
        // Ends whatever work is still running: the command is over.
        _stop.Cancel();
        Pipeline.Dispose();
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }
}
