using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;

namespace OutreachStats.PowerShell.Tests.Infrastructure;

/// <summary>
/// A non-interactive PowerShell host whose UI writes everything into one buffer, so a test can
/// read what a user would have seen in the console (format views rendered by Out-Default,
/// verbose, warning and error lines). Anything that would wait for a person throws instead of
/// hanging the test.
/// </summary>
public sealed class TestHost : PSHost
{
    private readonly TestHostUserInterface _ui;

    public TestHost(int width = 200)
    {
        _ui = new TestHostUserInterface(new TestHostRawUserInterface(width));
    }

    /// <summary>Everything written to the host so far.</summary>
    public string Text => _ui.Text;

    /// <summary>Forgets what was written so far.</summary>
    public void ClearText() => _ui.Clear();

    public override string Name => "OutreachStatsTestHost";

    public override Version Version { get; } = new(1, 0);

    public override Guid InstanceId { get; } = Guid.NewGuid();

    public override PSHostUserInterface UI => _ui;

    public override CultureInfo CurrentCulture => CultureInfo.GetCultureInfo("en-US");

    public override CultureInfo CurrentUICulture => CultureInfo.GetCultureInfo("en-US");

    public override void SetShouldExit(int exitCode)
    {
    }

    public override void EnterNestedPrompt() => throw new NotSupportedException("The test host has no nested prompt.");

    public override void ExitNestedPrompt() => throw new NotSupportedException("The test host has no nested prompt.");

    public override void NotifyBeginApplication()
    {
    }

    public override void NotifyEndApplication()
    {
    }
}

public sealed class TestHostUserInterface : PSHostUserInterface
{
    private readonly StringBuilder _buffer = new();
    private readonly object _gate = new();
    private readonly TestHostRawUserInterface _rawUI;

    public TestHostUserInterface(TestHostRawUserInterface rawUI)
    {
        _rawUI = rawUI;
    }

    public string Text
    {
        get { lock (_gate) return _buffer.ToString(); }
    }

    public void Clear()
    {
        lock (_gate) _buffer.Clear();
    }

    public override PSHostRawUserInterface RawUI => _rawUI;

    public override void Write(string value) => Append(value);

    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Append(value);

    public override void WriteLine(string value) => Append(value + "\n");

    public override void WriteErrorLine(string value) => Append("ERROR: " + value + "\n");

    public override void WriteDebugLine(string message) => Append("DEBUG: " + message + "\n");

    public override void WriteVerboseLine(string message) => Append("VERBOSE: " + message + "\n");

    public override void WriteWarningLine(string message) => Append("WARNING: " + message + "\n");

    public override void WriteInformation(InformationRecord record) => Append("INFORMATION: " + record.MessageData + "\n");

    public override void WriteProgress(long sourceId, ProgressRecord record) =>
        Append("PROGRESS: " + record.Activity + " " + record.StatusDescription + "\n");

    public override string ReadLine() => throw NoPerson();

    public override SecureString ReadLineAsSecureString() => throw NoPerson();

    public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) =>
        throw NoPerson($"prompt '{caption}' '{message}' for {string.Join(", ", descriptions.Select(d => d.Name))}");

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw NoPerson();

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName,
        PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw NoPerson();

    public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) => throw NoPerson();

    private void Append(string text)
    {
        lock (_gate) _buffer.Append(text);
    }

    private static NotSupportedException NoPerson(string? what = null) =>
        new("The test host cannot ask a person for input" + (what is null ? "." : ": " + what));
}

public sealed class TestHostRawUserInterface : PSHostRawUserInterface
{
    private readonly int _width;

    public TestHostRawUserInterface(int width)
    {
        _width = width;
        BufferSize = new Size(width, 9999);
        WindowSize = new Size(width, 50);
    }

    public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;

    public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;

    public override Coordinates CursorPosition { get; set; }

    public override Coordinates WindowPosition { get; set; }

    public override int CursorSize { get; set; } = 1;

    public override Size BufferSize { get; set; }

    public override Size WindowSize { get; set; }

    public override Size MaxWindowSize => new(_width, 50);

    public override Size MaxPhysicalWindowSize => new(_width, 50);

    public override bool KeyAvailable => false;

    public override string WindowTitle { get; set; } = string.Empty;

    public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException("The test host has no keyboard.");

    public override void FlushInputBuffer()
    {
    }

    public override void SetBufferContents(Coordinates origin, BufferCell[,] contents)
    {
    }

    public override void SetBufferContents(Rectangle rectangle, BufferCell fill)
    {
    }

    public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw new NotSupportedException("The test host has no screen buffer.");

    public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill)
    {
    }
}
