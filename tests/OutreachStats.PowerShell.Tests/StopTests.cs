using System.Management.Automation;
using OutreachStats.PowerShell.Tests.Infrastructure;
using OutreachStats.Sandbox;
using Xunit;

namespace OutreachStats.PowerShell.Tests;

/// <summary>Ctrl+C (PowerShell.Stop) while lemlist keeps the module waiting.</summary>
public sealed class StopTests : LemlistTestBase
{
    private static readonly TimeSpan StopDeadline = TimeSpan.FromSeconds(5);

    [Theory]
    [InlineData("Get-LemlistCampaignStats -CampaignId cam_1")]
    [InlineData("'cam_1', 'cam_2', 'cam_3', 'cam_4', 'cam_5', 'cam_6' | Get-LemlistCampaignStats")]
    [InlineData("Get-LemlistBatchStats -CampaignId cam_1, cam_2")]
    public async Task StoppingWhileTheServerHangsEndsPromptly(string script)
    {
        Connect();
        Sandbox.Faults.Add(Stopping.AnswersAMinuteLate(Provider));

        await Stopping.AssertStopsPromptlyAsync(Session, Sandbox, Provider, script);
    }

    [Fact]
    public async Task StoppingDuringARetryAfterWaitEndsPromptly()
    {
        Connect();
        // lemlist asks to come back in 60 s: the module waits, and Ctrl+C must cut the wait short.
        Sandbox.Faults.Add(new FaultRule { Provider = Provider, Kind = FaultKind.RateLimited, RetryAfterSeconds = 60 });
        using var ps = Session.CreatePowerShell("Get-LemlistCampaignStats -CampaignId cam_1");

        var invocation = ps.BeginInvoke();
        await WaitUntilAsync(() => Requests().Count > 0, "the first request arrived");
        await Task.Delay(200);
        var stop = Task.Factory.FromAsync(ps.BeginStop(null, null), ps.EndStop);
        var finished = await Task.WhenAny(stop, Task.Delay(StopDeadline));

        Assert.True(finished == stop, $"Stop() had not returned after {StopDeadline.TotalSeconds} s.");
        Assert.True(invocation.AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(1)), "The invocation did not end.");
        Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
        Assert.Single(Requests());
    }
}
