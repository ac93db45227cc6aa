using System.Globalization;
using OutreachStats.Cmdlets;
using Xunit;

namespace OutreachStats.Tests.Cmdlets;

/// <summary>
/// Dates typed as text read the same in every culture: ISO 8601 and other year-first dates, a
/// year-last date only when one order of day and month gives a date, English month names; the
/// rest is refused with a message that shows the ISO form.
/// </summary>
public sealed class DateTextTests : IDisposable
{
    private static readonly TimeZoneInfo Tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
    private static readonly TimeZoneInfo LosAngeles = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");

    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;

    public void Dispose() => CultureInfo.CurrentCulture = _culture;

    private static DateTimeOffset At(int year, int month, int day, TimeSpan offset, int hour = 0, int minute = 0, int second = 0) =>
        new(year, month, day, hour, minute, second, offset);

    public static TheoryData<string> Cultures => new() { "en-US", "de-DE", "fr-FR", "ja-JP", "ar-SA", "" };

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Iso8601ReadsTheSameInEveryCulture(string culture)
    {
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        var nine = TimeSpan.FromHours(9);

        Assert.Equal(At(2025, 3, 1, nine), DateText.Read("2025-03-01", Tokyo));
        Assert.Equal(At(2025, 3, 31, nine, 18, 30), DateText.Read("2025-03-31T18:30", Tokyo));
        Assert.Equal(At(2025, 3, 31, nine, 18, 30, 15), DateText.Read("2025-03-31 18:30:15", Tokyo));
        Assert.Equal(At(2025, 3, 31, nine, 18, 30, 15).AddTicks(1_234_567), DateText.Read("2025-03-31T18:30:15.1234567", Tokyo));
        Assert.Equal(At(2025, 3, 31, nine, 18, 30, 15).AddMilliseconds(250), DateText.Read("2025-03-31T18:30:15,25", Tokyo));
        Assert.Equal(At(2025, 3, 1, TimeSpan.Zero, 10), DateText.Read("2025-03-01T10:00:00Z", Tokyo));
        Assert.Equal(At(2025, 3, 1, TimeSpan.Zero, 10), DateText.Read("2025-03-01 10:00:00z", Tokyo));
        Assert.Equal(At(2025, 3, 1, TimeSpan.FromHours(2), 10), DateText.Read("2025-03-01T10:00+02:00", Tokyo));
        Assert.Equal(At(2025, 3, 1, TimeSpan.FromHours(-5.5), 10), DateText.Read("2025-03-01T10:00-0530", Tokyo));
        Assert.Equal(At(2025, 3, 1, TimeSpan.FromHours(14), 10), DateText.Read("2025-03-01T10:00+14", Tokyo));
        Assert.Equal(At(2025, 3, 1, nine), DateText.Read("  2025-03-01 ", Tokyo));
    }

