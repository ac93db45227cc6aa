using OutreachStats.PowerShell.Tests.Infrastructure;
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
        var ids = Ids(SandboxProvider.Lemlist, 250);
        // 250 IDs travel as batches of 100, 100 and 50. A rule applies to the first batch naming
        // one of its campaigns, and only one non-delay rule applies per request: so the three
        // error entries share the first batch and the missing one is in the last.
        var failing = new[] { ids[10], ids[50], ids[90] };
        var missing = ids[230];
        Sandbox.Faults.Add(new FaultRule { Provider = SandboxProvider.Lemlist, Kind = FaultKind.BatchEntryError, CampaignIds = failing, Count = 1 });
        Sandbox.Faults.Add(new FaultRule { Provider = SandboxProvider.Lemlist, Kind = FaultKind.BatchEntryMissing, CampaignIds = [missing], Count = 1 });

        var result = Run("$ids | Get-LemlistBatchStats -Verbose", new() { ["ids"] = ids });

        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        Assert.Equal(ids, result.Output.Select(o => (string)Prop(o, "CampaignId")!));
        Assert.Empty(Sandbox.Faults.Active);
        var counters = LemlistCounters;
        Assert.Equal(2, counters.FaultsInjected);
        // Three batches, then one re-send for the first batch and one for the last.
        Assert.Equal(5, counters.Endpoints["/v2/campaigns/stats/batch"].Requests);
        // The counters keep no request's IDs; the verbose stream gives each batch's size and how
        // many of its campaigns each retry asks for again.
        Assert.Equal(new[] { 50, 100, 100 }, VerboseNumbers(result, @"^Campaigns '[^']+' to '[^']+': Batch of (\d+) campaign"));
        Assert.Equal(new[] { 1, 3 }, VerboseNumbers(result, @"answered 200, but (\d+) campaign\(s\) of the batch failed transiently"));
    }

    private static IEnumerable<int> VerboseNumbers(Infrastructure.PsResult result, string pattern) =>
        result.Verbose
            .Select(v => System.Text.RegularExpressions.Regex.Match(v.Message, pattern))
            .Where(m => m.Success)
            .Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
            .Order();
}
