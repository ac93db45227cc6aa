using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;
using System.Text.RegularExpressions;

namespace OutreachStats.Demo;

/// <summary>
/// A non-interactive PowerShell host that writes to a <see cref="TextWriter"/>, wide enough for
/// the module's table views, so Out-Default and Out-Host print what pwsh would print.
/// </summary>
internal sealed partial class ConsoleHost : PSHost
{
    private readonly WriterUserInterface _ui;

    public ConsoleHost(TextWriter output, TextWriter errors, int width, bool plainText) =>
        _ui = new WriterUserInterface(plainText ? new PlainTextWriter(output) : output, plainText ? new PlainTextWriter(errors) : errors, width);

    public override string Name => "OutreachStatsDemoHost";
    public override Version Version { get; } = new(1, 0);
    public override Guid InstanceId { get; } = Guid.NewGuid();
    public override PSHostUserInterface UI => _ui;
    public override CultureInfo CurrentCulture => CultureInfo.CurrentCulture;
    public override CultureInfo CurrentUICulture => CultureInfo.CurrentUICulture;
    public override void SetShouldExit(int exitCode) { }
    public override void EnterNestedPrompt() => throw new NotSupportedException("The demo host has no nested prompt.");
    public override void ExitNestedPrompt() => throw new NotSupportedException("The demo host has no nested prompt.");
    public override void NotifyBeginApplication() { }
    public override void NotifyEndApplication() { }

    private sealed class WriterUserInterface(TextWriter output, TextWriter errors, int width) : PSHostUserInterface
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
        public override void WriteProgress(long sourceId, ProgressRecord record) { }
        public override void WriteInformation(InformationRecord record) => output.WriteLine(record.MessageData?.ToString());
        public override string ReadLine() => throw Interactive();
        public override SecureString ReadLineAsSecureString() => throw Interactive();
        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) => throw Interactive();
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw Interactive();
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw Interactive();
        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) => throw Interactive();

        private static NotSupportedException Interactive() => new("The demo runs unattended: nothing may prompt.");
    }

    private sealed class WriterRawUserInterface(int width) : PSHostRawUserInterface
    {
        public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;
        public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;
        public override Coordinates CursorPosition { get; set; }
        public override int CursorSize { get; set; }
        public override Size BufferSize { get; set; } = new(width, 9999);
        public override Size WindowSize { get; set; } = new(width, 50);
        public override Size MaxWindowSize => new(width, 50);
        public override Size MaxPhysicalWindowSize => new(width, 50);
        public override Coordinates WindowPosition { get; set; }
        public override string WindowTitle { get; set; } = "OutreachStats demo";
        public override bool KeyAvailable => false;
        public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException("The demo runs unattended.");
        public override void FlushInputBuffer() { }
        public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw new NotSupportedException();
        public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) { }
        public override void SetBufferContents(Rectangle rectangle, BufferCell fill) { }
        public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) { }
    }

    /// <summary>Drops the formatter's colour escape sequences, for output that goes to a file or pipe.</summary>
    private sealed partial class PlainTextWriter(TextWriter inner) : TextWriter
    {
        public override Encoding Encoding => inner.Encoding;
        public override void Write(char value) => inner.Write(value);
        public override void Write(string? value) => inner.Write(value is null ? null : Escape().Replace(value, string.Empty));
        public override void WriteLine(string? value) => inner.WriteLine(value is null ? null : Escape().Replace(value, string.Empty));

        [GeneratedRegex(@"\x1b\[[0-9;]*[A-Za-z]")]
        private static partial Regex Escape();
    }
}
