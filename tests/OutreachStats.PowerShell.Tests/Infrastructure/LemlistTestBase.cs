using System.Management.Automation;
using System.Net;
using System.Security;
using Xunit;

namespace OutreachStats.PowerShell.Tests.Infrastructure;

/// <summary>
/// Per test (xUnit makes one instance per test): a fake lemlist server of its own, a runspace of
/// its own with the built module imported, and an API key of its own (so the module's per-key
/// rate budget is never shared with another test).
/// </summary>
public abstract class LemlistTestBase : IAsyncLifetime
{
    public const string StatsTypeName = "OutreachStats.Model.LemlistCampaignStats";
    public const string StepTypeName = "OutreachStats.Model.LemlistStepStats";
    public const string ConnectionTypeName = "OutreachStats.Connections.OutreachConnection";

    protected string Key { get; } = NewKey();

    protected FakeLemlistServer Server { get; private set; } = null!;

    protected PowerShellSession Session { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        Server = await FakeLemlistServer.StartAsync(Key);
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

    /// <summary>Connect-OutreachProvider -Provider Lemlist with this test's key to this test's server; fails the test on any error.</summary>
    protected void Connect()
    {
        var result = Session.Run(
            "Connect-OutreachProvider -Provider Lemlist -ApiKey $__key -BaseUri $__baseUri",
            new() { ["__key"] = Secure(Key), ["__baseUri"] = Server.BaseUri });
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

    protected static void AssertDocumentedNumbers(PSObject stats)
    {
        Assert.Equal(StatsTypeName, TypeOf(stats));
        Assert.Equal(32, Prop(stats, "NbLeads"));
        Assert.Equal(32, Prop(stats, "NbLeadsLaunched"));
        Assert.Equal(32, Prop(stats, "NbLeadsReached"));
        Assert.Equal(31, Prop(stats, "NbLeadsOpened"));
        Assert.Equal(4, Prop(stats, "NbLeadsInteracted"));
        Assert.Equal(16, Prop(stats, "NbLeadsAnswered"));
        Assert.Equal(1, Prop(stats, "NbLeadsInterested"));
        Assert.Equal(0, Prop(stats, "NbLeadsNotInterested"));
        Assert.Equal(1, Prop(stats, "NbLeadsUnsubscribed"));
        Assert.Equal(1, Prop(stats, "NbLeadsInterrupted"));
        Assert.Equal(72, Prop(stats, "MessagesSent"));
        Assert.Equal(0, Prop(stats, "MessagesNotSent"));
        Assert.Equal(0, Prop(stats, "MessagesBounced"));
        Assert.Equal(72, Prop(stats, "Delivered"));
        Assert.Equal(47, Prop(stats, "Opened"));
        Assert.Equal(4, Prop(stats, "Clicked"));
        Assert.Equal(16, Prop(stats, "Replied"));
        Assert.Equal(0, Prop(stats, "InvitationAccepted"));
        Assert.Equal(0, Prop(stats, "MeetingBooked"));
        Assert.Equal(3, ((System.Collections.ICollection)Prop(stats, "Steps")!).Count);
    }
}
