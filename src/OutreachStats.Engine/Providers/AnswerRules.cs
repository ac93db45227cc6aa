using System.Collections.Generic;
using System.Globalization;

namespace OutreachStats.Providers;

/// <summary>
/// What a statistics answer must hold to be written as statistics. An answer with none of the
/// documented counts (<c>{}</c>, every field null, another provider's answer) would read as a
/// campaign with all-zero numbers, so it is invalid; so are a negative count and a rate that is
/// not a finite number from 0 up. Counts present as 0 are valid (a draft campaign), and a
/// documented count left out of an otherwise valid answer reads 0.
/// </summary>
internal static class AnswerRules
{
    /// <summary>Why <paramref name="counts"/> and <paramref name="rates"/> are not statistics, or null when they are.</summary>
    /// <param name="requireCounts">False for a part of an answer (a lemlist step) that may hold none of its counts.</param>
    public static string? Problem(IEnumerable<(string Field, long? Value)> counts, IEnumerable<(string Field, double? Value)>? rates = null, bool requireCounts = true)
    {
        var any = false;
        foreach (var (field, value) in counts)
        {
            if (value is not { } count) continue;
            any = true;
            if (count < 0) return $"its {field} is {count.ToString(CultureInfo.InvariantCulture)}, and a count cannot be negative";
        }
        foreach (var (field, value) in rates ?? new List<(string, double?)>())
        {
            if (value is not { } rate) continue;
            any = true;
            if (double.IsNaN(rate) || double.IsInfinity(rate) || rate < 0)
            {
                return $"its {field} is {rate.ToString("R", CultureInfo.InvariantCulture)}, which is not a rate";
            }
        }
        return any || !requireCounts ? null : "it has none of the documented counts";
    }
}
