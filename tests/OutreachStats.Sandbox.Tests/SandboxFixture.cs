using Xunit;

namespace OutreachStats.Sandbox.Tests;

/// <summary>
/// One sandbox per test class (classes run in parallel, each on its own port), with the rate limits
/// out of the way of tests that read much data: the rate-limit tests start sandboxes of their own.
/// </summary>
public sealed class SandboxFixture : IAsyncLifetime
{
    public static readonly SandboxOptions Unlimited = new()
    {
        LemlistRateLimit = new RateLimit(int.MaxValue, TimeSpan.FromSeconds(2)),
        SmartleadRateLimit = null,
    };

    private SandboxServer? _server;

    public SandboxServer Server => _server ?? throw new InvalidOperationException("The sandbox is not running.");

    public async Task InitializeAsync() => _server = await SandboxServer.StartAsync(Unlimited);

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }
}
