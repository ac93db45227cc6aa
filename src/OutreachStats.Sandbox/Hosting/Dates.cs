using System.Globalization;
using System.Text.RegularExpressions;

namespace OutreachStats.Sandbox.Hosting;

/// <summary>The date forms the providers take and write.</summary>
internal static partial class Dates
{
    /// <summary>
    /// ISO 8601 as lemlist takes it ("2024-01-07T22:00:00.000Z") and Smartlead's form with a space
    /// ("2023-10-16 10:33:02.000Z"); a date without an offset is UTC. Anything else is refused.
    /// </summary>
    public static bool TryParse(string? text, out DateTimeOffset date)
    {
        date = default;
        return !string.IsNullOrWhiteSpace(text)
            && IsoDate().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date);
    }

    /// <summary>"2025-07-08T13:01:33.000Z".</summary>
    public static string Iso(long unixSeconds) =>
        DateTimeOffset.FromUnixTimeSeconds(unixSeconds).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$")]
    private static partial Regex IsoDate();
}
