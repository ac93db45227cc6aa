using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
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
/// Like tests/OutreachStats.Tests/Contract/PrismValidator.cs (mock mode), it installs the pinned
/// Prism with <c>npm ci</c> when it is missing, under the same lock file, so the two test projects
/// never install at once.
/// </summary>
public sealed class PrismProxies : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly Dictionary<SandboxProvider, (Process Process, Uri Uri)> _proxies = new();
    private readonly ConcurrentQueue<string> _output = new();

    public SandboxServer Sandbox { get; private set; } = null!;

    public string ContractsDir { get; } = Path.Combine(FindRepoRoot(), "tests", "contracts");

    /// <summary>What the Prism processes wrote, for failure messages.</summary>
    public string Output => string.Join(Environment.NewLine, _output.TakeLast(200));

    private string Prism => Path.Combine(ContractsDir, "node_modules", ".bin", OperatingSystem.IsWindows() ? "prism.cmd" : "prism");

    public Uri ProxyUri(SandboxProvider provider) => _proxies[provider].Uri;

    public async Task InitializeAsync()
    {
        await EnsureInstalledAsync();
        Sandbox = await SandboxServer.StartAsync(SandboxFixture.Unlimited);
        await Task.WhenAll(SandboxProviders().Select(StartAsync));
    }

    public async Task DisposeAsync()
    {
        foreach (var (process, _) in _proxies.Values)
        {
            try
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
            process.Dispose();
        }
        if (Sandbox is not null) await Sandbox.DisposeAsync();
    }

    private static IEnumerable<SandboxProvider> SandboxProviders() => Enum.GetValues<SandboxProvider>();

    private async Task StartAsync(SandboxProvider provider)
    {
        var spec = Path.Combine(ContractsDir, provider.ToString().ToLowerInvariant() + ".openapi.yaml");
        var port = FreeLoopbackPort();
        var start = new ProcessStartInfo(Prism)
        {
            WorkingDirectory = ContractsDir,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        string[] arguments = ["proxy", spec, Sandbox.BaseUri(provider).AbsoluteUri, "--errors", "-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture)];
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["NO_COLOR"] = "1";
        _output.Enqueue("> prism " + string.Join(" ", arguments));
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("Prism did not start.");
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException($"Could not run {Prism} ({ex.Message}). Is Node.js on PATH?", ex);
        }
        process.OutputDataReceived += (_, e) => Record(e.Data);
        process.ErrorDataReceived += (_, e) => Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
        var uri = new Uri($"http://127.0.0.1:{port}/");
        lock (_proxies) _proxies[provider] = (process, uri);
        await WaitUntilListeningAsync(process, uri);
    }

    /// <summary>Ready when the port answers as Prism does for an unknown path, so a stranger on the port is never taken for it.</summary>
    private async Task WaitUntilListeningAsync(Process process, Uri uri)
    {
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var response = await probe.GetAsync(new Uri(uri, "__sandbox_readiness_probe"));
                if ((await response.Content.ReadAsStringAsync()).Contains("stoplight.io/prism", StringComparison.Ordinal)) return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(200);
        }
        throw new InvalidOperationException($"Prism did not start listening on {uri}. Its output:{Environment.NewLine}{Output}");
    }

    private async Task EnsureInstalledAsync()
    {
        if (Installed()) return;
        // The same lock as the client tests' Prism fixture: one npm ci at a time across test projects.
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(ContractsDir)))).Substring(0, 16);
        var lockPath = Path.Combine(Path.GetTempPath(), $"outreachstats-contracts-npm-{hash}.lock");
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(6);
        FileStream? gate = null;
        while (gate is null)
        {
            try
            {
                gate = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(250);
            }
        }
        using (gate)
        {
            if (Installed()) return;
            var npm = new ProcessStartInfo(OperatingSystem.IsWindows() ? "npm.cmd" : "npm")
            {
                WorkingDirectory = ContractsDir,
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var argument in new[] { "ci", "--no-audit", "--no-fund" }) npm.ArgumentList.Add(argument);
            using var process = Process.Start(npm) ?? throw new InvalidOperationException("npm did not start.");
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            await process.WaitForExitAsync(timeout.Token);
            if (process.ExitCode != 0 || !Installed())
            {
                throw new InvalidOperationException($"`npm ci` in {ContractsDir} did not install Prism: {await output}{await errors}");
            }
        }
    }

    /// <summary>npm writes node_modules/.package-lock.json last: without it the install was cut short.</summary>
    private bool Installed() => File.Exists(Prism) && File.Exists(Path.Combine(ContractsDir, "node_modules", ".package-lock.json"));

    private void Record(string? line)
    {
        if (line is null) return;
        _output.Enqueue(line);
        while (_output.Count > 400 && _output.TryDequeue(out _))
        {
        }
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

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OutreachStats.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds OutreachStats.sln.");
    }
}
