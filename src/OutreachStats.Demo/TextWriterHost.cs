using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace OutreachStats.Hosting;

/// <summary>
/// A non-interactive PowerShell host that writes what pwsh would show to <see cref="TextWriter"/>s,
/// wide enough for the module's table views, so Out-Default and Out-Host print what pwsh would print.
/// Anything that would wait for a person throws <see cref="NotSupportedException"/> instead.
/// </summary>
/// <remarks>
/// One source file, compiled into the demo (src/OutreachStats.Demo) and linked into the PowerShell
/// tests (tests/OutreachStats.PowerShell.Tests), which must not reference the module's assembly.
/// </remarks>
/// <param name="output">Output, verbose, warning, debug and information lines.</param>
/// <param name="errors">Error lines.</param>
/// <param name="width">The console width the formatter lays tables out for.</param>
/// <param name="progress">Where a line "PROGRESS: activity status" goes for each progress record; null drops them.</param>
/// <param name="culture">The culture the runspace runs in; null for the current one.</param>
public sealed class TextWriterHost(TextWriter output, TextWriter errors, int width, TextWriter? progress = null, CultureInfo? culture = null) : PSHost
{
    private readonly WriterUserInterface _ui = new(output, errors, progress, width);

    public override string Name => "OutreachStatsTextWriterHost";
    public override Version Version { get; } = new(1, 0);
    public override Guid InstanceId { get; } = Guid.NewGuid();
    public override PSHostUserInterface UI => _ui;
    public override CultureInfo CurrentCulture => culture ?? CultureInfo.CurrentCulture;
    public override CultureInfo CurrentUICulture => culture ?? CultureInfo.CurrentUICulture;
    public override void SetShouldExit(int exitCode) { }
    public override void EnterNestedPrompt() => throw new NotSupportedException("This host has no nested prompt.");
    public override void ExitNestedPrompt() => throw new NotSupportedException("This host has no nested prompt.");
    public override void NotifyBeginApplication() { }
    public override void NotifyEndApplication() { }

    private sealed class WriterUserInterface(TextWriter output, TextWriter errors, TextWriter? progress, int width) : PSHostUserInterface
    {
        private readonly WriterRawUserInterface _raw = new(width);

        public override PSHostRawUserInterface RawUI => _raw;
        public override void Write(string value) => output.Write(value);
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => output.Write(value);
        public override void WriteLine(string value) => output.WriteLine(value);
        public override void WriteErrorLine(string value) => errors.WriteLine(value);
        public override void WriteDebugLine(string message) => output.WriteLine("DEBUG: " + message);
        public override void WriteVerboseLine(string message) => output.WriteLine("VERBOSE: " + message);
        public override void WriteWarningLine(string message) => output.WriteLine("WARNING: " + message);
        public override void WriteProgress(long sourceId, ProgressRecord record) =>
            progress?.WriteLine("PROGRESS: " + record.Activity + " " + record.StatusDescription);
        public override void WriteInformation(InformationRecord record) => output.WriteLine(record.MessageData?.ToString());
        public override string ReadLine() => throw NoPerson();
        public override SecureString ReadLineAsSecureString() => throw NoPerson();
        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) =>
            throw NoPerson($"prompt '{caption}' '{message}' for {string.Join(", ", descriptions.Select(d => d.Name))}");
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw NoPerson("credential");
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw NoPerson("credential");
        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) => throw NoPerson($"choice '{caption}' '{message}'");

        private static NotSupportedException NoPerson(string? what = null) =>
            new("This host runs unattended and cannot ask a person for input" + (what is null ? "." : ": " + what));
    }

    private sealed class WriterRawUserInterface(int width) : PSHostRawUserInterface
    {
        public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;
        public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;
        public override Coordinates CursorPosition { get; set; }
        public override int CursorSize { get; set; } = 1;
        public override Size BufferSize { get; set; } = new(width, 9999);
        public override Size WindowSize { get; set; } = new(width, 50);
        public override Size MaxWindowSize => new(width, 50);
        public override Size MaxPhysicalWindowSize => new(width, 50);
        public override Coordinates WindowPosition { get; set; }
        public override string WindowTitle { get; set; } = "OutreachStats";
        public override bool KeyAvailable => false;
        public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException("This host runs unattended: it has no keyboard.");
        public override void FlushInputBuffer() { }
        public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw new NotSupportedException("This host has no screen buffer.");
        public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) { }
        public override void SetBufferContents(Rectangle rectangle, BufferCell fill) { }
        public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) { }
    }
}
