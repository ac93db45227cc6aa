using OutreachStats.Testing;
using Xunit;

namespace OutreachStats.Tests.Contract;

/// <summary>
/// The lemlist contract tests share one Prism process: every test class that needs it joins
/// this collection, so Prism starts once per test run and the tests run one after another.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PrismCollection : ICollectionFixture<PrismValidator>
{
    public const string Name = "Prism contract";
}

/// <summary>Prism on tests/contracts/smartlead.openapi.yaml, shared by the Smartlead contract tests.</summary>
public sealed class SmartleadPrism : PrismValidator
{
    public SmartleadPrism() : base("smartlead.openapi.yaml") { }
}

/// <summary>Prism on tests/contracts/leadlex.openapi.yaml, shared by the Leadlex contract tests.</summary>
public sealed class LeadlexPrism : PrismValidator
{
    public LeadlexPrism() : base("leadlex.openapi.yaml") { }
}

/// <summary>Prism on tests/contracts/leadterra.openapi.yaml, shared by the Leadterra contract tests.</summary>
public sealed class LeadterraPrism : PrismValidator
{
    public LeadterraPrism() : base("leadterra.openapi.yaml") { }
}

[CollectionDefinition(Name)]
public sealed class SmartleadPrismCollection : ICollectionFixture<SmartleadPrism>
{
    public const string Name = "Prism contract: Smartlead";
}

[CollectionDefinition(Name)]
public sealed class LeadlexPrismCollection : ICollectionFixture<LeadlexPrism>
{
    public const string Name = "Prism contract: Leadlex";
}

[CollectionDefinition(Name)]
public sealed class LeadterraPrismCollection : ICollectionFixture<LeadterraPrism>
{
    public const string Name = "Prism contract: Leadterra";
}

/// <summary>
/// Stoplight Prism (npm @stoplight/prism-cli, pinned in tests/contracts/package.json) running
/// <c>prism mock --errors</c> on one of the project's contracts (lemlist's unless a subclass
/// names another), on a free loopback port.
/// A request the contract rejects gets an error status (the contract's 400 or 401) and an
/// <c>sl-violations</c> header; a valid one gets 200 with the contract's example.
/// Installs Prism with <c>npm ci</c> when tests/contracts/node_modules lacks it, so
/// <c>dotnet test</c> works on a fresh machine that has Node.js and npm (see <see cref="PrismProcess"/>).
/// </summary>
public class PrismValidator : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private PrismProcess? _prism;

    public PrismValidator()
        : this("lemlist.openapi.yaml")
    {
    }

    protected PrismValidator(string specFileName)
    {
        SpecFileName = specFileName;
        RepoRoot = PrismProcess.RepoRoot;
        ContractsDir = PrismProcess.ContractsDir;
        SpecPath = Path.Combine(ContractsDir, SpecFileName);
    }

    /// <summary>The contract's file name in tests/contracts.</summary>
    public string SpecFileName { get; }

    /// <summary>The folder holding OutreachStats.sln.</summary>
    public string RepoRoot { get; }

    /// <summary>tests/contracts: the contracts, package.json and package-lock.json.</summary>
    public string ContractsDir { get; }

    public string SpecPath { get; }

    /// <summary>Prism's address, as http://127.0.0.1:port/ (Prism serves the paths without the servers' /api prefix).</summary>
    public Uri BaseUri => _prism?.BaseUri ?? throw new InvalidOperationException("Prism is not running.");

    /// <summary>What Prism has written so far (the last lines), for failure messages.</summary>
    public string Output => _prism?.Output ?? "";

    public async Task InitializeAsync()
    {
        if (!File.Exists(SpecPath)) throw new InvalidOperationException($"The contract {SpecPath} is missing.");
        await PrismProcess.EnsureInstalledAsync().ConfigureAwait(false);
        _prism = await PrismProcess.StartAsync(["mock", "--errors", SpecPath], StartTimeout).ConfigureAwait(false);
    }

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        Interlocked.Exchange(ref _prism, null)?.Dispose();
    }
}
