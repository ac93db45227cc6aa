using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace OutreachStats.Testing;

/// <summary>
/// One running Stoplight Prism (npm @stoplight/prism-cli, pinned in tests/contracts/package.json)
/// on a free loopback port. Compiled into both test projects, which cannot reference each other:
/// the client tests run it in mock mode, the sandbox tests in proxy mode.
/// <see cref="EnsureInstalledAsync"/> installs Prism with <c>npm ci</c> when
/// tests/contracts/node_modules lacks it, so <c>dotnet test</c> works on a fresh machine that has
/// Node.js and npm.
/// </summary>
internal sealed class PrismProcess : IDisposable
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan InstallLockTimeout = TimeSpan.FromMinutes(6);
    private const int MaxPortAttempts = 5;
    private const int MaxOutputLines = 400;

    private static readonly Lazy<string> LazyRepoRoot = new(FindRepoRoot);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;
    private int _disposed;

    private PrismProcess(Process process, Uri baseUri, ConcurrentQueue<string> output)
    {
        _process = process;
        BaseUri = baseUri;
        _output = output;
        // A test run that ends without disposing its fixtures must not leave Prism running.
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    /// <summary>The folder holding OutreachStats.sln.</summary>
    public static string RepoRoot => LazyRepoRoot.Value;

    /// <summary>tests/contracts: the contracts, package.json and package-lock.json.</summary>
    public static string ContractsDir => Path.Combine(RepoRoot, "tests", "contracts");

    private static string NodeModules => Path.Combine(ContractsDir, "node_modules");

    private static string PrismExecutable => Path.Combine(NodeModules, ".bin", OperatingSystem.IsWindows() ? "prism.cmd" : "prism");

    /// <summary>Prism's address, as http://127.0.0.1:port/.</summary>
    public Uri BaseUri { get; }

    /// <summary>What Prism has written so far (the last lines), for failure messages.</summary>
    public string Output => string.Join(Environment.NewLine, _output);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        Stop(_process);
        _process.Dispose();
    }

    private void OnProcessExit(object? sender, EventArgs e) => Stop(_process);

    // ---- Installation -------------------------------------------------------------------------

    public static async Task EnsureInstalledAsync()
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
    private static string? InstalledProblem()
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

    private static async Task<FileStream> AcquireInstallLockAsync()
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

    private static async Task RunNpmCiAsync()
    {
        var start = RedirectedStartInfo(OperatingSystem.IsWindows() ? "npm.cmd" : "npm");
        foreach (var argument in new[] { "ci", "--no-audit", "--no-fund" }) start.ArgumentList.Add(argument);
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
            CaptureOutput(process, line => output.Enqueue(line));

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

    /// <summary>
    /// Runs <c>prism</c> with <paramref name="arguments"/> followed by <c>-h 127.0.0.1 -p</c> a
    /// free port, and returns once Prism answers there. Call <see cref="EnsureInstalledAsync"/> first.
    /// </summary>
    public static async Task<PrismProcess> StartAsync(IReadOnlyList<string> arguments, TimeSpan startTimeout)
    {
        // One log across attempts, so a final failure also shows why the earlier ones failed.
        var output = new ConcurrentQueue<string>();
        for (var attempt = 1; ; attempt++)
        {
            var port = FreeLoopbackPort();
            string[] command = [.. arguments, "-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture)];
            var addressInUse = false;
            Record(output, "> prism " + string.Join(" ", command));
            var prism = new PrismProcess(Launch(command, line =>
            {
                if (line.Contains("EADDRINUSE", StringComparison.Ordinal)) Volatile.Write(ref addressInUse, true);
                Record(output, line);
            }), new Uri($"http://127.0.0.1:{port}/"), output);
            if (await prism.WaitUntilListeningAsync(startTimeout).ConfigureAwait(false)) return prism;

            var what = prism._process.HasExited
                ? $"Prism exited with code {SafeExitCode(prism._process)} before listening on 127.0.0.1:{port}"
                : $"Prism did not start listening on 127.0.0.1:{port} within {startTimeout.TotalSeconds:0} s";
            prism.Dispose();
            // Another process may take the port between our check and Prism's bind: try another.
            if (Volatile.Read(ref addressInUse) && attempt < MaxPortAttempts) continue;
            throw new InvalidOperationException(
                what + $". Command: {PrismExecutable} {string.Join(" ", command)}. Its output:{Environment.NewLine}{prism.Output}");
        }
    }

    private static Process Launch(string[] command, Action<string> onLine)
    {
        var start = RedirectedStartInfo(PrismExecutable);
        foreach (var argument in command) start.ArgumentList.Add(argument);
        start.Environment["FORCE_COLOR"] = "0";

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("Prism did not start.");
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException($"Could not run {PrismExecutable} ({ex.Message}). Is Node.js on PATH?", ex);
        }
        CaptureOutput(process, onLine);
        return process;
    }

    /// <summary>
    /// Ready when the port answers as Prism does for an unknown path (a problem+json naming
    /// stoplight.io/prism), so a stranger that grabbed the port is never mistaken for Prism.
    /// </summary>
    private async Task<bool> WaitUntilListeningAsync(TimeSpan startTimeout)
    {
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var probeUri = new Uri(BaseUri, "__outreachstats_readiness_probe");
        var deadline = DateTime.UtcNow + startTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                _process.WaitForExit(); // drains the output readers
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

    private static ProcessStartInfo RedirectedStartInfo(string fileName)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = ContractsDir,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.Environment["NO_COLOR"] = "1";
        return start;
    }

    /// <summary>Reads both streams line by line and closes stdin, so the tool never waits for input.</summary>
    private static void CaptureOutput(Process process, Action<string> onLine)
    {
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) onLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) onLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
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

    private static void Record(ConcurrentQueue<string> output, string line)
    {
        output.Enqueue(line);
        while (output.Count > MaxOutputLines && output.TryDequeue(out _))
        {
        }
    }

    private static void Stop(Process process)
    {
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
        try { return process.ExitCode.ToString(CultureInfo.InvariantCulture); }
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
