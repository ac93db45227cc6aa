using System.Management.Automation;
using OutreachStats.PowerShell.Tests.Infrastructure;
using OutreachStats.Sandbox;
using Xunit;

namespace OutreachStats.PowerShell.Tests.EndToEnd;

/// <summary>
/// End-to-end: the built module in a runspace, talking to the sandbox on loopback exactly as to
/// the real providers (Connect-OutreachProvider -BaseUri). A sandbox and a runspace per test, and a
/// key of the test's own, so rate-limit windows and counters belong to one test.
/// </summary>
public abstract class SandboxTestBase : IAsyncLifetime
{
    protected SandboxServer Sandbox { get; private set; } = null!;

    protected PowerShellSession Session { get; private set; } = null!;


    protected virtual SandboxOptions Options => new() { CampaignsPerProvider = 1500 };

    public async Task InitializeAsync()
    {
        Sandbox = await SandboxServer.StartAsync(Options);
        Session = PowerShellSession.Start();
    }

    public async Task DisposeAsync()
    {
        Session.Dispose();
        await Sandbox.DisposeAsync();
    }

    protected ProviderCounters LemlistCounters => Sandbox.Counters.Snapshot()[SandboxProvider.Lemlist];

    protected IReadOnlyList<string> LemlistIds(int count, int skip = 0) =>
        Sandbox.Campaigns(SandboxProvider.Lemlist, skip, count).Select(c => c.Id).ToList();

    /// <summary>
    /// Connects the session's default connection of <paramref name="provider"/> to the sandbox with
    /// <paramref name="key"/>, by default a working key of this test's own (the sandbox accepts
    /// "sbx-lm-Kq7Vw2-…"), so rate-limit windows belong to one test.
    /// </summary>
    protected void Connect(SandboxProvider provider, string? key = null)
    {
        var result = Run("Connect-OutreachProvider -Provider $provider -ApiKey $key -BaseUri $uri", new()
        {
            ["provider"] = provider.ToString(),
            ["key"] = FakeLemlistTestBase.Secure(key ?? SandboxKeys.Valid(provider) + "-" + Guid.NewGuid().ToString("N")),
            ["uri"] = Sandbox.BaseUri(provider),
        });
        Assert.Null(result.Terminating);
    }

    protected PsResult Run(string script, Dictionary<string, object?>? variables = null) => Session.Run(script, variables);

    protected static object? Prop(PSObject value, string name) => value.Properties[name]?.Value;

    protected static string ErrorId(ErrorRecord record) => record.FullyQualifiedErrorId.Split(',')[0];
}
