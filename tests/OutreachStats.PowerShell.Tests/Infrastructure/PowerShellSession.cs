using System.Collections;
using System.Management.Automation;
using System.Globalization;
using System.Management.Automation.Runspaces;
using OutreachStats.Hosting;

namespace OutreachStats.PowerShell.Tests.Infrastructure;

/// <summary>Where the built, importable module folder is: &lt;repo&gt;/out/OutreachStats.</summary>
public static class ModuleLocation
{
    private static readonly Lazy<string> Root = new(FindRepoRoot);

    /// <summary>The folder holding OutreachStats.sln, found by walking up from the test binaries.</summary>
    public static string RepoRoot => Root.Value;

    public static string ModuleFolder => Path.Combine(RepoRoot, "out", "OutreachStats");

    public static string ManifestPath => Path.Combine(ModuleFolder, "OutreachStats.psd1");

    public static string AssemblyPath => Path.Combine(ModuleFolder, "OutreachStats.dll");

    /// <summary>Everything but the cmdlets; its own load context on PowerShell 7 (README: Architecture).</summary>
    public static string EnginePath => Path.Combine(ModuleFolder, "dependencies", "OutreachStats.Engine.dll");

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OutreachStats.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds OutreachStats.sln.");
    }
}

/// <summary>
/// One PowerShell runspace (default session state, a <see cref="TextWriterHost"/> writing into
/// <see cref="HostText"/>) with the built module imported
/// from its folder exactly as a user imports it. One per test: nothing is shared between tests.
/// </summary>
public sealed class PowerShellSession : IDisposable
{
    // The host writes output, errors and progress lines into one buffer, through a synchronized
    // writer: TextWriter.Synchronized locks on the wrapper it returns, so reading under that lock
    // never sees a half-written line from a pipeline thread.
    private readonly StringWriter _hostText = new();
    private readonly TextWriter _hostWriter;

    private PowerShellSession()
    {
        _hostWriter = TextWriter.Synchronized(_hostText);
        Host = new TextWriterHost(_hostWriter, _hostWriter, width: 200, progress: _hostWriter, culture: CultureInfo.GetCultureInfo("en-US"));
        Runspace = RunspaceFactory.CreateRunspace(Host, InitialSessionState.CreateDefault2());
    }

    public TextWriterHost Host { get; }

    /// <summary>Everything the host has displayed so far: output, verbose, warning, debug, error and "PROGRESS:" lines.</summary>
    public string HostText
    {
        get { lock (_hostWriter) return _hostText.ToString(); }
    }

    public Runspace Runspace { get; }

    /// <summary>Opens a runspace and, unless told not to, imports the built module's manifest.</summary>
    public static PowerShellSession Start(bool importModule = true)
    {
        if (!File.Exists(ModuleLocation.ManifestPath))
        {
            throw new InvalidOperationException($"The module is not staged at {ModuleLocation.ManifestPath}: build the solution first (dotnet build).");
        }
        var session = new PowerShellSession();
        session.Runspace.ThreadOptions = PSThreadOptions.ReuseThread;
        session.Runspace.Open();
        if (importModule)
        {
            var import = session.Run("Import-Module -Name $__manifest -ErrorAction Stop", new() { ["__manifest"] = ModuleLocation.ManifestPath });
            if (import.Terminating is not null || import.Errors.Count > 0)
            {
                session.Dispose();
                throw new InvalidOperationException("Import-Module of the built module failed: " + import.Describe());
            }
        }
        return session;
    }

    /// <summary>
    /// Runs <paramref name="script"/> in the session's global scope after setting
    /// <paramref name="variables"/>. A terminating error (a thrown error, a cmdlet's terminating
    /// error, a binding error, -ErrorAction Stop) ends the script and is reported in
    /// <see cref="PsResult.Terminating"/>; output written before it is kept.
    /// </summary>
    public PsResult Run(string script, Dictionary<string, object?>? variables = null, bool verbose = false, bool debug = false)
    {
        foreach (var (name, value) in variables ?? new Dictionary<string, object?>())
        {
            Runspace.SessionStateProxy.SetVariable(name, value);
        }
        Runspace.SessionStateProxy.SetVariable("VerbosePreference", verbose ? ActionPreference.Continue : ActionPreference.SilentlyContinue);
        Runspace.SessionStateProxy.SetVariable("DebugPreference", debug ? ActionPreference.Continue : ActionPreference.SilentlyContinue);

        var hostBefore = HostText.Length;
        using var ps = System.Management.Automation.PowerShell.Create();
        ps.Runspace = Runspace;
        // Inside try, statement-terminating errors end the script; the catch rethrows them so that
        // Invoke throws the RuntimeException with its ErrorRecord.
        ps.AddScript("try {\n" + script + "\n} catch { throw }");
        var output = new PSDataCollection<PSObject>();
        RuntimeException? terminating = null;
        try
        {
            ps.Invoke<PSObject, PSObject>(null, output, new PSInvocationSettings());
        }
        catch (RuntimeException ex)
        {
            terminating = ex;
        }
        finally
        {
            Runspace.SessionStateProxy.SetVariable("VerbosePreference", ActionPreference.SilentlyContinue);
            Runspace.SessionStateProxy.SetVariable("DebugPreference", ActionPreference.SilentlyContinue);
        }

        return new PsResult(
            output.ToList(),
            ps.Streams.Error.ToList(),
            ps.Streams.Verbose.ToList(),
            ps.Streams.Debug.ToList(),
            ps.Streams.Warning.ToList(),
            ps.Streams.Information.ToList(),
            HostText.Substring(hostBefore),
            terminating)
        {
            Progress = ps.Streams.Progress.ToList(),
        };
    }

