using System.Text.Json;

namespace OutreachStats.Pester.Tests;

/// <summary>
/// The Pester suite run in the repository's pwsh: its tests listed (Pester's discovery, no
/// sandbox needed) and, once for all cases, run against a sandbox the suite starts itself.
/// </summary>
internal static class PesterSuite
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(15);
    private static readonly Lazy<Task<SuiteRun>> SharedRun = new(RunAsync);
    private static readonly Lazy<IReadOnlyList<string>> Discovered = new(DiscoverOnce);

    /// <summary>Every test's expanded path (Describe names, then the It name, joined by dots).</summary>
    public static IReadOnlyList<string> Discover() => Discovered.Value;

    private static IReadOnlyList<string> DiscoverOnce()
    {
        var (exitCode, output, errors) = RunPwshAsync(["-ListOnly"], TimeSpan.FromMinutes(2)).GetAwaiter().GetResult();
        var tests = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (exitCode != 0 || tests.Length == 0)
        {
            throw new InvalidOperationException($"Pester discovery failed (exit code {exitCode}):\n{errors}\n{output}");
        }
        return tests;
    }

    /// <summary>The suite's one run, shared by every case.</summary>
    public static Task<SuiteRun> Run() => SharedRun.Value;

    private static async Task<SuiteRun> RunAsync()
    {
        var resultPath = Path.Combine(Path.GetTempPath(), $"outreachstats-pester-{Guid.NewGuid():N}.json");
        try
        {
            var (exitCode, output, errors) = await RunPwshAsync(["-ResultPath", resultPath, "-Output", "Detailed"], RunTimeout);
            if (!File.Exists(resultPath))
            {
                throw new InvalidOperationException($"The Pester suite wrote no results (exit code {exitCode}):\n{errors}\n{output}");
            }
            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(resultPath));
            var tests = json.RootElement.GetProperty("tests").EnumerateArray()
                .Select(t => new PesterResult(t.GetProperty("path").GetString()!, t.GetProperty("result").GetString()!, t.GetProperty("error").GetString() ?? ""))
                .ToList();
            var failedFiles = json.RootElement.GetProperty("failedContainers").EnumerateArray()
                .Select(c => $"{c.GetProperty("path").GetString()}: {c.GetProperty("error").GetString()}")
                .ToList();
            return new SuiteRun(tests, failedFiles, output + errors);
        }
        finally
        {
            File.Delete(resultPath);
        }
    }

    private static Task<(int ExitCode, string Output, string Errors)> RunPwshAsync(string[] suiteArguments, TimeSpan timeout) =>
        Pwsh.RunFileAsync(Pwsh.Metadata("Suite"), suiteArguments, timeout);
}

internal sealed record PesterResult(string Path, string Result, string Error);

internal sealed record SuiteRun(IReadOnlyList<PesterResult> Tests, IReadOnlyList<string> FailedFiles, string Log);
