using System;
using System.Threading;
using System.Threading.Tasks;
using OutreachStats.Connections;
using OutreachStats.Model;

namespace OutreachStats.Cmdlets;

/// <summary>
/// A statistics cmdlet that asks for one campaign per request and writes one object per
/// campaign (Leadlex, Leadterra): a few requests in flight, results in input order, each failed
/// campaign a non-terminating error, a rejected key the end of the command.
/// </summary>
public abstract class SingleRequestStatsCommand<TStats> : CampaignStatsCommand
{
    private Func<string, Action<string>?, CancellationToken, Task<TStats>> _get = null!;

    internal abstract OutreachProvider Provider { get; }

    /// <summary>The client call for one campaign, on <paramref name="connection"/>.</summary>
    internal abstract Func<string, Action<string>?, CancellationToken, Task<TStats>> Client(OutreachConnection connection);

    protected override void BeginProcessing()
    {
        var connection = ResolveConnection(Provider, Connection);
        _get = Client(connection);
        WriteVerbose($"{Provider} at {connection.BaseUri.AbsoluteUri}.");
    }

    protected override void ProcessRecord()
    {
        foreach (var id in NewCampaignIds())
        {
            Start(id, token => _get(id, Log, token), stats => WriteObject(stats));
        }
    }

    protected override void EndProcessing() => CompleteAll();
}
