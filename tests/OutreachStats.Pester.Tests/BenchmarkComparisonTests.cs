using System.Text.RegularExpressions;
using Xunit;

namespace OutreachStats.Pester.Tests;

/// <summary>
/// tests/OutreachStats.Benchmarks/Compare.ps1 -Quick in the repository's pwsh: the table's shape
/// only. Its times are the benchmark's to report, never a test's to assert (the machine is noisy).
/// </summary>
public sealed class BenchmarkComparisonTests
{
    private static readonly Regex Row = new(
        @"^(?<latency>-|\d+ ms)\s+(?<case>\S.*?)\s+(?<runner>module|naive)\s+(?<items>\d+)\s+(?<seconds>\d+\.\d\d)\s+(?<requests>\d+)\s+(?<tooMany>\d+)"
        + @"\s+(?<floor>\d+\.\d\d|-)\s+(?<toFloor>\d+\.\d\d|-)\s+(?<toNaive>\d+\.\d\d|-)\s+(?<liveMB>\d+\.\d|-)$");

    private static readonly string[] ComparedCases =
        ["first call after import", "lemlist single", "lemlist batch", "Smartlead", "Leadlex", "Leadterra"];

    [Fact]
    public async Task QuickRunPrintsEveryCaseForBothRunnersWithTheSameWorkDone()
    {
        var (exitCode, output, errors) = await Pwsh.RunFileAsync(Pwsh.Metadata("Benchmark"), ["-Quick"], TimeSpan.FromMinutes(3));
        Assert.True(exitCode == 0, $"Compare.ps1 -Quick exited with {exitCode}:\n{errors}\n{output}");

        var lines = output.Split('\n', StringSplitOptions.TrimEntries);
        var header = Array.FindIndex(lines, l => l.StartsWith("latency ", StringComparison.Ordinal));
        Assert.True(header >= 0, "No table header in:\n" + output);
        Assert.Matches(@"^latency\s+case\s+runner\s+items\s+seconds\s+requests\s+429s\s+floor s\s+x floor\s+x naive\s+live MB$", lines[header]);
        var rows = lines.Skip(header + 1).Where(l => l.Length > 0).Select(l =>
        {
            var match = Row.Match(l);
            Assert.True(match.Success, $"Not a table row: '{l}'");
            return match;
        }).ToList();

        var import = Assert.Single(rows, r => r.Groups["case"].Value == "Import-Module");
        Assert.Equal("module", import.Groups["runner"].Value);
        Assert.Equal(1 + 2 * ComparedCases.Length, rows.Count);
        foreach (var name in ComparedCases)
        {
            var module = Assert.Single(rows, r => r.Groups["case"].Value.StartsWith(name, StringComparison.Ordinal) && r.Groups["runner"].Value == "module");
            var naive = Assert.Single(rows, r => r.Groups["case"].Value.StartsWith(name, StringComparison.Ordinal) && r.Groups["runner"].Value == "naive");
            Assert.NotEqual("0", module.Groups["items"].Value);
            Assert.Equal(naive.Groups["items"].Value, module.Groups["items"].Value);
            Assert.NotEqual("0", module.Groups["requests"].Value);
            Assert.NotEqual("-", module.Groups["floor"].Value);
            Assert.Equal("1.00", naive.Groups["toNaive"].Value);
        }
    }
}
