using Xunit;

namespace OutreachStats.Pester.Tests;

/// <summary>One case per Pester test of tests/Pester: it passes when its Pester test passed.</summary>
public sealed class PesterSuiteTests
{
    public static TheoryData<string> Tests => new(PesterSuite.Discover());

    [Theory]
    [MemberData(nameof(Tests))]
    public async Task Passes(string test)
    {
        var run = await PesterSuite.Run();

        var result = run.Tests.FirstOrDefault(t => t.Path == test);
        Assert.True(result is not null, $"Pester did not run '{test}'. Its output:\n{run.Log}");
        Assert.True(result.Result == "Passed", $"Pester: {result.Result}\n{result.Error}");
    }

    [Fact]
    public async Task EveryTestFileRanAndEveryTestRanWasListed()
    {
        var run = await PesterSuite.Run();

        Assert.True(run.FailedFiles.Count == 0, "Test files that failed outside a test:\n" + string.Join("\n", run.FailedFiles));
        Assert.Equal(PesterSuite.Discover().Order(), run.Tests.Select(t => t.Path).Order());
    }
}
