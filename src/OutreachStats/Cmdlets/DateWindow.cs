using System;
using System.Management.Automation;

namespace OutreachStats.Cmdlets;

/// <summary>
/// How the date parameters of every provider cmdlet are read: a date without a zone is the
/// user's local time, an end date with no time of day means that whole day, and everything is
/// sent in UTC.
/// </summary>
internal static class DateWindow
{
    /// <summary>A date with no time of day means the whole day, so as an end it reaches the day's last millisecond.</summary>
    public static DateTime WholeDayEnd(DateTime end) =>
        end.Kind != DateTimeKind.Utc && end.TimeOfDay == TimeSpan.Zero ? end.AddDays(1).AddMilliseconds(-1) : end;

    /// <summary>Dates without a zone are the user's local time.</summary>
    public static DateTime ToUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Local).ToUniversalTime(),
    };

    /// <summary>A -StartDate as sent: UTC.</summary>
    public static DateTime Start(DateTime start) => ToUtc(start);

    /// <summary>An -EndDate as sent: UTC, through the whole day when it has no time of day.</summary>
    public static DateTime End(DateTime end) => ToUtc(WholeDayEnd(end));

    /// <summary>Stops <paramref name="cmdlet"/> before any request when the window ends before it starts (ErrorId <c>{provider}InvalidDateRange</c>).</summary>
    public static void ThrowIfEndBeforeStart(Cmdlet cmdlet, string providerId, DateTime startUtc, DateTime endUtc, DateTime givenEnd, Func<DateTime, string> format)
    {
        if (endUtc >= startUtc) return;
        cmdlet.ThrowTerminatingError(new ErrorRecord(
            new ArgumentException($"-EndDate ({format(endUtc)}) is before -StartDate ({format(startUtc)}). Give an end after the start.", "EndDate"),
            providerId + "InvalidDateRange", ErrorCategory.InvalidArgument, givenEnd));
    }
}
