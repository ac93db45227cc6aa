using System;
using System.Globalization;
using System.Linq;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace OutreachStats.Http;

/// <summary>
/// The rate-limit headers lemlist documents on every answer: X-RateLimit-Remaining (requests left
/// in the current window) and X-RateLimit-Reset (when the window resets). lemlist writes the reset
/// as JavaScript's Date.toString(), "Tue Feb 16 2021 09:02:42 GMT+0100 (Central European Standard
/// Time)", not as a number; HTTP and ISO 8601 dates and numbers are read too. Smartlead sends the
/// same names in lower case (header names are case-insensitive), its reset a Unix time in seconds.
/// </summary>
internal static class RateLimitHeaders
{
    private const string LimitHeader = "X-RateLimit-Limit";
    private const string RemainingHeader = "X-RateLimit-Remaining";
    private const string ResetHeader = "X-RateLimit-Reset";

    private static readonly Regex JavaScriptDate = new(
        @"^\s*[A-Za-z]{3},?\s+(?<month>[A-Za-z]{3})\s+(?<day>\d{1,2})\s+(?<year>\d{4})\s+(?<time>\d{1,2}:\d{2}:\d{2})\s+(?:GMT|UTC)(?<offset>[+-]\d{2}:?\d{2})?",
        RegexOptions.CultureInvariant);

    /// <summary>The requests the answer says the key has left in the window, and its limit when given; null when not said.</summary>
    public static (int Remaining, int? Limit)? Allowance(HttpResponseHeaders headers)
    {
        if (Number(headers, RemainingHeader) is not { } remaining) return null;
        return (Math.Max(0, remaining), Number(headers, LimitHeader));
    }

    /// <summary>
    /// When the window has surely reset, or null when the answer does not say in a form read here.
    /// A time given to the whole second (lemlist's form drops the milliseconds) may stand for any
    /// moment of that second, so its end is taken.
    /// </summary>
    public static DateTimeOffset? Reset(HttpResponseHeaders headers, DateTimeOffset now) =>
        First(headers, ResetHeader) is { } text && ParseReset(text, now) is { } reset
            ? reset.Ticks % TimeSpan.TicksPerSecond == 0 && !IsSecondsFromNow(text) ? reset.AddSeconds(1) : reset
            : null;

    /// <summary>
    /// A reset as lemlist writes it (see the class), an HTTP or ISO 8601 date, or a number: Unix
    /// seconds when it is that large, otherwise seconds from <paramref name="now"/>.
    /// </summary>
    public static DateTimeOffset? ParseReset(string text, DateTimeOffset now)
    {
        var trimmed = text.Trim();
        if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            if (number < 0 || double.IsNaN(number) || double.IsInfinity(number)) return null;
            return number >= UnixSecondsFloor ? DateTimeOffset.FromUnixTimeMilliseconds((long)(number * 1000)) : now.AddSeconds(number);
        }
        var match = JavaScriptDate.Match(trimmed);
        if (match.Success)
        {
            var offset = match.Groups["offset"].Success ? match.Groups["offset"].Value.Replace(":", string.Empty) : "+0000";
            var iso = $"{match.Groups["day"].Value.PadLeft(2, '0')} {match.Groups["month"].Value} {match.Groups["year"].Value} {match.Groups["time"].Value.PadLeft(8, '0')} {offset.Insert(3, ":")}";
            return DateTimeOffset.TryParseExact(iso, "dd MMM yyyy HH:mm:ss zzz", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) ? parsed : null;
        }
        return DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date : null;
    }

    /// <summary>Unix seconds of any date after 2001 exceed this; a count of seconds to wait never does.</summary>
    private const double UnixSecondsFloor = 1e9;

    private static bool IsSecondsFromNow(string text) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number < UnixSecondsFloor;

    private static int? Number(HttpResponseHeaders headers, string name) =>
        First(headers, name) is { } text && int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static string? First(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
