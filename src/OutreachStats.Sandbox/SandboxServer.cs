using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using OutreachStats.Sandbox.Data;
using OutreachStats.Sandbox.Hosting;
using OutreachStats.Sandbox.Providers.Leadlex;
using OutreachStats.Sandbox.Providers.Leadterra;
using OutreachStats.Sandbox.Providers.Lemlist;
using OutreachStats.Sandbox.Providers.Smartlead;

namespace OutreachStats.Sandbox;

/// <summary>
/// The sandbox running in this process on 127.0.0.1: every provider under a base URL of its own
/// (<see cref="BaseUri"/>), the control endpoints under &lt;root&gt;/_sandbox, and the same
/// controls in code (<see cref="Counters"/>, <see cref="Faults"/>), with the log of the requests
/// received (<see cref="Requests"/>).
/// </summary>
/// <example>
/// <code>
/// await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Seed = 7 });
/// var lemlist = sandbox.BaseUri(SandboxProvider.Lemlist); // http://127.0.0.1:PORT/lemlist/api
/// </code>
/// </example>
public sealed class SandboxServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CampaignDirectory _campaigns;

    private SandboxServer(WebApplication app, Uri root, SandboxOptions options, SandboxCounters counters, SandboxFaults faults, SandboxRequests requests, CampaignDirectory campaigns)
    {
        _app = app;
        RootUri = root;
        Options = options;
        Counters = counters;
        Faults = faults;
        Requests = requests;
        _campaigns = campaigns;
    }

    /// <summary>http://127.0.0.1:PORT/ — the control endpoints are under _sandbox/.</summary>
    public Uri RootUri { get; }

    public SandboxOptions Options { get; }

    public SandboxCounters Counters { get; }

    public SandboxFaults Faults { get; }

    /// <summary>The latest requests to the providers' URLs, each as it arrived.</summary>
    public SandboxRequests Requests { get; }

    /// <summary>
    /// The URL that stands for the provider's real server URL: pass it as -BaseUri to
    /// Connect-OutreachProvider (lemlist: http://127.0.0.1:PORT/lemlist/api, for https://api.lemlist.com/api).
    /// </summary>
    public Uri BaseUri(SandboxProvider provider) => new(RootUri, provider.BasePath());

    /// <summary>Campaigns that exist, in a fixed order (the IDs of the providers' docs first).</summary>
    public IReadOnlyList<SandboxCampaign> Campaigns(SandboxProvider provider, int skip = 0, int take = 20) => _campaigns.List(provider, skip, take);

    public static async Task<SandboxServer> StartAsync(SandboxOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(SandboxServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        builder.Logging.SetMinimumLevel(options.Verbose ? LogLevel.Information : LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        // Loopback only: the sandbox accepts made-up keys and must never be reachable from elsewhere.
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));

        var app = builder.Build();
        var counters = new SandboxCounters();
        var faults = new SandboxFaults();
        var requests = new SandboxRequests();
        var data = new SandboxData(options);
        var team = new LemlistTeam(options.Seed);
        var lemlist = new LemlistApi(data, team);
        var campaigns = new CampaignDirectory(data, lemlist, team, options.SmartleadShape);
        var pipeline = new ProviderPipeline(options, counters, faults, requests, new RateLimiter(options.TimeProvider),
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("OutreachStats.Sandbox.Requests"));
        IProviderApi[] providers = [lemlist, new SmartleadApi(data, options.SmartleadShape), new LeadlexApi(data), new LeadterraApi(data)];
        foreach (var provider in providers) provider.Map(app, pipeline);
        ControlEndpoints.Map(app, options, counters, faults, campaigns);
        // Every other path, dots included (MapFallback alone leaves out paths that look like files).
        app.MapFallback("{*path}", pipeline.UnknownPathAsync);

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        return new SandboxServer(app, new Uri($"http://127.0.0.1:{port}/"), options, counters, faults, requests, campaigns);
    }

    /// <summary>Until the token is cancelled (Ctrl+C for the command).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
