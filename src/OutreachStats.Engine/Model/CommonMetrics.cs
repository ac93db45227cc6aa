using System;
using System.Globalization;

namespace OutreachStats.Model;

/// <summary>
/// What every provider's rows share: rates computed the same way from the counts, and the window
/// as ISO 8601 text. about_OutreachStats maps each provider's documented fields to these names.
/// </summary>
internal static class CommonMetrics
{
    /// <summary>
    /// <paramref name="part"/> over <paramref name="whole"/>, from 0 to 1: null when either is
    /// unknown or nothing was sent (0/0 is no rate). Computed rather than taken from a provider,
    /// so a rate means the same and ranks the same on every provider.
    /// </summary>
    public static double? Rate(int? part, int? whole) =>
        part is { } known && whole is { } total && total > 0 ? (double)known / total : null;

    /// <summary>
    /// An instant as ISO 8601 in UTC with milliseconds (<c>2025-02-28T23:00:00.000Z</c>): the
    /// same in every culture and time zone, in a table and in a CSV read back anywhere, and in
    /// time order when sorted as text. <c>[datetime]</c> or <c>[DateTimeOffset]</c> reads it back.
    /// </summary>
    public static string Iso(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string? Iso(DateTime? utc) => utc is { } value ? Iso(value) : null;
}
