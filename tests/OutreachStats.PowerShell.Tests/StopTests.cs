using System.Management.Automation;
using OutreachStats.PowerShell.Tests.Infrastructure;
using Xunit;

namespace OutreachStats.PowerShell.Tests;

/// <summary>Ctrl+C (PowerShell.Stop) while a request hangs.</summary>
public sealed class StopTests : FakeLemlistTestBase
{
    private static readonly TimeSpan StopDeadline = TimeSpan.FromSeconds(5);

    [Theory]
    [InlineData("Get-LemlistCampaignStats -CampaignId cam_1")]
    [InlineData("'cam_1', 'cam_2', 'cam_3', 'cam_4', 'cam_5', 'cam_6' | Get-LemlistCampaignStats")]
    [InlineData("Get-LemlistBatchStats -CampaignId cam_1, cam_2")]
    public async Task StoppingWhileTheServerHangsEndsPromptly(string script)
    {
        Connect();

        await Stopping.AssertStopsPromptlyWhileTheServerHangsAsync(Session, Server, script);
    }

    [Fact]
    public async Task StoppingDuringARetryAfterWaitEndsPromptly()
    {
        Connect();
        // lemlist asks to come back in 60 s: the module waits, and Ctrl+C must cut the wait short.
        Server.RateLimitNext(100, retryAfterSeconds: 60);
        using var ps = Session.CreatePowerShell("Get-LemlistCampaignStats -CampaignId cam_1");

        var invocation = ps.BeginInvoke();
        await Server.WaitForRequestsAsync(1, TimeSpan.FromSeconds(15));
        await Task.Delay(200);
        var stop = Task.Factory.FromAsync(ps.BeginStop(null, null), ps.EndStop);
        var finished = await Task.WhenAny(stop, Task.Delay(StopDeadline));

        Assert.True(finished == stop, $"Stop() had not returned after {StopDeadline.TotalSeconds} s.");
        Assert.True(invocation.AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(1)), "The invocation did not end.");
        Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
        Assert.Single(Server.Requests);
    }
}