    [Fact]
    public void WhatRoundTripAndSortableFormatsWriteIsRead()
    {
        var instant = new DateTimeOffset(2025, 7, 4, 9, 15, 30, TimeSpan.FromHours(-7)).AddTicks(42);

        Assert.Equal(instant, DateText.Read(instant.ToString("o", CultureInfo.InvariantCulture), Tokyo));
        Assert.Equal(instant.AddTicks(-42), DateText.Read(instant.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture), Tokyo));
        Assert.Equal(instant.AddTicks(-42).ToUniversalTime(), DateText.Read(instant.ToUniversalTime().ToString("u", CultureInfo.InvariantCulture), Tokyo));
    }

    [Fact]
    public void WithoutAnOffsetTheTimeIsTheZonesWithItsOffsetOnThatDay()
    {
        // Los Angeles: winter UTC-8, summer UTC-7.
        Assert.Equal(TimeSpan.FromHours(-8), DateText.Read("2025-01-15", LosAngeles).Offset);
        Assert.Equal(TimeSpan.FromHours(-7), DateText.Read("2025-07-15 12:00", LosAngeles).Offset);
    }

    [Theory]
    [InlineData("2025/03/01", 2025, 3, 1)]
    [InlineData("2025.3.1", 2025, 3, 1)]
    [InlineData("2025-3-31", 2025, 3, 31)]
    [InlineData("31/03/2025", 2025, 3, 31)]
    [InlineData("3/31/2025", 2025, 3, 31)]
    [InlineData("31.03.2025", 2025, 3, 31)]
    [InlineData("12-25-2025", 2025, 12, 25)]
    [InlineData("05/05/2025", 2025, 5, 5)]
    [InlineData("29/02/2024", 2024, 2, 29)]
    [InlineData("March 1, 2025", 2025, 3, 1)]
    [InlineData("march 1 2025", 2025, 3, 1)]
    [InlineData("1 March 2025", 2025, 3, 1)]
    [InlineData("1 Mar 2025", 2025, 3, 1)]
    [InlineData("Mar. 1, 2025", 2025, 3, 1)]
    [InlineData("Sept 30, 2025", 2025, 9, 30)]
    [InlineData("1. December 2025", 2025, 12, 1)]
    public void ADateWithExactlyOneReadingIsRead(string text, int year, int month, int day)
    {
        foreach (var culture in new[] { "en-US", "de-DE", "en-GB" })
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);

            Assert.Equal(At(year, month, day, TimeSpan.FromHours(9)), DateText.Read(text, Tokyo));
        }
    }

    [Fact]
    public void ANonIsoDateMayHaveATimeAndAnOffset()
    {
        Assert.Equal(At(2025, 3, 31, TimeSpan.FromHours(9), 18, 45), DateText.Read("31/03/2025 18:45", Tokyo));
        Assert.Equal(At(2025, 3, 1, TimeSpan.FromHours(1), 9, 5, 7), DateText.Read("March 1, 2025 09:05:07 +01:00", Tokyo));
    }

    [Theory]
    [InlineData("03/01/2025", "3 January 2025", "1 March 2025", "2025-01-03", "2025-03-01")]
    [InlineData("01.02.2025", "1 February 2025", "2 January 2025", "2025-02-01", "2025-01-02")]
    [InlineData("1-2-2025", "1 February 2025", "2 January 2025", "2025-02-01", "2025-01-02")]
    [InlineData("03/01/2025 10:00", "3 January 2025", "1 March 2025", "2025-01-03T10:00:00", "2025-03-01T10:00:00")]
    [InlineData("03/01/2025 10:00:00+02:00", "3 January 2025", "1 March 2025", "2025-01-03T10:00:00+02:00", "2025-03-01T10:00:00+02:00")]
    public void ANumericDateWhoseDayAndMonthOrderIsAmbiguousIsRefusedShowingBothIsoForms(string text, string dayFirst, string monthFirst, string isoDayFirst, string isoMonthFirst)
    {
        foreach (var culture in new[] { "en-US", "de-DE" })
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);

            var error = Assert.Throws<FormatException>(() => DateText.Read(text, Tokyo));

            Assert.Equal(
                $"'{text}' could be {dayFirst} or {monthFirst}: the order of day and month differs between cultures. Write the date as ISO 8601, year-month-day: {isoDayFirst} or {isoMonthFirst}.",
                error.Message);
        }
    }

    [Theory]
    [InlineData("2025-02-30")]
    [InlineData("2025-13-01")]
    [InlineData("2025-00-10")]
    [InlineData("0000-01-01")]
    [InlineData("2025-03-01T24:00")]
    [InlineData("2025-03-01T10:60")]
    [InlineData("2025-03-01T10:00:60")]
    [InlineData("31/31/2025")]
    [InlineData("30/02/2025")]
    [InlineData("February 30, 2025")]
    public void NumbersThatNameNoDayAreRefused(string text)
    {
        var error = Assert.Throws<FormatException>(() => DateText.Read(text, Tokyo));

        Assert.StartsWith($"'{text}' names no day of the calendar", error.Message);
        Assert.Contains("ISO 8601, year-month-day, such as 2025-03-31", error.Message);
    }

    [Theory]
    [InlineData("2025-03-01T10:00+15:00")]
    [InlineData("2025-03-01T10:00+02:75")]
    public void AnOffsetNoPlaceHasIsRefused(string text)
    {
        var error = Assert.Throws<FormatException>(() => DateText.Read(text, Tokyo));

        Assert.Contains("which no place has", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("the first of May")]
    [InlineData("last week")]
    [InlineData("1. März 2025")]
    [InlineData("Samedi 1 mars 2025")]
    [InlineData("Saturday, March 1, 2025")]
    [InlineData("03/01/25")]
    [InlineData("20250301")]
    [InlineData("2025-03-01Z")]
    [InlineData("2025-03-01T10:00 PM")]
    [InlineData("3/1/2025 10:00:00 AM")]
    [InlineData("2025-03-01/2025-03-31")]
    public void AnythingElseIsRefusedShowingTheIsoForm(string text)
    {
        var error = Assert.Throws<FormatException>(() => DateText.Read(text, Tokyo));

        Assert.Equal(
            $"'{text}' is not a date that OutreachStats reads the same in every culture. Write the date as ISO 8601, year-month-day, such as 2025-03-31, with a time and an offset if you need them (2025-03-31T18:00, 2025-03-31 18:00:00+02:00).",
            error.Message);
    }
}
