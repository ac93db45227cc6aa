using System.Net;
using Xunit;
using OutreachStats.Testing;

namespace OutreachStats.Sandbox.Tests;

/// <summary>What the sandbox served, readable in code and at /_sandbox/counters, and resettable.</summary>
public sealed class CounterTests
{
    [Fact]
    public async Task Requests_statuses_429s_batch_sizes_and_keys_are_counted()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions());
        using var client = new SandboxClient(sandbox);
        var ids = sandbox.Campaigns(SandboxProvider.Lemlist, 0, 60).Select(c => c.Id).ToList();
        await client.LemlistStatsAsync(ids[0]);
        await client.LemlistStatsAsync("cam_unknown");
        await client.LemlistBatchAsync(ids.Take(37));
        await client.LemlistBatchAsync(ids.Take(12));
        await client.LemlistStatsAsync(ids[0], key: SandboxKeys.Throttled(SandboxProvider.Lemlist));
        await client.LeadlexAsync("cmp_abc123", "wrong");
        sandbox.Faults.Add(new FaultRule { Provider = SandboxProvider.Leadterra, Kind = FaultKind.Html, Count = 1 });
        await client.LeadterraAsync("camp_123");

        var counters = sandbox.Counters.Snapshot();
        var lemlist = counters[SandboxProvider.Lemlist];
        Assert.Equal(5, lemlist.Requests);
        Assert.Equal(1, lemlist.RateLimited);
        Assert.Equal(37, lemlist.MaxCampaignIds);
        var stats = lemlist.Endpoints["/v2/campaigns/{campaignId}/stats"];
        Assert.Equal(3, stats.Requests);
        Assert.Equal(1, stats.Statuses[200]);
        Assert.Equal(1, stats.Statuses[404]);
        Assert.Equal(1, stats.Statuses[429]);
        Assert.Equal(2, lemlist.Endpoints["/v2/campaigns/stats/batch"].Statuses[200]);
        Assert.Equal(37, lemlist.Endpoints["/v2/campaigns/stats/batch"].MaxCampaignIds);
        Assert.Equal(4, lemlist.RequestsPerKey[SandboxKeys.Valid(SandboxProvider.Lemlist)]);
        Assert.Equal(1, lemlist.RequestsPerKey[SandboxKeys.Throttled(SandboxProvider.Lemlist)]);
        Assert.Equal(1, counters[SandboxProvider.Leadlex].Status(401));
        Assert.Equal(1, counters[SandboxProvider.Leadlex].RequestsPerKey["wrong"]);
        Assert.Equal(1, counters[SandboxProvider.Leadterra].FaultsInjected);
        Assert.Equal(0, counters[SandboxProvider.Smartlead].Requests);

        var json = await SandboxClient.JsonAsync(await client.ControlAsync(HttpMethod.Get, "/counters"));
        var lemlistJson = json.GetProperty("providers").GetProperty("lemlist");
        Assert.Equal(5, lemlistJson.GetProperty("requests").GetInt32());
        Assert.Equal(1, lemlistJson.GetProperty("rateLimited").GetInt32());
        Assert.Equal(37, lemlistJson.GetProperty("endpoints").GetProperty("/v2/campaigns/stats/batch").GetProperty("maxCampaignIds").GetInt32());
        Assert.Equal(1, lemlistJson.GetProperty("endpoints").GetProperty("/v2/campaigns/{campaignId}/stats").GetProperty("statuses").GetProperty("404").GetInt32());

        Assert.Equal(HttpStatusCode.NoContent, (await client.ControlAsync(HttpMethod.Delete, "/counters")).StatusCode);
        Assert.Equal(0, sandbox.Counters.Snapshot()[SandboxProvider.Lemlist].Requests);
        await client.LemlistStatsAsync(ids[0]);
        sandbox.Counters.Reset();
        Assert.Empty(sandbox.Counters.Snapshot()[SandboxProvider.Lemlist].Endpoints);
    }

    [Fact]
    public async Task The_control_root_names_base_URLs_keys_and_campaigns_that_exist()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Seed = 3 });
        using var client = new SandboxClient(sandbox);
        var info = await SandboxClient.OkJsonAsync(await client.ControlAsync(HttpMethod.Get, ""));
        Assert.Equal(3, info.GetProperty("seed").GetInt64());
        var lemlist = info.GetProperty("providers").GetProperty("lemlist");
        Assert.Equal(sandbox.BaseUri(SandboxProvider.Lemlist).AbsoluteUri, lemlist.GetProperty("baseUri").GetString());
        Assert.EndsWith("/lemlist/api", lemlist.GetProperty("baseUri").GetString());
        Assert.Equal("sbx-lm-Kq7Vw2", lemlist.GetProperty("keys").GetProperty("valid").GetString());
        Assert.Equal(20, lemlist.GetProperty("rateLimit").GetProperty("limit").GetInt32());
        Assert.Equal("sbx-lx-Pm5Jd1", info.GetProperty("providers").GetProperty("leadlex").GetProperty("keys").GetProperty("withoutCampaignsRead").GetString());

        var listed = await SandboxClient.OkJsonAsync(await client.ControlAsync(HttpMethod.Get, "/campaigns?provider=lemlist&skip=2&take=3"));
        Assert.Equal(5002, listed.GetProperty("total").GetInt32());
        var campaigns = listed.GetProperty("campaigns").EnumerateArray().ToList();
        Assert.Equal(3, campaigns.Count);
        foreach (var campaign in campaigns)
        {
            var sendUser = campaign.GetProperty("sendUsers")[0].GetString()!;
            var query = SandboxClient.AllTime + "&sendUser=" + Uri.EscapeDataString(sendUser);
            Assert.Equal(HttpStatusCode.OK, (await client.LemlistStatsAsync(campaign.GetProperty("id").GetString()!, query)).StatusCode);
        }
        var smartlead = await SandboxClient.OkJsonAsync(await client.ControlAsync(HttpMethod.Get, "/campaigns?provider=smartlead&take=50"));
        Assert.Contains(smartlead.GetProperty("campaigns").EnumerateArray(), c => c.GetProperty("shape").GetString() == "perSend");
        Assert.Equal(HttpStatusCode.BadRequest, (await client.ControlAsync(HttpMethod.Get, "/campaigns?provider=mailchimp")).StatusCode);
    }
}
