using System;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using OutreachStats.Connections;
using OutreachStats.Model;

namespace OutreachStats.Cmdlets;

/// <summary>
/// Which connection a provider cmdlet uses: -Connection when given, else its runspace's default
/// for the provider. Without a usable one the command stops before any request.
/// </summary>
internal static class ConnectionResolver
{
    /// <summary>The default connections of the runspace running on this thread: parallel runspaces each have their own.</summary>
    public static ConnectionStore CurrentStore() => ConnectionStore.For((object?)Runspace.DefaultRunspace ?? typeof(ConnectionStore));

    public static OutreachConnection Resolve(Cmdlet cmdlet, OutreachProvider provider, OutreachConnection? given)
    {
        var connection = given ?? CurrentStore().GetDefault(provider);
        if (connection is null)
        {
            cmdlet.ThrowTerminatingError(new ErrorRecord(
                new InvalidOperationException($"There is no {provider} connection in this session. Run: Connect-OutreachProvider -Provider {provider} -ApiKey (Read-Host -AsSecureString '{provider} API key'), or pass -Connection with the object Connect-OutreachProvider -PassThru returned."),
                "OutreachNotConnected", ErrorCategory.InvalidOperation, provider));
        }
        if (connection!.Provider != provider)
        {
            cmdlet.ThrowTerminatingError(new ErrorRecord(
                new ArgumentException($"-Connection is a {connection.Provider} connection, but this command needs a {provider} connection."),
                "OutreachConnectionProviderMismatch", ErrorCategory.InvalidArgument, connection));
        }
        if (connection.IsClosed)
        {
            cmdlet.ThrowTerminatingError(new ErrorRecord(
                new InvalidOperationException($"This {provider} connection was closed by Disconnect-OutreachProvider. Run Connect-OutreachProvider -Provider {provider} again."),
                "OutreachConnectionClosed", ErrorCategory.InvalidOperation, connection));
        }
        return connection;
    }
}
