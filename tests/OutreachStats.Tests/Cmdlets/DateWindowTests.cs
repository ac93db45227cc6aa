using System.Globalization;
using OutreachStats.Cmdlets;
using Xunit;

namespace OutreachStats.Tests.Cmdlets;

/// <summary>
/// The window as sent: a [datetime] by its Kind, an end at midnight exactly in its own offset
/// through that whole day (of the user's zone when it is in that zone's offset), and no empty window.
/// </summary>
public sealed class DateWindowTests
{
    private static readonly TimeZoneInfo Tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
    private static readonly TimeZoneInfo LosAngeles = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");

    private static DateTime Utc(string iso) =>
        DateTime.ParseExact(iso, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    [Fact]
    public void ADatetimeOfKindUtcIsThatInstantAndAnyOtherKindIsTheZonesTime()
    {
        Assert.Equal(new DateTimeOffset(2026, 1, 15, 0, 0, 0, TimeSpan.Zero), DateWindow.Of(new DateTime(2026, 1, 15, 0, 0, 0, DateTimeKind.Utc), Tokyo));
        Assert.Equal(new DateTimeOffset(2026, 1, 15, 0, 0, 0, TimeSpan.FromHours(9)), DateWindow.Of(new DateTime(2026, 1, 15), Tokyo));
        Assert.Equal(new DateTimeOffset(2026, 7, 15, 8, 0, 0, TimeSpan.FromHours(-7)), DateWindow.Of(new DateTime(2026, 7, 15, 8, 0, 0), LosAngeles));
    }

    [Fact]
    public void AMidnightEndOfAnyKindMeansThatWholeDay()
    {
        // Unspecified and Local: a day of the zone; Utc: a day of UTC, where it used to ask for an empty window.
        Assert.Equal(Utc("2026-01-15T14:59:59.999Z"), DateWindow.End(DateWindow.Of(new DateTime(2026, 1, 15), Tokyo), Tokyo));
        Assert.Equal(Utc("2026-01-15T23:59:59.999Z"), DateWindow.End(DateWindow.Of(new DateTime(2026, 1, 15, 0, 0, 0, DateTimeKind.Utc), Tokyo), Tokyo));
        Assert.Equal(Utc("2026-01-15T23:59:59.999Z"), DateWindow.End(DateText.Read("2026-01-15T00:00Z", Tokyo), Tokyo));
    }

    [Fact]
    public void AMidnightEndInAnotherOffsetMeansThatOffsetsDay()
    {
        var end = new DateTimeOffset(2026, 1, 15, 0, 0, 0, TimeSpan.FromHours(5.5));

        Assert.Equal(Utc("2026-01-15T18:29:59.999Z"), DateWindow.End(end, Tokyo));
    }

    [Fact]
    public void TheDayTheClocksChangeEndsAtTheZonesOffsetThen()
    {
        // Los Angeles moves from UTC-8 to UTC-7 at 02:00 on 9 March 2025, and back at 02:00 on 2 November.
        Assert.Equal(Utc("2025-03-10T06:59:59.999Z"), DateWindow.End(DateText.Read("2025-03-09", LosAngeles), LosAngeles));
        Assert.Equal(Utc("2025-03-10T06:59:59.999Z"), DateWindow.End(DateText.Read("2025-03-09T00:00-08:00", LosAngeles), LosAngeles));
        Assert.Equal(Utc("2025-11-03T07:59:59.999Z"), DateWindow.End(DateText.Read("2025-11-02", LosAngeles), LosAngeles));
    }

    [Fact]
    public void AnEndWithATimeOfDayIsThatInstant()
    {
        Assert.Equal(Utc("2026-01-15T00:00:00.001Z"), DateWindow.End(new DateTimeOffset(2026, 1, 15, 0, 0, 0, 1, TimeSpan.Zero), Tokyo));
        Assert.Equal(Utc("2026-01-15T09:30:00.000Z"), DateWindow.End(DateText.Read("2026-01-15 18:30", Tokyo), Tokyo));
    }

    [Fact]
    public void AWindowIsEmptyWhenItsEndIsNotAfterItsStart()
    {
        string Format(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var start = Utc("2026-01-15T00:00:00.000Z");

        Assert.Null(DateWindow.EmptyWindowProblem(start, start.AddMilliseconds(1), Format));
        Assert.Equal(
            "-EndDate (2026-01-15T00:00:00.000Z) is the same instant as -StartDate (2026-01-15T00:00:00.000Z), so the window is empty. Give an end after the start.",
            DateWindow.EmptyWindowProblem(start, start, Format));
        Assert.Equal(
            "-EndDate (2026-01-14T23:59:59.999Z) is before -StartDate (2026-01-15T00:00:00.000Z), so the window is empty. Give an end after the start.",
            DateWindow.EmptyWindowProblem(start, start.AddMilliseconds(-1), Format));
    }
}
