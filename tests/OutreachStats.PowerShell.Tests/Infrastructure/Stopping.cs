using System.Management.Automation;
using OutreachStats.Sandbox;
using Xunit;

namespace OutreachStats.PowerShell.Tests.Infrastructure;

/// <summary>Ctrl+C (PowerShell.Stop) while the provider keeps the module waiting, for any provider's cmdlet.</summary>
public static class Stopping
{
    private static readonly TimeSpan StopDeadline = TimeSpan.FromSeconds(5);

    /// <summary>Every request of the provider (from the <paramref name="startAfter"/>th on) is answered a minute late.</summary>
    public static FaultRule AnswersAMinuteLate(SandboxProvider provider, int? startAfter = null) =>
        new() { Provider = provider, Kind = FaultKind.Delay, DelayMilliseconds = 60_000, StartAfter = startAfter };

    /// <summary>
    /// Runs <paramref name="script"/>, stops it once <paramref name="requests"/> requests reached
    /// the provider, and asserts it ended at once as stopped, with no error. The test has made
    /// the sandbox keep the module waiting (<see cref="AnswersAMinuteLate"/>, a long Retry-After).
    /// </summary>
    public static async Task AssertStopsPromptlyAsync(PowerShellSession session, SandboxServer sandbox, SandboxProvider provider, string script, int requests = 1)
    {
        using var ps = session.CreatePowerShell(script);

        var invocation = ps.BeginInvoke();
        await SandboxTestBase.WaitUntilAsync(() => sandbox.Requests.Snapshot().Count(r => r.Provider == provider) >= requests, $"{requests} request(s) arrived");
        var stop = Task.Factory.FromAsync(ps.BeginStop(null, null), ps.EndStop);
        var finished = await Task.WhenAny(stop, Task.Delay(StopDeadline));

        Assert.True(finished == stop, $"Stop() had not returned after {StopDeadline.TotalSeconds} s.");
        await stop;
        Assert.True(invocation.AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(2)), "The invocation did not end after Stop() returned.");
        Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
        Assert.Throws<PipelineStoppedException>(() => ps.EndInvoke(invocation));
        Assert.Empty(ps.Streams.Error);
    }
}
