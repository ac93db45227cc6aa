using OutreachStats.PowerShell.Tests.Infrastructure;
using OutreachStats.Sandbox;
using Xunit;

namespace OutreachStats.PowerShell.Tests.EndToEnd;

/// <summary>
/// Eight runspaces, as ForEach-Object -Parallel or a runbook's jobs would use, on one lemlist key:
/// the key's budget is shared by the whole process, so together they stay within lemlist's 20
/// requests per 2 s and lemlist never answers 429.
/// </summary>
/// <remarks>
/// Real time on purpose: lemlist's documented window (a connection can only lower it) against the
/// sandbox's fixed one. 40 requests are two windows: a budget of each runspace's own would send
/// them at once, and the sandbox would answer 20 of them 429.
/// </remarks>
public sealed class SharedKeyRunspacesTests : SandboxTestBase
{
    private const int Runspaces = 8;
    private const int CampaignsPerRunspace = 5;

    protected override SandboxOptions Options => new() { Seed = 31, CampaignsPerProvider = Runspaces * CampaignsPerRunspace };

    [Fact]
    public async Task EightRunspacesOnOneLemlistKeyGetEveryCampaignOnceAndCauseNo429()
    {
        var key = KeyOf(SandboxProvider.Lemlist);
        var ids = Ids(SandboxProvider.Lemlist, Runspaces * CampaignsPerRunspace);
        var sessions = new List<PowerShellSession> { Session };
        try
        {
            sessions.AddRange(await Task.WhenAll(Enumerable.Range(1, Runspaces - 1).Select(_ => Task.Run(() => PowerShellSession.Start()))));
            foreach (var session in sessions)
            {
                session.Run("Connect-OutreachProvider -Provider Lemlist -ApiKey $key -BaseUri $uri", new()
                {
                    ["key"] = Secure(key),
                    ["uri"] = Sandbox.BaseUri(SandboxProvider.Lemlist),
                }).AssertNoErrors();
            }
            var shares = Enumerable.Range(0, Runspaces).Select(i => ids.Skip(i * CampaignsPerRunspace).Take(CampaignsPerRunspace).ToArray()).ToArray();

            // Each runspace on a thread of its own, all released at once so their requests compete for the key.
            using var start = new Barrier(Runspaces);
            var runs = sessions.Select((session, i) => Task.Factory.StartNew(
                () =>
                {
                    start.SignalAndWait();
                    return session.Run("$ids | Get-LemlistCampaignStats -StartDate 2024-07-01 -EndDate 2026-06-30", new() { ["ids"] = shares[i] });
                },
                CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
            var results = await Task.WhenAll(runs);

            for (var i = 0; i < Runspaces; i++)
            {
                results[i].AssertNoErrors();
                Assert.Equal(shares[i], results[i].Output.Select(o => (string)Prop(o, "CampaignId")!));
            }
            Assert.Equal(ids.Length, results.SelectMany(r => r.Output).Select(o => (string)Prop(o, "CampaignId")!).Distinct().Count());
            var counters = LemlistCounters;
            Assert.Equal(ids.Length, counters.Endpoints["/v2/campaigns/{campaignId}/stats"].Requests);
            Assert.Equal(ids.Length, counters.RequestsPerKey[key]);
            Assert.Equal(0, counters.RateLimited);
        }
        finally
        {
            // The base disposes its own session; the others are this test's.
            foreach (var session in sessions.Skip(1)) session.Dispose();
        }
    }
}
