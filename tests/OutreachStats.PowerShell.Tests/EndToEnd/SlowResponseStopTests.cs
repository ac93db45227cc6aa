using System.Management.Automation;
using OutreachStats.PowerShell.Tests.Infrastructure;
using OutreachStats.Sandbox;
using Xunit;

namespace OutreachStats.PowerShell.Tests.EndToEnd;

/// <summary>
/// Ctrl+C while the sandbox answers a campaign a minute late (before its headers, or half-way
/// through its body): the command stops at once, and the campaigns queued behind it never come out.
/// </summary>
public sealed class SlowResponseStopTests : SandboxTestBase
{
    /// <summary>Stop() should return within a second; twice that allows for a loaded machine.</summary>
    private static readonly TimeSpan StopBound = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan AMinute = TimeSpan.FromSeconds(60);

    protected override SandboxOptions Options => new() { CampaignsPerProvider = 10 };

    [Theory]
    [InlineData(SandboxProvider.Lemlist, "Get-LemlistCampaignStats", FaultKind.SlowBody)]
    [InlineData(SandboxProvider.Lemlist, "Get-LemlistCampaignStats", FaultKind.Delay)]
    [InlineData(SandboxProvider.Leadterra, "Get-LeadterraCampaignStats", FaultKind.SlowBody)]
    [InlineData(SandboxProvider.Leadlex, "Get-LeadlexCampaignStats", FaultKind.Delay)]
    public async Task StoppingDuringASlowAnswerEndsAtOnceAndWritesNothingMore(SandboxProvider provider, string command, FaultKind kind)
    {
        Connect(provider);
        var ids = Ids(provider, 3);
        // The second campaign's answer is a minute late; the first and third answer at once.
        Sandbox.Faults.Add(kind == FaultKind.SlowBody
            ? new FaultRule { Provider = provider, Kind = kind, CampaignIds = new[] { ids[1] }, Count = 1, Chunks = 2, ChunkDelayMilliseconds = (int)AMinute.TotalMilliseconds }
            : new FaultRule { Provider = provider, Kind = kind, CampaignIds = new[] { ids[1] }, Count = 1, DelayMilliseconds = (int)AMinute.TotalMilliseconds });
        Session.SetVariable("ids", ids);
        using var ps = Session.CreatePowerShell($"$ids | {command}");
        var output = new PSDataCollection<PSObject>();

        var invocation = ps.BeginInvoke<PSObject, PSObject>(null, output);
        // The slow request has arrived (its rule is used up) and the first campaign is out.
        await WaitUntilAsync(() => Sandbox.Faults.Active.Count == 0 && output.Count == 1, "the slow request and the first campaign arrived");
        var stop = Task.Factory.FromAsync(ps.BeginStop(null, null), ps.EndStop);
        var finished = await Task.WhenAny(stop, Task.Delay(StopBound));

        Assert.True(finished == stop, $"Stop() had not returned after {StopBound.TotalSeconds} s.");
        await stop;
        Assert.True(invocation.AsyncWaitHandle.WaitOne(StopBound), "The invocation did not end after Stop() returned.");
        Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
        // The third campaign, queued behind the slow one, must not slip out after the stop.
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.Equal(new[] { ids[0] }, output.Select(o => (string)Prop(o, "CampaignId")!));
        Assert.Empty(ps.Streams.Error);
    }
}
