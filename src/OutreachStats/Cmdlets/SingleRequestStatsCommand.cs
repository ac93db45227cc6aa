using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using OutreachStats.Connections;
using OutreachStats.Model;

namespace OutreachStats.Cmdlets;

/// <summary>
/// A statistics cmdlet that asks for one campaign per request and writes one object per
/// campaign (Leadlex, Leadterra): the IDs by value or by property name (CampaignId or Id), each
/// checked before any request; results in input order, each failed campaign a non-terminating
/// error, a rejected key the end of the command.
/// Not generic over the output type: PowerShell loads the cmdlet classes before the module's
/// loader can supply the engine, and a base class closed over an engine type would need it then.
/// </summary>
public abstract class SingleRequestStatsCommand : OutreachCmdlet<string>
{
    private Action<string> _startRequest = null!;

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [RefuseObjectsWithoutCampaignId]
    [ValidateNotNullOrEmpty]
    [ValidateCampaignId]
    public string[] CampaignId { get; set; } = null!;

    internal abstract OutreachProvider Provider { get; }

    /// <summary>What starts one campaign's request on <paramref name="connection"/>: <see cref="Requesting"/> of the client call.</summary>
    internal abstract Action<string> RequestFor(OutreachConnection connection);

    /// <summary>Starts <paramref name="clientCall"/> for a campaign; its result is written in input order.</summary>
    private protected Action<string> Requesting<TStats>(Func<string, Action<string>?, CancellationToken, Task<TStats>> clientCall) =>
        id => Requests.Start(id, token => clientCall(id, Log, token), stats => Pipeline.WriteObject(stats));

    protected override void BeginProcessing()
    {
        var connection = Connect(Provider);
        _startRequest = RequestFor(connection);
        WriteVerbose($"{Provider} at {connection.BaseUri.AbsoluteUri}.");
    }

    protected override void ProcessRecord()
    {
        foreach (var id in NewCampaignIds(CampaignId)) _startRequest(id);
    }
}