    /// <summary>A PowerShell bound to this runspace with <paramref name="script"/> added, for tests that invoke asynchronously. The caller disposes it.</summary>
    public System.Management.Automation.PowerShell CreatePowerShell(string script)
    {
        var ps = System.Management.Automation.PowerShell.Create();
        ps.Runspace = Runspace;
        ps.AddScript(script);
        return ps;
    }

    public void SetVariable(string name, object? value) => Runspace.SessionStateProxy.SetVariable(name, value);

    public object? GetVariable(string name) => Runspace.SessionStateProxy.GetVariable(name);

    /// <summary>The session's $Error, newest first.</summary>
    public IReadOnlyList<ErrorRecord> ErrorVariable() =>
        ((IEnumerable?)GetVariable("Error") ?? Array.Empty<object>()).Cast<object>()
            .Select(e => e switch
            {
                ErrorRecord record => record,
                PSObject { BaseObject: ErrorRecord record } => record,
                IContainsErrorRecord contains => contains.ErrorRecord,
                PSObject { BaseObject: IContainsErrorRecord contains } => contains.ErrorRecord,
                _ => throw new InvalidOperationException("Unexpected $Error entry " + e.GetType()),
            })
            .ToList();

    public void Dispose()
    {
        Runspace.Dispose();
    }
}

/// <summary>What one script run produced: output, every stream, the host's text, and any terminating error.</summary>
public sealed class PsResult
{
    private static readonly System.Text.RegularExpressions.Regex AnsiEscape = new(@"\x1b\[[0-9;?]*[ -/]*[@-~]");

    public PsResult(
        IReadOnlyList<PSObject> output,
        IReadOnlyList<ErrorRecord> errors,
        IReadOnlyList<VerboseRecord> verbose,
        IReadOnlyList<DebugRecord> debug,
        IReadOnlyList<WarningRecord> warning,
        IReadOnlyList<InformationRecord> information,
        string hostText,
        RuntimeException? terminating)
    {
        Output = output;
        Errors = errors;
        Verbose = verbose;
        Debug = debug;
        Warning = warning;
        Information = information;
        HostText = hostText;
        Terminating = terminating;
    }

    public IReadOnlyList<PSObject> Output { get; }

    /// <summary>Non-terminating errors (the error stream).</summary>
    public IReadOnlyList<ErrorRecord> Errors { get; }

    public IReadOnlyList<VerboseRecord> Verbose { get; }

    public IReadOnlyList<DebugRecord> Debug { get; }

    public IReadOnlyList<WarningRecord> Warning { get; }

    public IReadOnlyList<InformationRecord> Information { get; }

    /// <summary>The progress records written, in order.</summary>
    public IReadOnlyList<ProgressRecord> Progress { get; init; } = Array.Empty<ProgressRecord>();

    /// <summary>What the host displayed during this run, as written (PowerShell 7 adds ANSI styles to table headers).</summary>
    public string HostText { get; }

    /// <summary><see cref="HostText"/> without ANSI escape sequences: what a person reads.</summary>
    public string HostPlainText => AnsiEscape.Replace(HostText, string.Empty);

    /// <summary>The terminating error that ended the script, or null when it ran to its end.</summary>
    public RuntimeException? Terminating { get; }

    public ErrorRecord? TerminatingError => Terminating?.ErrorRecord;

    /// <summary>Every error record: the error stream, then the terminating one.</summary>
    public IReadOnlyList<ErrorRecord> AllErrors =>
        TerminatingError is { } last ? Errors.Append(last).ToList() : Errors;

    /// <summary>The value of <paramref name="property"/> on each output object.</summary>
    public IReadOnlyList<object?> Values(string property) =>
        Output.Select(o => o.Properties[property]?.Value).ToList();

    /// <summary>A readable account of the errors, for assertion messages.</summary>
    public string Describe() =>
        string.Join(" | ", AllErrors.Select(e => $"{e.FullyQualifiedErrorId}: {e}"))
        + (Terminating is null ? string.Empty : $" [terminating {Terminating.GetType().Name}]");

    public void AssertNoErrors()
    {
        if (AllErrors.Count > 0) throw new Xunit.Sdk.XunitException("Expected no error, got: " + Describe());
    }
}
