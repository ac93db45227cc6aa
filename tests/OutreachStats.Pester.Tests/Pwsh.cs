using System.Diagnostics;
using System.Reflection;

namespace OutreachStats.Pester.Tests;

/// <summary>The repository's pwsh (tests/OutreachStats.Pwsh) running one script, as `pwsh -File` does.</summary>
internal static class Pwsh
{
    /// <summary>A path or setting the project file wrote into this assembly.</summary>
    public static string Metadata(string key) =>
        typeof(Pwsh).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    /// <summary>Runs the script with the build's -Configuration and the arguments given; kills it past the timeout.</summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunFileAsync(string script, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { Metadata("Pwsh"), "-NoProfile", "-NonInteractive", "-File", script, "-Configuration", Metadata("Configuration") }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"pwsh {script} {string.Join(' ', arguments)} did not finish within {timeout}:\n{await output}\n{await errors}");
        }
        return (process.ExitCode, await output, await errors);
    }
}
