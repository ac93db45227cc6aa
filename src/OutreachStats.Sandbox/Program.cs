using System.Globalization;
using OutreachStats.Sandbox;
using OutreachStats.Sandbox.Hosting;

// dotnet run --project src/OutreachStats.Sandbox -- --port 5080 --seed 42
const string Usage = """
    OutreachStats sandbox: lemlist, Smartlead, Leadlex and Leadterra on 127.0.0.1, from generated data.

    Options:
      --port N                 port on 127.0.0.1 (default 5080; 0 takes a free one)
      --seed N                 same seed, same data (default 42)
      --campaigns N            generated campaigns per provider (default 5000)
      --data-end DATE          when the generated activity stops (default 2026-06-30T00:00:00Z)
      --smartlead-shape SHAPE  per-campaign (default), aggregate or per-send
      --latency MS             added before every provider response
      --no-rate-limits         no Smartlead limit (lemlist keeps its documented 20 per 2 s)
      --leadlex-rate-limit N   Leadlex allows N per minute per key (default: no limit)
      --leadterra-rate-limit N Leadterra allows N per minute per key (default: no limit)
      --verbose                log every request
    """;

SandboxOptions options;
try
{
    options = Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(Usage);
    return 2;
}
if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(Usage);
    return 0;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
await using var sandbox = await SandboxServer.StartAsync(options, stop.Token);
Console.WriteLine($"OutreachStats sandbox, seed {options.Seed}, {options.CampaignsPerProvider} campaigns per provider, activity until {options.DataEnd:yyyy-MM-dd}.");
Console.WriteLine();
foreach (var provider in Enum.GetValues<SandboxProvider>())
{
    Console.WriteLine($"{provider,-10} {sandbox.BaseUri(provider)}");
    foreach (var (role, key) in ControlEndpoints.Keys(provider)) Console.WriteLine($"{"",-10}   key ({role}): {key}");
    var campaigns = sandbox.Campaigns(provider, 0, 4);
    Console.WriteLine($"{"",-10}   campaigns: {string.Join(", ", campaigns.Select(c => c.Id))}");
    if (campaigns.FirstOrDefault()?.SendUsers is { Count: > 0 } sendUsers) Console.WriteLine($"{"",-10}   sendUser of {campaigns[0].Id}: {sendUsers[0]}");
}
Console.WriteLine();
Console.WriteLine($"Control: {sandbox.RootUri}_sandbox (campaigns?provider=lemlist&take=20, counters, faults). Ctrl+C stops.");
Console.WriteLine($"Try: Connect-OutreachProvider -Provider Lemlist -ApiKey (ConvertTo-SecureString {SandboxKeys.Valid(SandboxProvider.Lemlist)} -AsPlainText -Force) -BaseUri {sandbox.BaseUri(SandboxProvider.Lemlist)}");
try
{
    await sandbox.WaitForShutdownAsync(stop.Token);
}
catch (OperationCanceledException)
{
}
return 0;

static SandboxOptions Parse(string[] args)
{
    var options = new SandboxOptions { Port = 5080 };
    for (var i = 0; i < args.Length; i++)
    {
        string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
        options = args[i] switch
        {
            "--port" => options with { Port = Number(Value(), "--port", 0, 65535) },
            "--seed" => options with { Seed = long.TryParse(Value(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seed) ? seed : throw new ArgumentException("--seed needs an integer.") },
            "--campaigns" => options with { CampaignsPerProvider = Number(Value(), "--campaigns", 1, 1_000_000) },
            "--data-end" => options with { DataEnd = DateTimeOffset.TryParse(Value(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var end) ? end : throw new ArgumentException("--data-end needs a date such as 2026-06-30T00:00:00Z.") },
            "--smartlead-shape" => options with
            {
                SmartleadShape = Value() switch
                {
                    "per-campaign" => SmartleadShape.PerCampaign,
                    "aggregate" => SmartleadShape.Aggregate,
                    "per-send" => SmartleadShape.PerSend,
                    var other => throw new ArgumentException($"--smartlead-shape takes per-campaign, aggregate or per-send, not '{other}'."),
                },
            },
            "--latency" => options with { Latency = TimeSpan.FromMilliseconds(Number(Value(), "--latency", 0, 60_000)) },
            "--no-rate-limits" => options with { SmartleadRateLimit = null },
            "--leadlex-rate-limit" => options with { LeadlexRateLimit = PerMinute(Number(Value(), "--leadlex-rate-limit", 1, 1_000_000)) },
            "--leadterra-rate-limit" => options with { LeadterraRateLimit = PerMinute(Number(Value(), "--leadterra-rate-limit", 1, 1_000_000)) },
            "--verbose" => options with { Verbose = true },
            "--help" or "-h" => options,
            var unknown => throw new ArgumentException($"Unknown option {unknown}."),
        };
    }
    return options;
}

static RateLimit PerMinute(int limit) => new(limit, TimeSpan.FromMinutes(1));

static int Number(string text, string name, int min, int max) =>
    int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
        ? value
        : throw new ArgumentException($"{name} needs an integer from {min} to {max}.");
