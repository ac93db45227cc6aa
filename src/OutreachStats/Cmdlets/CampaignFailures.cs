using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using OutreachStats.Http;

namespace OutreachStats.Cmdlets;

/// <summary>
/// How a command writes its campaigns' failures: each as that campaign's error, the others going
/// on. A failure of the connection (<see cref="OutreachApiException.IsConnectionWide"/>) is not
/// written: the first is kept for the command to end with, the work in flight is cancelled, and
/// the failures that cancellation causes are not written either.
/// </summary>
internal sealed class CampaignFailures
{
    private readonly PipelineWriter _pipeline;
    private readonly ProgressReporter _progress;
    private readonly CancellationTokenSource _work;
    private readonly bool _errorsEndTheCommand;
    private ErrorRecord? _connectionFailure;

    /// <param name="work">Cancelled when the connection fails.</param>
    /// <param name="errorsEndTheCommand">Whether WriteError ends the command (-ErrorAction Stop).</param>
    public CampaignFailures(PipelineWriter pipeline, ProgressReporter progress, CancellationTokenSource work, bool errorsEndTheCommand)
    {
        _pipeline = pipeline;
        _progress = progress;
        _work = work;
        _errorsEndTheCommand = errorsEndTheCommand;
    }

    /// <summary>The failure of the connection the command is to end with; null while there is none.</summary>
    public ErrorRecord? ConnectionFailure => Volatile.Read(ref _connectionFailure);

    public Task WriteAsync(OutreachApiException failure, object campaign)
    {
        if (ConnectionFailure is not null) return Task.CompletedTask;
        var record = ErrorRecords.For(failure, campaign);
        if (failure.IsConnectionWide)
        {
            Volatile.Write(ref _connectionFailure, record);
            _work.Cancel();
            return Task.CompletedTask;
        }
        // PowerShell refuses any record after an error that ends the command: the progress bar is completed first.
        if (_errorsEndTheCommand) _progress.Complete();
        return _pipeline.WriteError(record);
    }
}
