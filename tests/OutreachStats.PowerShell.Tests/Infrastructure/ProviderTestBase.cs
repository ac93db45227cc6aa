using OutreachStats.Sandbox;

namespace OutreachStats.PowerShell.Tests.Infrastructure;

/// <summary>A test of one provider's cmdlets: the sandbox test's helpers without naming the provider each time.</summary>
public abstract class ProviderTestBase : SandboxTestBase
{
    protected abstract SandboxProvider Provider { get; }

    /// <summary>This test's working key of the provider.</summary>
    protected string Key => KeyOf(Provider);

    /// <summary>What -BaseUri is given: the sandbox's URL that stands for the provider's server URL.</summary>
    protected Uri BaseUri => Sandbox.BaseUri(Provider);

    /// <summary>Connect-OutreachProvider for the provider with this test's key and any other <paramref name="settings"/>; fails the test on any error.</summary>
    protected void Connect(string settings = "") => Connect(Provider, settings: settings);

    protected string[] Ids(int count, int skip = 0) => Ids(Provider, count, skip);

    protected IReadOnlyList<SandboxRequest> Requests() => Requests(Provider);
}
