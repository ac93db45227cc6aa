using OutreachStats.Testing;
using Xunit;

namespace OutreachStats.Sandbox.Tests.Contract;

[CollectionDefinition(Name)]
public sealed class PrismProxyCollection : ICollectionFixture<PrismProxies>
{
    public const string Name = "Prism proxies";
}

/// <summary>
/// A sandbox with Stoplight Prism in proxy mode in front of each provider:
/// <c>prism proxy &lt;contract&gt; &lt;sandbox base URL&gt; --errors</c>. Prism checks each request and
/// each of the sandbox's answers against the provider's contract in tests/contracts; a violation
/// shows in the <c>sl-violations</c> header (and, with --errors, turns the answer into a 500).
/// Prism joins the upstream's path and the request's path, so each proxy's upstream is the
/// provider's sandbox base (…/lemlist/api) and requests go to the proxy without that prefix, as
/// the contract's paths read.
/// Prism is installed and run by <see cref="PrismProcess"/>, which the client tests' mock-mode
/// fixture (tests/OutreachStats.Tests/Contract/PrismValidator.cs) shares.
/// </summary>
public sealed class PrismProxies : IAsyncLifetime
{
    // Every provider's Prism starts at once, so each gets longer than the client tests' single one.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly Dictionary<SandboxProvider, PrismProcess> _proxies = new();

    public SandboxServer Sandbox { get; private set; } = null!;

    public string ContractsDir { get; } = PrismProcess.ContractsDir;

    /// <summary>What the Prism processes wrote, for failure messages.</summary>
    public string Output => string.Join(Environment.NewLine, _proxies.Values.Select(proxy => proxy.Output));

    public Uri ProxyUri(SandboxProvider provider) => _proxies[provider].BaseUri;

    public async Task InitializeAsync()
    {
        await PrismProcess.EnsureInstalledAsync();
        Sandbox = await SandboxServer.StartAsync(SandboxFixture.Unlimited);
        await Task.WhenAll(Enum.GetValues<SandboxProvider>().Select(StartAsync));
    }

    public async Task DisposeAsync()
    {
        foreach (var proxy in _proxies.Values) proxy.Dispose();
        if (Sandbox is not null) await Sandbox.DisposeAsync();
    }

    private async Task StartAsync(SandboxProvider provider)
    {
        var spec = Path.Combine(ContractsDir, provider.ToString().ToLowerInvariant() + ".openapi.yaml");
        var proxy = await PrismProcess.StartAsync(["proxy", spec, Sandbox.BaseUri(provider).AbsoluteUri, "--errors"], StartTimeout);
        lock (_proxies) _proxies[provider] = proxy;
    }
}
