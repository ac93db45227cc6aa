using System.Management.Automation;
using OutreachStats.Connections;
using OutreachStats.Model;

namespace OutreachStats.Cmdlets;

/// <summary>
/// Disconnect-OutreachProvider: closes a connection (its key is forgotten) and removes it as the
/// session's default.
/// </summary>
[Cmdlet(VerbsCommunications.Disconnect, "OutreachProvider", DefaultParameterSetName = ProviderSet, HelpUri = OnlineHelp.ProjectUri + "#disconnect-outreachprovider")]
[OutputType(typeof(void))]
public sealed class DisconnectOutreachProviderCommand : PSCmdlet
{
    private const string ProviderSet = "Provider";
    private const string ConnectionSet = "Connection";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ProviderSet)]
    public OutreachProvider[] Provider { get; set; } = null!;

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ConnectionSet)]
    [ValidateNotNull]
    public OutreachConnection Connection { get; set; } = null!;

    protected override void ProcessRecord()
    {
        var store = ConnectionResolver.CurrentStore();
        if (ParameterSetName == ConnectionSet)
        {
            Close(store, Connection);
            return;
        }
        foreach (var provider in Provider)
        {
            var connection = store.GetDefault(provider);
            if (connection is null)
            {
                WriteVerbose($"There is no {provider} connection to close.");
                continue;
            }
            Close(store, connection);
        }
    }

    private void Close(ConnectionStore store, OutreachConnection connection)
    {
        var wasDefault = store.Remove(connection);
        connection.Dispose();
        WriteVerbose($"Closed the {connection.Provider} connection to {connection.BaseUri.AbsoluteUri}" + (wasDefault ? "; the session has no default for it now." : "."));
    }
}
