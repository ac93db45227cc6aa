using OutreachStats.PowerShell.Tests.Infrastructure;
using OutreachStats.Sandbox;
using Xunit;

namespace OutreachStats.PowerShell.Tests.EndToEnd;

/// <summary>10,000 campaign IDs in one command: each comes out once, in input order, without an error or a 429.</summary>
public sealed class LargeInputTests : SandboxTestBase
{
    private const int Campaigns = 10_000;

    protected override SandboxOptions Options => new() { CampaignsPerProvider = Campaigns };

    [Fact]
    public void TenThousandIdsFromThePipelineComeOutOnceEachInOrderThroughAHundredBatches()
    {
        Connect(SandboxProvider.Lemlist);
        var ids = Ids(SandboxProvider.Lemlist, Campaigns);

        var result = Run("$ids | Get-LemlistBatchStats", new() { ["ids"] = ids });

        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        Assert.Equal(ids, result.Output.Select(o => (string)Prop(o, "CampaignId")!));
        var counters = LemlistCounters;
        Assert.Equal(100, counters.Requests);
        Assert.Equal(100, counters.Endpoints["/v2/campaigns/stats/batch"].Requests);
        Assert.Equal(100, counters.MaxCampaignIds);
        Assert.Equal(0, counters.RateLimited);
    }

    [Fact]
    public void TenThousandIdsThroughOneRequestEachComeOutOnceEachInOrder()
    {
        var ids = Ids(SandboxProvider.Leadterra, Campaigns);
        // Leadterra publishes no limit and the sandbox sets none for it; at the module's default
        // of 60 a minute, 10,000 requests would take almost three hours. The highest limit there is
        // leaves only the machine to pace them.
        var connect = Run(
            "Connect-OutreachProvider -Provider Leadterra -ApiKey $key -BaseUri $uri -RateLimit 100000 -RateLimitWindowSeconds 1",
            new()
            {
                ["key"] = Secure(KeyOf(SandboxProvider.Leadterra)),
                ["uri"] = Sandbox.BaseUri(SandboxProvider.Leadterra),
            });
        connect.AssertNoErrors();

        var result = Run("$ids | Get-LeadterraCampaignStats", new() { ["ids"] = ids });

        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        Assert.Equal(ids, result.Output.Select(o => (string)Prop(o, "CampaignId")!));
        var counters = Sandbox.Counters.Snapshot()[SandboxProvider.Leadterra];
        Assert.Equal(Campaigns, counters.Requests);
        Assert.Equal(Campaigns, counters.Status(200));
        Assert.Equal(0, counters.RateLimited);
    }
}
