using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
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
/// <c>dotnet test</c> works on a fresh machine that has Node.js and npm.
/// </summary>
public class PrismValidator : IAsyncLifetime, IDisposable
{

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan InstallLockTimeout = TimeSpan.FromMinutes(6);
    private const int MaxPortAttempts = 5;
    private const int MaxOutputLines = 400;

    private readonly ConcurrentQueue<string> _output = new();
    private readonly object _gate = new();
    private Process? _process;
    private Uri? _baseUri;
    private bool _disposed;
    private volatile bool _addressInUse;

    public PrismValidator()
        : this("lemlist.openapi.yaml")
    {
    }

    protected PrismValidator(string specFileName)
    {
        SpecFileName = specFileName;
        RepoRoot = FindRepoRoot();
        ContractsDir = Path.Combine(RepoRoot, "tests", "contracts");
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
    public Uri BaseUri => _baseUri ?? throw new InvalidOperationException("Prism is not running." + Environment.NewLine + Output);

    /// <summary>What Prism has written so far (the last lines), for failure messages.</summary>
    public string Output => string.Join(Environment.NewLine, _output);

    private string NodeModules => Path.Combine(ContractsDir, "node_modules");

    private string PrismExecutable => Path.Combine(NodeModules, ".bin", OperatingSystem.IsWindows() ? "prism.cmd" : "prism");

    public async Task InitializeAsync()
    {
        if (!File.Exists(SpecPath)) throw new InvalidOperationException($"The contract {SpecPath} is missing.");
        await EnsureInstalledAsync().ConfigureAwait(false);
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
        await StartAsync().ConfigureAwait(false);
    }

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
        }
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        Stop(_process);
        _process?.Dispose();
        _process = null;
        _baseUri = null;
    }

    private void OnProcessExit(object? sender, EventArgs e) => Stop(_process);

    // ---- Installation -------------------------------------------------------------------------

    private async Task EnsureInstalledAsync()
    {
        if (InstalledProblem() is null) return;

        // Test projects (and test runs) may start at the same time: one npm ci at a time, and
        // whoever waited checks again before installing.
        using var installLock = await AcquireInstallLockAsync().ConfigureAwait(false);
        if (InstalledProblem() is null) return;

        await RunNpmCiAsync().ConfigureAwait(false);
        if (InstalledProblem() is { } problem)
        {
            throw new InvalidOperationException($"npm ci finished in {ContractsDir} but Prism is still not usable: {problem}");
        }
    }

    /// <summary>Null when node_modules holds the pinned Prism from a finished install; otherwise what is wrong.</summary>
    private string? InstalledProblem()
    {
        if (!File.Exists(PrismExecutable)) return $"{PrismExecutable} does not exist";
        // npm writes this hidden lockfile at the end of an install: its absence means an
        // interrupted one.
        if (!File.Exists(Path.Combine(NodeModules, ".package-lock.json"))) return "node_modules/.package-lock.json is missing (an unfinished install)";
        var pinned = ReadVersion(Path.Combine(ContractsDir, "package.json"), "devDependencies");
        var installed = ReadVersion(Path.Combine(NodeModules, "@stoplight", "prism-cli", "package.json"), null);
        if (pinned is null) return "package.json pins no @stoplight/prism-cli";
        if (installed != pinned) return $"@stoplight/prism-cli {installed ?? "(none)"} is installed but package.json pins {pinned}";
        return null;
    }

    private static string? ReadVersion(string packageJson, string? dependencies)
    {
        if (!File.Exists(packageJson)) return null;
        using var document = JsonDocument.Parse(File.ReadAllText(packageJson));
        var root = document.RootElement;
        if (dependencies is null) return root.TryGetProperty("version", out var version) ? version.GetString() : null;
        return root.TryGetProperty(dependencies, out var deps) && deps.TryGetProperty("@stoplight/prism-cli", out var pin) ? pin.GetString() : null;
    }

    private async Task<FileStream> AcquireInstallLockAsync()
    {
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(ContractsDir)))).Substring(0, 16);
        var path = Path.Combine(Path.GetTempPath(), $"outreachstats-contracts-npm-{hash}.lock");
        var deadline = DateTime.UtcNow + InstallLockTimeout;
        while (true)
        {
            try
            {
                // FileShare.None is an exclusive lock across processes (flock on Unix, a share
                // mode on Windows). The file is never deleted, so every process locks the same one.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(250).ConfigureAwait(false);
            }
            catch (IOException ex)
            {
                throw new TimeoutException($"Waited {InstallLockTimeout.TotalMinutes:0} min for another test process to finish `npm ci` in {ContractsDir} (lock file {path}).", ex);
            }
        }
    }

    private async Task RunNpmCiAsync()
    {
        var npm = OperatingSystem.IsWindows() ? "npm.cmd" : "npm";
        var start = new ProcessStartInfo(npm)
        {
            WorkingDirectory = ContractsDir,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var argument in new[] { "ci", "--no-audit", "--no-fund" }) start.ArgumentList.Add(argument);
        start.Environment["NO_COLOR"] = "1";
        start.Environment["npm_config_update_notifier"] = "false";

        var output = new ConcurrentQueue<string>();
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("npm did not start.");
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException(
                $"The contract tests need Stoplight Prism in {NodeModules}, and installing it needs npm, which was not found on PATH ({ex.Message}). "
                + $"Install Node.js >= 18.20 with npm, or run `npm ci` in {ContractsDir} yourself.", ex);
        }

        using (process)
        {
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            process.StandardInput.Close();

            using var timeout = new CancellationTokenSource(InstallTimeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Stop(process);
                throw new TimeoutException($"`npm ci` in {ContractsDir} did not finish within {InstallTimeout.TotalMinutes:0} min. Its output:{Environment.NewLine}{string.Join(Environment.NewLine, output)}");
            }
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"`npm ci --no-audit --no-fund` in {ContractsDir} failed with exit code {process.ExitCode}, so Prism could not be installed. Its output:{Environment.NewLine}{string.Join(Environment.NewLine, output)}");
            }
        }
    }

    // ---- Prism --------------------------------------------------------------------------------

    private async Task StartAsync()
    {
        for (var attempt = 1; attempt <= MaxPortAttempts; attempt++)
        {
            var port = FreeLoopbackPort();
            var process = StartPrism(port);
            _process = process;
            var ready = await WaitUntilListeningAsync(process, port).ConfigureAwait(false);
            if (ready)
            {
                _baseUri = new Uri($"http://127.0.0.1:{port}/");
                return;
            }
            var what = process.HasExited
                ? $"Prism exited with code {SafeExitCode(process)} before listening on 127.0.0.1:{port}"
                : $"Prism did not start listening on 127.0.0.1:{port} within {StartTimeout.TotalSeconds:0} s";
            Stop(process);
            process.Dispose();
            _process = null;
            // Another process may take the port between our check and Prism's bind: try another.
            if (_addressInUse && attempt < MaxPortAttempts) continue;
            throw new InvalidOperationException(
                what + $". Command: {PrismExecutable} mock -h 127.0.0.1 -p {port} --errors {SpecPath}. Its output:{Environment.NewLine}{Output}");
        }
    }

    private Process StartPrism(int port)
    {
        var start = new ProcessStartInfo(PrismExecutable)
        {
            WorkingDirectory = ContractsDir,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var argument in new[] { "mock", "-h", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--errors", SpecPath })
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["NO_COLOR"] = "1";
        start.Environment["FORCE_COLOR"] = "0";

        _addressInUse = false;
        Record($"> prism mock -h 127.0.0.1 -p {port} --errors {SpecFileName}");
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("Prism did not start.");
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException($"Could not run {PrismExecutable} ({ex.Message}). Is Node.js on PATH?", ex);
        }
        process.OutputDataReceived += (_, e) => RecordPrismLine(e.Data);
        process.ErrorDataReceived += (_, e) => RecordPrismLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
        return process;
    }

    /// <summary>
    /// Ready when the port answers as Prism does for an unknown path (a problem+json naming
    /// stoplight.io/prism), so a stranger that grabbed the port is never mistaken for Prism.
    /// </summary>
    private async Task<bool> WaitUntilListeningAsync(Process process, int port)
    {
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var probeUri = new Uri($"http://127.0.0.1:{port}/__outreachstats_readiness_probe");
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                process.WaitForExit(); // drains the output readers
                return false;
            }
            try
            {
                using var response = await probe.GetAsync(probeUri).ConfigureAwait(false);
                var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                if (body.Contains("stoplight.io/prism", StringComparison.Ordinal)) return true;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(150).ConfigureAwait(false);
        }
        return false;
    }

    private static int FreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    private void RecordPrismLine(string? line)
    {
        if (line is null) return;
        if (line.Contains("EADDRINUSE", StringComparison.Ordinal)) _addressInUse = true;
        Record(line);
    }

    private void Record(string line)
    {
        _output.Enqueue(line);
        while (_output.Count > MaxOutputLines && _output.TryDequeue(out _))
        {
        }
    }

    private static void Stop(Process? process)
    {
        if (process is null) return;
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone, or never started.
        }
        catch (Win32Exception)
        {
            // Exiting at the same moment.
        }
    }

    private static string SafeExitCode(Process process)
    {
        try { return process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture); }
        catch (InvalidOperationException) { return "unknown"; }
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OutreachStats.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds OutreachStats.sln, so tests/contracts cannot be found.");
    }
}
