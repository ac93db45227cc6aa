using System.Globalization;
using OutreachStats.PowerShell.Tests.Infrastructure;
using OutreachStats.Sandbox;
using Xunit;

namespace OutreachStats.PowerShell.Tests;

/// <summary>
/// Smartlead's pages as a server that caps limit serves them, and -IncludeTotalCount exported to
/// CSV the way the help shows.
/// </summary>
public sealed class SmartleadPagingTests : SmartleadTestBase
{
    [Fact]
    public async Task UnderACappedLimitEveryRowComesOnceInOrder()
    {
        Connect();
        var (id, total) = await PerSendCampaignAsync(rows => rows is > 120 and < 400);
        var expected = (await RowsAsync(id)).Select(r => (object?)r.GetProperty("stats_id").GetString()).ToArray();
        Sandbox.Faults.Add(new FaultRule { Provider = Provider, Kind = FaultKind.LimitCapped, Limit = 50, CampaignIds = [id] });

        var result = Run("Get-SmartleadCampaignStatistics $id -PageSize 200 -IncludeTotalCount -Verbose", new() { ["id"] = id });

        result.AssertNoErrors();
        Assert.Equal((ulong)total, (ulong)result.Output[0].BaseObject);
        var actual = result.Output.Skip(1).Select(o => Prop(o, "StatsId")).ToArray();
        Assert.Equal(expected, actual);
        // Each page from the offset plus the rows received, asking the page size each time.
        var pages = Requests().Select(r => (r.Query["offset"], r.Query["limit"])).ToArray();
        Assert.Equal(Enumerable.Range(0, (total + 49) / 50).Select(i => ((i * 50).ToString(CultureInfo.InvariantCulture), "200")), pages);
        Assert.Contains(result.Verbose, v => v.Message == $"Campaign '{id}': rows 1 to 50 of {total} (total_stats); Smartlead capped the page at 50 rows where 200 were asked for.");
    }

    [Fact]
    public async Task TheHelpsExportPatternWritesEveryRowAndKeepsTheTotal()
    {
        Connect();
        var (id, total) = await PerSendCampaignAsync(rows => rows is > 0 and < 300);
        var csv = Path.Combine(Path.GetTempPath(), $"outreachstats-sends-{Guid.NewGuid():N}.csv");
        try
        {
            // The example as the help writes it, for this campaign and file.
            var example = Run("""
                (Get-Help Get-SmartleadCampaignStatistics).examples.example |
                    Where-Object title -Match 'Export the rows to CSV and keep the total apart' |
                    ForEach-Object { $_.code }
                """);
            example.AssertNoErrors();
            var code = ((string)Assert.Single(example.Output).BaseObject).Replace("12345", id).Replace("sends.csv", $"'{csv}'");

            var result = Run(code + "\n[pscustomobject]@{ Total = $total; Accuracy = $total.Accuracy; Rows = @(Import-Csv -LiteralPath $csvPath) }", new() { ["csvPath"] = csv });

            result.AssertNoErrors();
            Assert.Equal($"Smartlead has {total} rows for campaign {id} (accuracy 1)", result.Output[0].BaseObject);
            var summary = result.Output[1];
            Assert.Equal((ulong)total, System.Management.Automation.PSObject.AsPSObject(Prop(summary, "Total")!).BaseObject);
            var rows = ((System.Collections.IEnumerable)Prop(summary, "Rows")!).Cast<object>().Select(r => System.Management.Automation.PSObject.AsPSObject(r)).ToArray();
            Assert.Equal(total, rows.Length);
            Assert.All(rows, r => Assert.Equal(id, Prop(r, "CampaignId")));
            Assert.DoesNotContain("Accuracy", File.ReadLines(csv).First());
        }
        finally
        {
            File.Delete(csv);
        }
    }
}
