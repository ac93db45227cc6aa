using OutreachStats.PowerShell.Tests.Infrastructure;
using OutreachStats.Sandbox;
using Xunit;

namespace OutreachStats.PowerShell.Tests.EndToEnd;

/// <summary>
/// How many requests a command keeps in flight follows the key's rate limit (at most 64, the
/// transport's connections per host), observed by the sandbox: the second campaign answers late,
/// and while it is not written only the campaigns in flight beside it can be asked for, so the
/// answers the sandbox has given when it comes out count them. Output stays in input order.
/// </summary>
public abstract class InFlightTestBase : SandboxTestBase
{
    /// <summary>Each campaign as it came out of <paramref name="command"/>, with the answers the sandbox had given by then.</summary>
    protected IReadOnlyList<(string Id, long Answered)> RunCountingAnswers(SandboxProvider provider, string command, IReadOnlyList<string> ids)
    {
        Func<long> answered = () => Sandbox.Counters.Snapshot()[provider].Requests;
        var result = Run($"$ids | {command} | ForEach-Object {{ [pscustomobject]@{{ Id = $_.CampaignId; Answered = $answered.Invoke() }} }}",
            new() { ["ids"] = ids.ToArray(), ["answered"] = answered });
        result.AssertNoErrors();
        return result.Output.Select(o => ((string)Prop(o, "Id")!, (long)Prop(o, "Answered")!)).ToList();
    }

    protected void AnswerLate(SandboxProvider provider, string id, int milliseconds) =>
        Sandbox.Faults.Add(new FaultRule { Provider = provider, Kind = FaultKind.Delay, DelayMilliseconds = milliseconds, CampaignIds = [id], Count = 1 });
}

public sealed class InFlightAtLatencyTests : InFlightTestBase
{
    protected override SandboxOptions Options => new() { CampaignsPerProvider = 40, Latency = TimeSpan.FromMilliseconds(300) };

    [Fact]
    public void AtThreeHundredMillisecondsAWholeLemlistWindowIsInFlightAtOnce()
    {
        Connect(SandboxProvider.Lemlist);
        var ids = Ids(SandboxProvider.Lemlist, 20);
        // A window (2 s) late: the 18 behind it are answered within it only if all 20 are in flight together.
        AnswerLate(SandboxProvider.Lemlist, ids[1], 2000);

        var rows = RunCountingAnswers(SandboxProvider.Lemlist, "Get-LemlistCampaignStats", ids);

        Assert.Equal(ids, rows.Select(r => r.Id));
        // With 4 in flight it would be 5: the first, the late one and the 3 beside it.
        Assert.Equal(20, rows[1].Answered);
        Assert.Equal(0, LemlistCounters.RateLimited);
    }
}

public sealed class InFlightCapTests : InFlightTestBase
{
    protected override SandboxOptions Options => new() { CampaignsPerProvider = 120 };

    [Fact]
    public void AKeyAllowedMoreThanTheTransportsConnectionsKeeps64InFlight()
    {
        Run("Connect-OutreachProvider -Provider Leadlex -ApiKey $key -BaseUri $uri -RateLimit 1000", new()
        {
            ["key"] = LemlistTestBase.Secure(SandboxKeys.Valid(SandboxProvider.Leadlex) + "-" + Guid.NewGuid().ToString("N")),
            ["uri"] = Sandbox.BaseUri(SandboxProvider.Leadlex),
        }).AssertNoErrors();
        var ids = Sandbox.Campaigns(SandboxProvider.Leadlex, 0, 100).Select(c => c.Id).ToList();
        AnswerLate(SandboxProvider.Leadlex, ids[1], 3000);

        var rows = RunCountingAnswers(SandboxProvider.Leadlex, "Get-LeadlexCampaignStats", ids);

        Assert.Equal(ids, rows.Select(r => r.Id));
        // The first, then the late one and the 63 beside it; the 66th waited for the late one to be written.
        Assert.Equal(65, rows[1].Answered);
    }

    [Fact]
    public void ARejectedKeyCostsOneRequestWhateverTheWindowAllows()
    {
        Connect(SandboxProvider.Lemlist, SandboxKeys.Revoked(SandboxProvider.Lemlist));

        var result = Run("$ids | Get-LemlistCampaignStats", new() { ["ids"] = Ids(SandboxProvider.Lemlist, 40).ToArray() });

        Assert.Equal("LemlistKeyRejected", ErrorId(result.TerminatingError!));
        Assert.Empty(result.Output);
        Assert.Equal(1, LemlistCounters.Requests);
    }
}
