using System.Text;
using System.Text.RegularExpressions;

namespace OutreachStats.Demo;

/// <summary>Drops the formatter's colour escape sequences, for output that goes to a file or pipe.</summary>
internal sealed partial class PlainTextWriter(TextWriter inner) : TextWriter
{
    public override Encoding Encoding => inner.Encoding;
    public override void Write(char value) => inner.Write(value);
    public override void Write(string? value) => inner.Write(value is null ? null : Escape().Replace(value, string.Empty));
    public override void WriteLine(string? value) => inner.WriteLine(value is null ? null : Escape().Replace(value, string.Empty));

    [GeneratedRegex(@"\x1b\[[0-9;]*[A-Za-z]")]
    private static partial Regex Escape();
}
