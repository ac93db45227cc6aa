using OutreachStats.Sandbox;
using Xunit;

namespace OutreachStats.PowerShell.Tests.EndToEnd;

/// <summary>Get-LemlistBatchStats against batch answers whose entries fail transiently: only those campaigns are asked for again.</summary>
public sealed class LemlistBatchRetrySandboxTests : SandboxTestBase
{
    [Fact]
    public void CampaignsWhoseEntriesFailedOnceAreReSentAloneAndEveryCampaignComesOutOnce()
    {
        Connect(SandboxProvider.Lemlist);
        var ids = LemlistIds(250);
        // 250 IDs travel as batches of 100, 100 and 50. A rule applies to the first batch naming
        // one of its campaigns, and only one non-delay rule applies per request: so the three
        // error entries share the first batch and the missing one is in the last.
        var failing = new[] { ids[10], ids[50], ids[90] };
        var missing = ids[230];
        Sandbox.Faults.Add(new FaultRule { Provider = SandboxProvider.Lemlist, Kind = FaultKind.BatchEntryError, CampaignIds = failing, Count = 1 });
        Sandbox.Faults.Add(new FaultRule { Provider = SandboxProvider.Lemlist, Kind = FaultKind.BatchEntryMissing, CampaignIds = [missing], Count = 1 });

        var result = Run("$ids | Get-LemlistBatchStats -Verbose", new() { ["ids"] = ids.ToArray() });

        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        Assert.Equal(ids, result.Output.Select(o => (string)Prop(o, "CampaignId")!));
        Assert.Empty(Sandbox.Faults.Active);
        var counters = LemlistCounters;
        Assert.Equal(2, counters.FaultsInjected);
        // Three batches, then one re-send for the first batch and one for the last.
        Assert.Equal(5, counters.Endpoints["/v2/campaigns/stats/batch"].Requests);
        // The counters keep no request's IDs; the verbose stream gives each request's size.
        var sizes = result.Verbose
            .Select(v => System.Text.RegularExpressions.Regex.Match(v.Message, @"^Batch of (\d+) campaign"))
            .Where(m => m.Success)
            .Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
            .Order();
        Assert.Equal(new[] { 1, 3, 50, 100, 100 }, sizes);
        Assert.Equal(2, result.Verbose.Count(v => v.Message.Contains("failed transiently", StringComparison.Ordinal)));
    }
}
