using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace OutreachStats.Cmdlets;

/// <summary>
/// Reads a date typed as text the same way in every culture, where PowerShell's own conversion
/// reads a compiled cmdlet's text in the current culture (03/01/2025 is 3 January in de-DE and
/// 1 March in en-US). Read: ISO 8601 and other year-first dates (2025-03-01, 2025/3/1), a date
/// with the year last only when one order of day and month gives a date (31/03/2025, and 05/05/2025
/// either way), and English month names (March 1, 2025; 1 Mar 2025). Each may have a time of day
/// (T or a space, then HH:mm, seconds and fractions optional) and, after a time, an offset
/// (Z, +02:00, +0200, +02). Without an offset the time is the given zone's. Anything else is
/// refused with a <see cref="FormatException"/> whose message shows the ISO form.
/// </summary>
internal static class DateText
{
    private const string TimeOfDay =
        @"(?:(?:T|\s+)(?<hour>\d{1,2}):(?<minute>\d{2})(?::(?<second>\d{2})(?:[.,](?<fraction>\d{1,7}))?)?\s*(?<offset>Z|[+-]\d{2}(?::?\d{2})?)?)?\s*$";

    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.ExplicitCapture;

    private static readonly Regex YearFirst = new(@"^(?<year>\d{4})(?<separator>[-./])(?<month>\d{1,2})\k<separator>(?<day>\d{1,2})" + TimeOfDay, Options);

    private static readonly Regex YearLast = new(@"^(?<first>\d{1,2})(?<separator>[-./])(?<next>\d{1,2})\k<separator>(?<year>\d{4})" + TimeOfDay, Options);

    private static readonly Regex MonthNamed = new(
        @"^(?:(?<name>[a-z]+)\.?\s+(?<day>\d{1,2}),?|(?<day>\d{1,2})\.?\s+(?<name>[a-z]+)\.?,?)\s+(?<year>\d{4})" + TimeOfDay, Options);

    private const string WriteIso = "Write the date as ISO 8601, year-month-day, such as 2025-03-31, with a time and an offset if you need them (2025-03-31T18:00, 2025-03-31 18:00:00+02:00).";

    /// <summary>The instant <paramref name="text"/> names; without an offset, in <paramref name="zone"/>.</summary>
    public static DateTimeOffset Read(string text, TimeZoneInfo zone)
    {
        var trimmed = text.Trim();
        if (YearFirst.Match(trimmed) is { Success: true } iso)
        {
            return Build(text, Number(iso, "year"), Number(iso, "month"), Number(iso, "day"), iso, zone)
                ?? throw new FormatException($"'{text}' names no day of the calendar. {WriteIso}");
        }
        if (YearLast.Match(trimmed) is { Success: true } numeric)
        {
            return OneOrder(text, numeric, zone);
        }
        if (MonthNamed.Match(trimmed) is { Success: true } named && MonthOf(named.Groups["name"].Value) is { } month)
        {
            return Build(text, Number(named, "year"), month, Number(named, "day"), named, zone)
                ?? throw new FormatException($"'{text}' names no day of the calendar. {WriteIso}");
        }
        throw new FormatException($"'{text}' is not a date that OutreachStats reads the same in every culture. {WriteIso}");
    }

    /// <summary>A year-last date read day first and month first: the one that is a date, or the same date both ways.</summary>
    private static DateTimeOffset OneOrder(string text, Match numeric, TimeZoneInfo zone)
    {
        int first = Number(numeric, "first"), next = Number(numeric, "next"), year = Number(numeric, "year");
        var dayFirst = Build(text, year, next, first, numeric, zone);
        var monthFirst = Build(text, year, first, next, numeric, zone);
        if (dayFirst is { } a && monthFirst is { } b && a != b)
        {
            throw new FormatException(
                $"'{text}' could be {Spoken(a)} or {Spoken(b)}: the order of day and month differs between cultures. "
                + $"Write the date as ISO 8601, year-month-day: {Iso(a, numeric)} or {Iso(b, numeric)}.");
        }
        return dayFirst ?? monthFirst ?? throw new FormatException($"'{text}' names no day of the calendar, day first or month first. {WriteIso}");
    }

    /// <summary>The instant, or null when the numbers name no day or time (30 February, 25:00).</summary>
    private static DateTimeOffset? Build(string text, int year, int month, int day, Match match, TimeZoneInfo zone)
    {
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return null;
        var wall = new DateTime(year, month, day);
        if (match.Groups["hour"].Success)
        {
            int hour = Number(match, "hour"), minute = Number(match, "minute");
            var second = match.Groups["second"].Success ? Number(match, "second") : 0;
            if (hour > 23 || minute > 59 || second > 59) return null;
            var fraction = match.Groups["fraction"].Value.PadRight(7, '0');
            wall = wall.Add(new TimeSpan(hour, minute, second)).AddTicks(long.Parse(fraction, CultureInfo.InvariantCulture));
        }
        if (!match.Groups["offset"].Success) return new DateTimeOffset(wall, zone.GetUtcOffset(wall));
        var offset = Offset(match.Groups["offset"].Value)
            ?? throw new FormatException($"'{text}' has the offset {match.Groups["offset"].Value}, which no place has (offsets run from -14:00 to +14:00). {WriteIso}");
        return new DateTimeOffset(wall, offset);
    }

    private static TimeSpan? Offset(string text)
    {
        if (text.Equals("Z", StringComparison.OrdinalIgnoreCase)) return TimeSpan.Zero;
        var digits = text.Substring(1).Replace(":", string.Empty);
        var hours = int.Parse(digits.Substring(0, 2), CultureInfo.InvariantCulture);
        var minutes = digits.Length > 2 ? int.Parse(digits.Substring(2), CultureInfo.InvariantCulture) : 0;
        var offset = new TimeSpan(hours, minutes, 0);
        if (minutes > 59 || offset > TimeSpan.FromHours(14)) return null;
        return text[0] == '-' ? offset.Negate() : offset;
    }

    /// <summary>The month an English name or abbreviation (Sept too) stands for, or null.</summary>
    private static int? MonthOf(string name)
    {
        var names = CultureInfo.InvariantCulture.DateTimeFormat;
        for (var month = 1; month <= 12; month++)
        {
            if (string.Equals(name, names.GetMonthName(month), StringComparison.OrdinalIgnoreCase)
                || string.Equals(name, names.GetAbbreviatedMonthName(month), StringComparison.OrdinalIgnoreCase))
            {
                return month;
            }
        }
        return string.Equals(name, "Sept", StringComparison.OrdinalIgnoreCase) ? 9 : null;
    }

    private static int Number(Match match, string group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    private static string Spoken(DateTimeOffset value) => value.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>The ISO 8601 form of a reading, with the time and offset as given.</summary>
    private static string Iso(DateTimeOffset value, Match match)
    {
        if (!match.Groups["hour"].Success) return value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var time = value.ToString(match.Groups["fraction"].Success ? "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF" : "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        return match.Groups["offset"].Success ? time + value.ToString("zzz", CultureInfo.InvariantCulture) : time;
    }
}
