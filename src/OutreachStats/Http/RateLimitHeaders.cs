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
/// Time)", not as a number; HTTP and ISO 8601 dates and Unix seconds are read too.
/// </summary>
internal static class RateLimitHeaders
{
    public const string Remaining = "X-RateLimit-Remaining";
    public const string ResetHeader = "X-RateLimit-Reset";

    private static readonly Regex JavaScriptDate = new(
        @"^\s*[A-Za-z]{3},?\s+(?<month>[A-Za-z]{3})\s+(?<day>\d{1,2})\s+(?<year>\d{4})\s+(?<time>\d{1,2}:\d{2}:\d{2})\s+(?:GMT|UTC)(?<offset>[+-]\d{2}:?\d{2})?",
        RegexOptions.CultureInvariant);

    /// <summary>True when the answer says no request is left in the key's window.</summary>
    public static bool IsExhausted(HttpResponseHeaders headers) =>
        First(headers, Remaining) is { } text
        && int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var left)
        && left <= 0;

    /// <summary>When the window resets, or null when the answer does not say in a form read here.</summary>
    public static DateTimeOffset? Reset(HttpResponseHeaders headers, DateTimeOffset now) =>
        First(headers, ResetHeader) is { } text ? ParseReset(text, now) : null;

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
            // Unix seconds of any date after 2001 exceed 1e9; a count of seconds to wait never does.
            return number >= 1e9 ? DateTimeOffset.FromUnixTimeMilliseconds((long)(number * 1000)) : now.AddSeconds(number);
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

    private static string? First(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
