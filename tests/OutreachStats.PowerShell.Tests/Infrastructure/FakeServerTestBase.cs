using System.Management.Automation;
using System.Net;
using System.Security;
using Xunit;

namespace OutreachStats.PowerShell.Tests.Infrastructure;

/// <summary>
/// Per test (xUnit makes one instance per test): a fake provider server of its own, a runspace
/// of its own with the built module imported, and an API key of its own (so the module's
/// per-key rate budget is never shared with another test).
/// </summary>
public abstract class FakeServerTestBase<TServer> : IAsyncLifetime where TServer : FakeServer
{
    public const string ConnectionTypeName = "OutreachStats.Connections.OutreachConnection";

    protected string Key { get; } = NewKey();

    protected TServer Server { get; private set; } = null!;

    protected PowerShellSession Session { get; private set; } = null!;

    /// <summary>The -Provider value of Connect-OutreachProvider.</summary>
    protected abstract string Provider { get; }

    protected abstract Task<TServer> StartServerAsync(string key);

    /// <summary>What -BaseUri is given: the server's root, unless the provider's API sits under a path.</summary>
    protected virtual Uri ServerRoot => Server.BaseUri;

    public virtual async Task InitializeAsync()
    {
        Server = await StartServerAsync(Key);
        Session = PowerShellSession.Start();
    }

    public virtual async Task DisposeAsync()
    {
        Session?.Dispose();
        if (Server is not null) await Server.DisposeAsync();
    }

    /// <summary>A key unique to the caller, long enough for the module to show a hint of it.</summary>
    public static string NewKey(string prefix = "ostest") => prefix + "-" + Guid.NewGuid().ToString("N");

    public static SecureString Secure(string text) => new NetworkCredential(string.Empty, text).SecurePassword;

    /// <summary>Connect-OutreachProvider for this provider with this test's key to this test's server; fails the test on any error.</summary>
    protected void Connect()
    {
        var result = Session.Run(
            "Connect-OutreachProvider -Provider $__provider -ApiKey $__key -BaseUri $__baseUri",
            new() { ["__provider"] = Provider, ["__key"] = Secure(Key), ["__baseUri"] = ServerRoot });
        result.AssertNoErrors();
    }

    protected PsResult Run(string script, Dictionary<string, object?>? variables = null, bool verbose = false, bool debug = false) =>
        Session.Run(script, variables, verbose, debug);

    /// <summary>The .NET type name of an output object.</summary>
    protected static string TypeOf(PSObject value) => value.BaseObject.GetType().FullName!;

    protected static object? Prop(PSObject value, string name) =>
        (value.Properties[name] ?? throw new Xunit.Sdk.XunitException($"{TypeOf(value)} has no property {name}")).Value;

    /// <summary>The error ID part of a FullyQualifiedErrorId ("LemlistCampaignNotFound,OutreachStats.Cmdlets…" gives "LemlistCampaignNotFound").</summary>
    protected static string ErrorId(ErrorRecord record) => record.FullyQualifiedErrorId.Split(',')[0];
}
