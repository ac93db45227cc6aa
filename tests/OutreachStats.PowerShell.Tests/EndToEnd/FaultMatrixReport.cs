using System.Collections.Concurrent;
using System.Text;
using OutreachStats.PowerShell.Tests.Infrastructure;

namespace OutreachStats.PowerShell.Tests.EndToEnd;

/// <summary>
/// The fault matrix's class fixture: records each cell's outcome and, when the class is done,
/// writes the matrix (faults as rows, cmdlet × mode as columns) and the line
/// "Fault matrix: N/M cells passed" to out/fault-matrix.txt, which CI prints.
/// </summary>
public sealed class FaultMatrixReport : IDisposable
{
    private readonly ConcurrentDictionary<(string Cmdlet, string Fault, FaultMode Mode), bool> _outcomes = new();

    public FaultMatrixReport()
    {
        // A matrix left by an earlier run must not pass for this one's.
        File.Delete(ReportPath);
    }

    public static string ReportPath => Path.Combine(ModuleLocation.RepoRoot, "out", "fault-matrix.txt");

    /// <summary>Runs a cell's checks and records whether they passed; a failure still fails the test.</summary>
    public void Record(string cmdlet, string fault, FaultMode mode, Action check)
    {
        try
        {
            check();
            _outcomes[(cmdlet, fault, mode)] = true;
        }
        catch
        {
            _outcomes[(cmdlet, fault, mode)] = false;
            throw;
        }
    }

    public string Render()
    {
        var modes = Enum.GetValues<FaultMode>();
        var columns = FaultMatrix.Cmdlets.SelectMany(c => modes.Select(m => (Cmdlet: c, Mode: m))).ToList();
        var headers = columns.Select(c => $"{c.Cmdlet.Label} {c.Mode.ToString()[0]}").ToList();
        var faultWidth = FaultMatrix.Faults.Max(f => f.Name.Length);

        var text = new StringBuilder();
        text.AppendLine("Fault matrix: every provider cmdlet against every fault the sandbox injects.");
        text.AppendLine("T = transient (the fault hits the campaign's request once: right data after retry),");
        text.AppendLine("P = persistent (the fault stays: one clear error per failed campaign, the others' data).");
        foreach (var cmdlet in FaultMatrix.Cmdlets) text.AppendLine($"  {cmdlet.Label} = {cmdlet.Name}");
        text.AppendLine();
        text.Append("fault".PadRight(faultWidth));
        foreach (var header in headers) text.Append(" | ").Append(header);
        text.AppendLine();
        foreach (var fault in FaultMatrix.Faults)
        {
            text.Append(fault.Name.PadRight(faultWidth));
            for (var i = 0; i < columns.Count; i++)
            {
                var cell = _outcomes.TryGetValue((columns[i].Cmdlet.Name, fault.Name, columns[i].Mode), out var passed)
                    ? passed ? "ok" : "FAIL"
                    : "-";
                text.Append(" | ").Append(cell.PadRight(headers[i].Length));
            }
            text.AppendLine();
        }
        var notRun = FaultMatrix.CellCount - _outcomes.Count;
        if (notRun > 0) text.AppendLine($"{notRun} of {FaultMatrix.CellCount} cells did not run (-).");
        text.AppendLine($"Fault matrix: {_outcomes.Values.Count(passed => passed)}/{FaultMatrix.CellCount} cells passed");
        return text.ToString();
    }

    public void Dispose()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(ReportPath)!);
        File.WriteAllText(ReportPath, Render());
    }
}
