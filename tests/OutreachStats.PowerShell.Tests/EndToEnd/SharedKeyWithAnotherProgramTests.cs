using System.Net.Http.Headers;
using System.Text;
using OutreachStats.PowerShell.Tests.Infrastructure;
using OutreachStats.Sandbox;
using Xunit;

namespace OutreachStats.PowerShell.Tests.EndToEnd;

/// <summary>
/// Another program uses the same lemlist key: the module reads what the sandbox (like lemlist)
/// says is left of the window (X-RateLimit-Limit, -Remaining, -Reset) and does not overspend it.
/// Real time on purpose: lemlist's window and its reset, as the sandbox counts them.
/// </summary>
public sealed class SharedKeyWithAnotherProgramTests : SandboxTestBase
{
    [Fact]
    public async Task WhatAnotherProgramLeavesOfTheWindowIsNotOverspent()
    {
        // 10 campaigns for the 5 requests the other program leaves: the module must wait for the reset once.
        var ids = Ids(SandboxProvider.Lemlist, 10);
        // The module's first command in this process pays for compilation; that must not let the
        // other program's window run out before the module starts.
        Connect(SandboxProvider.Lemlist);
        Run("Get-LemlistCampaignStats $id", new() { ["id"] = ids[0] }).AssertNoErrors();
        var key = SandboxKeys.Valid(SandboxProvider.Lemlist) + "-" + Guid.NewGuid().ToString("N");
        Connect(SandboxProvider.Lemlist, key);
        using var other = new HttpClient();
        other.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(":" + key)));
        var stats = new Uri(Sandbox.BaseUri(SandboxProvider.Lemlist) + "/v2/campaigns/" + ids[0] + "/stats?startDate=2025-01-01T00:00:00.000Z&endDate=2025-06-30T00:00:00.000Z");
        Sandbox.Counters.Reset();

        // The other program spends 15 of the window's 20 requests.
        for (var i = 0; i < 15; i++) (await other.GetAsync(stats)).EnsureSuccessStatusCode();
        var result = Session.Run("$ids | Get-LemlistCampaignStats", new() { ["ids"] = ids }, verbose: true);

        result.AssertNoErrors();
        Assert.Equal(ids, result.Output.Select(o => (string)Prop(o, "CampaignId")!));
        Assert.Equal(25, LemlistCounters.Requests);
        // Its own budget would have let the module send all 10 into the window the other program
        // had already spent most of: the sandbox would have answered 429.
        Assert.Equal(0, LemlistCounters.RateLimited);
        Assert.Contains(result.Verbose, v => v.Message.Contains("another program is using this key"));
    }
}
