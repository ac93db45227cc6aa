using OutreachStats.PowerShell.Tests.Infrastructure;
using OutreachStats.Sandbox;
using Xunit;

namespace OutreachStats.PowerShell.Tests.EndToEnd;

public sealed class LemlistSandboxTests : SandboxTestBase
{
    [Fact]
    public void AThousandIdsFromThePipelineComeOutInOrderThroughBatchesOfAtMostAHundred()
    {
        Connect(SandboxProvider.Lemlist);
        var ids = Ids(SandboxProvider.Lemlist, 1000);

        var result = Run("$ids | Get-LemlistBatchStats", new() { ["ids"] = ids });

        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        Assert.Equal(ids, result.Output.Select(o => (string)Prop(o, "CampaignId")!));
        var counters = LemlistCounters;
        Assert.Equal(10, counters.Endpoints["/v2/campaigns/stats/batch"].Requests);
        Assert.Equal(100, counters.MaxCampaignIds);
        Assert.Equal(0, counters.RateLimited);
    }

    [Fact]
    public void UnknownCampaignsAreErrorsOfTheirOwnWhileTheRestComeOut()
    {
        Connect(SandboxProvider.Lemlist);
        // One batch, then one request per campaign: 20 requests fit one of lemlist's windows (20 per 2 s), so nothing waits.
        var known = Ids(SandboxProvider.Lemlist, 17);
        var unknown = new[] { "cam_NoSuchCampaign0001", "cam_NoSuchCampaign0002" };
        var input = known.Take(9).Concat(unknown.Take(1)).Concat(known.Skip(9)).Concat(unknown.Skip(1)).ToArray();

        foreach (var command in new[] { "Get-LemlistBatchStats", "Get-LemlistCampaignStats" })
        {
            var result = Run($"$ids | {command}", new() { ["ids"] = input });

            Assert.Null(result.Terminating);
            Assert.Equal(known, result.Output.Select(o => (string)Prop(o, "CampaignId")!));
            Assert.Equal(unknown, result.Errors.Select(e => (string)e.TargetObject));
            Assert.All(result.Errors, e =>
            {
                Assert.Equal("LemlistCampaignNotFound", ErrorId(e));
                Assert.Equal(System.Management.Automation.ErrorCategory.ObjectNotFound, e.CategoryInfo.Category);
            });
        }
    }

    [Fact]
    public void ARejectedKeyStopsAtOnce()
    {
        Connect(SandboxProvider.Lemlist, SandboxKeys.Revoked(SandboxProvider.Lemlist));

        var result = Run("$ids | Get-LemlistCampaignStats", new() { ["ids"] = Ids(SandboxProvider.Lemlist, 50) });

        Assert.NotNull(result.Terminating);
        Assert.Equal("LemlistKeyRejected", ErrorId(result.TerminatingError!));
        Assert.Empty(result.Output);
        // A few requests were in flight together; the other campaigns were never asked for.
        Assert.InRange(LemlistCounters.Requests, 1, 8);
    }

    [Fact]
    public void A429FromTheServerIsWaitedOutAndEveryCampaignStillComesOut()
    {
        Connect(SandboxProvider.Lemlist);
        var ids = Ids(SandboxProvider.Lemlist, 12);
        Sandbox.Faults.Add(new FaultRule { Provider = SandboxProvider.Lemlist, Kind = FaultKind.RateLimited, RetryAfterSeconds = 1, Count = 3 });

        var result = Run("$ids | Get-LemlistCampaignStats", new() { ["ids"] = ids });

        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        Assert.Equal(ids, result.Output.Select(o => (string)Prop(o, "CampaignId")!));
        Assert.Equal(3, LemlistCounters.RateLimited);
        Assert.Equal(15, LemlistCounters.Requests);
    }

    [Fact]
    public void FiltersNarrowTheNumbersAsAUserExpects()
    {
        Connect(SandboxProvider.Lemlist);
        // A campaign with A/B steps, LinkedIn steps and several senders, so that each filter can narrow.
        var candidates = Sandbox.Campaigns(SandboxProvider.Lemlist, 0, 100).Where(c => c.SendUsers is { Count: > 1 }).ToDictionary(c => c.Id);
        var steps = Run("$ids | Get-LemlistBatchStats -PerStep", new() { ["ids"] = candidates.Keys.ToArray() }).Output;
        var campaign = candidates[steps
            .GroupBy(s => (string)Prop(s, "CampaignId")!)
            .First(g => g.Any(s => (string?)Prop(s, "AbTest") == "A") && g.Any(s => ((string?)Prop(s, "TaskType"))?.StartsWith("linkedin") == true)).Key];

        long Sent(string filters)
        {
            var result = Run($"Get-LemlistCampaignStats $id {filters}", new() { ["id"] = campaign.Id });
            Assert.Null(result.Terminating);
            Assert.Empty(result.Errors);
            return Convert.ToInt64(Prop(Assert.Single(result.Output), "Sent"));
        }

        var all = Sent("");
        var narrowed = new Dictionary<string, long>
        {
            ["january"] = Sent("-StartDate 2026-01-01 -EndDate 2026-01-31"),
            ["A"] = Sent("-ABVersion A"),
            ["B"] = Sent("-ABVersion B"),
            ["email"] = Sent("-Channel email"),
            ["sendUser"] = Sent($"-SendUser '{campaign.SendUsers![0]}'"),
        };
        Assert.True(all > 0);
        Assert.All(narrowed, pair => Assert.True(pair.Value < all, $"{pair.Key}: {pair.Value} of {all} sent ({string.Join(", ", narrowed)})"));
    }
}
