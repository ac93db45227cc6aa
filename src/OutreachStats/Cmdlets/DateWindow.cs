using System;

namespace OutreachStats.Cmdlets;

/// <summary>
/// How the date parameters of every provider cmdlet are read once bound (see
/// <see cref="DateArgumentAttribute"/>): a date without a zone is the user's local time, an end
/// at midnight exactly means that whole day, and everything is sent in UTC.
/// </summary>
internal static class DateWindow
{
    /// <summary>A [datetime] as an instant: of Kind Utc as it is, of any other Kind a time of <paramref name="zone"/>.</summary>
    public static DateTimeOffset Of(DateTime value, TimeZoneInfo zone)
    {
        if (value.Kind == DateTimeKind.Utc) return new DateTimeOffset(value);
        var wall = DateTime.SpecifyKind(value, DateTimeKind.Unspecified);
        return new DateTimeOffset(wall, zone.GetUtcOffset(wall));
    }

    /// <summary>A -StartDate as sent: UTC.</summary>
    public static DateTime Start(DateTimeOffset start) => start.UtcDateTime;

    /// <summary>
    /// An -EndDate as sent: UTC, through the day's last millisecond when it is midnight exactly in
    /// its own offset (a date with no time of day), whatever its Kind was. The day is one of
    /// <paramref name="zone"/> when the end is in that zone's offset, so a day on which the clocks
    /// change ends at the zone's offset then; otherwise one of the end's own offset.
    /// </summary>
    public static DateTime End(DateTimeOffset end, TimeZoneInfo zone)
    {
        if (end.TimeOfDay != TimeSpan.Zero) return end.UtcDateTime;
        var lastMillisecond = end.DateTime.AddDays(1).AddMilliseconds(-1);
        var offset = end.Offset == zone.GetUtcOffset(end) ? zone.GetUtcOffset(lastMillisecond) : end.Offset;
        return DateTime.SpecifyKind(lastMillisecond - offset, DateTimeKind.Utc);
    }

    /// <summary>Why the window from <paramref name="startUtc"/> to <paramref name="endUtc"/> is empty, or null when it is not.</summary>
    public static string? EmptyWindowProblem(DateTime startUtc, DateTime endUtc, Func<DateTime, string> format)
    {
        if (endUtc > startUtc) return null;
        var what = endUtc == startUtc ? "is the same instant as" : "is before";
        return $"-EndDate ({format(endUtc)}) {what} -StartDate ({format(startUtc)}), so the window is empty. Give an end after the start.";
    }
}
