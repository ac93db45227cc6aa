using System.Management.Automation;
using System.Text;

namespace OutreachStats.PowerShell.Tests.Infrastructure;

/// <summary>Everything a user could see of some runs, as one text, to search for a secret.</summary>
public static class Everything
{
    /// <summary>
    /// Each run's output (every property of every object), errors (with their exceptions, inner
    /// ones included), verbose, debug, warning and information records and host text, then the
    /// session's $Error and the host's whole text.
    /// </summary>
    public static string Seen(IEnumerable<PsResult> runs, PowerShellSession session)
    {
        var seen = new StringBuilder();
        foreach (var run in runs)
        {
            foreach (var output in run.Output) AppendObject(seen, output);
            foreach (var error in run.AllErrors) AppendError(seen, error);
            foreach (var record in run.Verbose) seen.AppendLine(record.Message);
            foreach (var record in run.Debug) seen.AppendLine(record.Message);
            foreach (var record in run.Warning) seen.AppendLine(record.Message);
            foreach (var record in run.Information) seen.AppendLine(record.MessageData?.ToString());
            seen.AppendLine(run.HostText);
            if (run.Terminating is { } terminating) seen.AppendLine(terminating.ToString());
        }
        foreach (var error in session.ErrorVariable()) AppendError(seen, error);
        seen.AppendLine(session.HostText);
        return seen.ToString();
    }

    private static void AppendObject(StringBuilder seen, PSObject value)
    {
        // A total count of -IncludeTotalCount has a script ToString that needs a runspace.
        try { seen.AppendLine(value.ToString()); }
        catch (ExtendedTypeSystemException) { seen.AppendLine(value.BaseObject.ToString()); }
        foreach (var property in value.Properties)
        {
            try
            {
                seen.AppendLine(property.Name + "=" + property.Value?.ToString());
            }
            catch (GetValueException ex)
            {
                seen.AppendLine(property.Name + " threw " + ex.Message);
            }
        }
    }

    private static void AppendError(StringBuilder seen, ErrorRecord error)
    {
        seen.AppendLine(error.ToString());
        seen.AppendLine(error.FullyQualifiedErrorId);
        seen.AppendLine(error.Exception?.ToString());
        seen.AppendLine(error.ErrorDetails?.Message);
        seen.AppendLine(error.ErrorDetails?.RecommendedAction);
        seen.AppendLine(error.CategoryInfo.ToString());
        seen.AppendLine(error.TargetObject?.ToString());
        seen.AppendLine(error.InvocationInfo?.Line);
        for (var inner = error.Exception?.InnerException; inner is not null; inner = inner.InnerException)
        {
            seen.AppendLine(inner.ToString());
        }
    }
}
