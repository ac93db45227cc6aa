using System.Linq;
using System.Management.Automation;
using OutreachStats.Connections;
using OutreachStats.Model;

namespace OutreachStats.Cmdlets;

/// <summary>Get-OutreachConnection: the session's default connections, key masked.</summary>
[Cmdlet(VerbsCommon.Get, "OutreachConnection", HelpUri = OnlineHelp.ProjectUri + "#get-outreachconnection")]
[OutputType(typeof(OutreachConnection))]
public sealed class GetOutreachConnectionCommand : PSCmdlet
{
    [Parameter(Position = 0)]
    public OutreachProvider[] Provider { get; set; } = null!;

    protected override void EndProcessing()
    {
        var connections = ConnectionResolver.CurrentStore().All();
        foreach (var connection in connections.Where(c => Provider is null || Provider.Contains(c.Provider)))
        {
            WriteObject(connection);
        }
    }
}
