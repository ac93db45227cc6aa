using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace OutreachStats.Sandbox.Tests;

/// <summary>The sandbox started as `dotnet run --project src/OutreachStats.Sandbox -- ...` starts it: its options reach its limits.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public async Task Leadlex_and_Leadterra_rate_limit_options_set_that_many_per_minute()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { typeof(SandboxServer).Assembly.Location, "--port", "0", "--campaigns", "10", "--leadlex-rate-limit", "7", "--leadterra-rate-limit", "60" })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        try
        {
            string? root = null;
            while (root is null && await process.StandardOutput.ReadLineAsync() is { } line)
            {
                if (line.StartsWith("Control: ", StringComparison.Ordinal)) root = line["Control: ".Length..line.IndexOf("_sandbox", StringComparison.Ordinal)];
            }
            Assert.NotNull(root);
            using var http = new HttpClient();
            var providers = (await http.GetFromJsonAsync<JsonElement>(root + "_sandbox")).GetProperty("providers");

            Assert.Equal(7, providers.GetProperty("leadlex").GetProperty("rateLimit").GetProperty("limit").GetInt32());
            Assert.Equal(60, providers.GetProperty("leadlex").GetProperty("rateLimit").GetProperty("windowSeconds").GetDouble());
            Assert.Equal(60, providers.GetProperty("leadterra").GetProperty("rateLimit").GetProperty("limit").GetInt32());
            Assert.Equal(60, providers.GetProperty("leadterra").GetProperty("rateLimit").GetProperty("windowSeconds").GetDouble());
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }
}
