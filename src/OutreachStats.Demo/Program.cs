using System.Management.Automation;
using System.Management.Automation.Runspaces;
using OutreachStats.Demo;
using OutreachStats.Hosting;
using OutreachStats.Sandbox;

// dotnet run --project src/OutreachStats.Demo [-- --seed N]
// Starts the sandbox on a free 127.0.0.1 port, imports the built module into an in-process
// PowerShell and runs Demo.ps1 against it: what a user sees running that script in pwsh.
var seed = args.Length == 2 && args[0] == "--seed" && long.TryParse(args[1], out var given) ? given : 42;

var repository = FindRepository();
var modulePath = Path.Combine(repository, "out", "OutreachStats", "OutreachStats.psd1");
var scriptPath = Path.Combine(repository, "src", "OutreachStats.Demo", "Demo.ps1");
if (!File.Exists(modulePath))
{
    Console.Error.WriteLine($"The module is not built at {modulePath}. Run: dotnet build OutreachStats.sln");
    return 1;
}

await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Seed = seed });
// The width pwsh renders at: its window's, or 80 when the output is redirected.
var width = Console.IsOutputRedirected ? 80 : Console.WindowWidth;
// Colours only where a terminal will render them, as pwsh does.
var host = Console.IsOutputRedirected
    ? new TextWriterHost(new PlainTextWriter(Console.Out), new PlainTextWriter(Console.Error), width)
    : new TextWriterHost(Console.Out, Console.Error, width);
var session = InitialSessionState.CreateDefault2();
// Execution policy exists on Windows only; elsewhere setting it throws.
if (OperatingSystem.IsWindows()) session.ExecutionPolicy = Microsoft.PowerShell.ExecutionPolicy.Bypass;
using var runspace = RunspaceFactory.CreateRunspace(host, session);
runspace.Open();
using var powershell = PowerShell.Create();
powershell.Runspace = runspace;
powershell.AddCommand(scriptPath).AddParameter("SandboxUri", sandbox.RootUri).AddParameter("ModulePath", modulePath);
powershell.AddCommand("Out-Default");
try
{
    powershell.Invoke();
}
catch (RuntimeException ex)
{
    Console.Error.WriteLine(ex.ErrorRecord?.ToString() ?? ex.Message);
    return 1;
}
foreach (var error in powershell.Streams.Error) Console.Error.WriteLine(error);
return powershell.HadErrors ? 1 : 0;

static string FindRepository()
{
    for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
    {
        if (File.Exists(Path.Combine(folder.FullName, "OutreachStats.sln"))) return folder.FullName;
    }
    throw new DirectoryNotFoundException("OutreachStats.sln was not found above " + AppContext.BaseDirectory);
}
