using System.Diagnostics;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Net;
using OutreachStats.Sandbox;

// Measures the module as a user runs it: the built folder imported into PowerShell, talking to the
// sandbox on loopback with a latency like a real API's. Prints one row per scenario.
const int LatencyMs = 80;
var repository = FindRepository();
var manifest = Path.Combine(repository, "out", "OutreachStats", "OutreachStats.psd1");

await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions
{
    CampaignsPerProvider = 6000,
    Latency = TimeSpan.FromMilliseconds(LatencyMs),
});

Console.WriteLine($"OutreachStats benchmarks: sandbox on loopback, {LatencyMs} ms added latency per request, {Environment.ProcessorCount} cores.");
Console.WriteLine();
Console.WriteLine($"{"scenario",-58} {"time",8} {"requests",9} {"req/s",7} {"of limit",9} {"items/s",9} {"live MB",8}");

var lemlistIds = sandbox.Campaigns(SandboxProvider.Lemlist, 0, 5000).Select(c => c.Id).ToArray();
Report("lemlist: Get-LemlistCampaignStats, 200 campaigns (20 per 2 s)", SandboxProvider.Lemlist, RateLimit.Lemlist,
    "$ids | Get-LemlistCampaignStats | ForEach-Object { $n++ }", lemlistIds[..200]);
Report("lemlist: Get-LemlistBatchStats, 5,000 campaigns (20 per 2 s)", SandboxProvider.Lemlist, RateLimit.Lemlist,
    "$ids | Get-LemlistBatchStats | ForEach-Object { $n++ }", lemlistIds);

// Memory stays flat however many rows: one campaign and ten give about the same live peak.
var smartlead = sandbox.Campaigns(SandboxProvider.Smartlead, 0, 200).Where(c => c.Shape == SmartleadShape.PerSend).Take(10).Select(c => c.Id).ToArray();
Report("Smartlead: 1 per-send campaign, -IncludeMessage, 100 rows a page", SandboxProvider.Smartlead, RateLimit.Smartlead,
    "$ids | Get-SmartleadCampaignStatistics -PageSize 100 -IncludeMessage | ForEach-Object { $n++ }", smartlead[..1]);
Report("Smartlead: 10 per-send campaigns, the same (60 per min)", SandboxProvider.Smartlead, RateLimit.Smartlead,
    "$ids | Get-SmartleadCampaignStatistics -PageSize 100 -IncludeMessage | ForEach-Object { $n++ }", smartlead);
return 0;

void Report(string scenario, SandboxProvider provider, RateLimit limit, string pipeline, string[] ids)
{
    sandbox.Counters.Reset();
    using var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
    runspace.Open();
    using var powershell = PowerShell.Create();
    powershell.Runspace = runspace;
    var key = new NetworkCredential(string.Empty, SandboxKeys.Valid(provider) + "-bench-" + Guid.NewGuid().ToString("N")).SecurePassword;
    powershell.AddScript($"Import-Module '{manifest}'; Connect-OutreachProvider -Provider {provider} -ApiKey $key -BaseUri '{sandbox.BaseUri(provider)}'")
        .AddParameter("key", key);
    runspace.SessionStateProxy.SetVariable("key", key);
    runspace.SessionStateProxy.SetVariable("ids", ids);
    powershell.Invoke();
    powershell.Commands.Clear();

    GC.Collect();
    var baseline = GC.GetTotalMemory(forceFullCollection: true);
    long peak = baseline;
    // Live memory: a full collection per sample, so garbage not yet collected does not count.
    using var sampler = new Timer(_ => Interlocked.Exchange(ref peak, Math.Max(Interlocked.Read(ref peak), GC.GetTotalMemory(forceFullCollection: true))), null, 0, 100);
    var clock = Stopwatch.StartNew();
    powershell.AddScript("$n = 0; " + pipeline + "; $n");
    var items = Convert.ToInt64(powershell.Invoke().Single().BaseObject);
    clock.Stop();
    if (powershell.HadErrors) throw new InvalidOperationException(scenario + ": " + string.Join("; ", powershell.Streams.Error));

    var requests = sandbox.Counters.Snapshot()[provider].Requests;
    var seconds = clock.Elapsed.TotalSeconds;
    var perSecond = requests / seconds;
    // The most a sliding window of Limit per Window lets through in this time: how close we came.
    var allowed = limit.Limit * (Math.Floor(seconds / limit.Window.TotalSeconds) + 1);
    var ofLimit = (requests / allowed).ToString("P0");
    Console.WriteLine($"{scenario,-58} {seconds,7:0.0}s {requests,9} {perSecond,7:0.0} {ofLimit,9} {items / seconds,9:N0} {(Interlocked.Read(ref peak) - baseline) / 1048576.0,8:0.0}");
}

static string FindRepository()
{
    for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
    {
        if (File.Exists(Path.Combine(folder.FullName, "OutreachStats.sln"))) return folder.FullName;
    }
    throw new DirectoryNotFoundException("OutreachStats.sln was not found above " + AppContext.BaseDirectory);
}
