using System.Globalization;
using System.Management.Automation;
using OutreachStats.PowerShell.Tests.Infrastructure;
using OutreachStats.Sandbox;
using Xunit;

namespace OutreachStats.PowerShell.Tests;

/// <summary>
/// -StartDate and -EndDate of the cmdlets that take a window, as a user types them: text read the
/// same in every culture (an ambiguous day/month order refused), [datetime] by its Kind,
/// [DateTimeOffset] by its offset, an end at midnight exactly as that whole day, and no empty window.
/// </summary>
public sealed class DateInputTests : SandboxTestBase
{
    protected override SandboxOptions Options => new() { Seed = 7, CampaignsPerProvider = 10 };

    public static TheoryData<SandboxProvider> DatedProviders => new() { SandboxProvider.Lemlist, SandboxProvider.Smartlead };

    private static string Command(SandboxProvider provider) =>
        provider == SandboxProvider.Lemlist ? "Get-LemlistCampaignStats $id" : "Get-SmartleadCampaignStatistics $id -First 1";

    /// <summary>The window one request asked for, in UTC, as the provider's query parameters name it.</summary>
    private (DateTime Start, DateTime End) SentWindow(SandboxProvider provider)
    {
        var request = Assert.Single(Requests(provider));
        var (start, end, format) = provider == SandboxProvider.Lemlist
            ? ("startDate", "endDate", "yyyy-MM-dd'T'HH:mm:ss.fff'Z'")
            : ("sent_time_start_date", "sent_time_end_date", "yyyy-MM-dd HH:mm:ss.fff'Z'");
        DateTime Read(string name) => DateTime.ParseExact(request.Query[name], format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
        return (Read(start), Read(end));
    }

    /// <summary>A wall-clock time of this machine's zone (the runspace's), in UTC.</summary>
    private static DateTime LocalToUtc(int year, int month, int day, int hour = 0, int minute = 0, int second = 0, int millisecond = 0) =>
        TimeZoneInfo.ConvertTimeToUtc(new DateTime(year, month, day, hour, minute, second, millisecond, DateTimeKind.Unspecified), TimeZoneInfo.Local);

    private PsResult RunIn(string culture, SandboxProvider provider, string parameters, Dictionary<string, object?>? variables = null)
    {
        var all = new Dictionary<string, object?>(variables ?? new()) { ["id"] = Ids(provider, 1)[0], ["culture"] = culture };
        return Run(
            "$saved = [cultureinfo]::CurrentCulture; try { [cultureinfo]::CurrentCulture = $culture; " + Command(provider) + " " + parameters + " } finally { [cultureinfo]::CurrentCulture = $saved }",
            all);
    }

    public static TheoryData<SandboxProvider, string> ProvidersInCultures()
    {
        var data = new TheoryData<SandboxProvider, string>();
        foreach (var provider in new[] { SandboxProvider.Lemlist, SandboxProvider.Smartlead })
        {
            foreach (var culture in new[] { "de-DE", "en-US", "ja-JP" }) data.Add(provider, culture);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ProvidersInCultures))]
    public void IsoDatesReadTheSameInEveryCulture(SandboxProvider provider, string culture)
    {
        Connect(provider);

        var result = RunIn(culture, provider, "-StartDate 2025-03-01 -EndDate 2025-03-31");

        result.AssertNoErrors();
        Assert.Equal((LocalToUtc(2025, 3, 1), LocalToUtc(2025, 3, 31, 23, 59, 59, 999)), SentWindow(provider));
    }

    [Theory]
    [MemberData(nameof(ProvidersInCultures))]
    public void AnIsoTimeWithAnOffsetIsThatInstant(SandboxProvider provider, string culture)
    {
        Connect(provider);

        var result = RunIn(culture, provider, "-StartDate '2025-03-01T10:00:00+02:00' -EndDate '2025-03-31 18:30Z'");

        result.AssertNoErrors();
        Assert.Equal((new DateTime(2025, 3, 1, 8, 0, 0, DateTimeKind.Utc), new DateTime(2025, 3, 31, 18, 30, 0, DateTimeKind.Utc)), SentWindow(provider));
    }

    [Theory]
    [InlineData(SandboxProvider.Lemlist, "de-DE", "03/31/2025")]
    [InlineData(SandboxProvider.Lemlist, "en-US", "31.03.2025")]
    [InlineData(SandboxProvider.Smartlead, "de-DE", "'March 31, 2025'")]
    [InlineData(SandboxProvider.Smartlead, "en-US", "'31 Mar 2025'")]
    public void ADateWithOneReadingIsReadInEveryCulture(SandboxProvider provider, string culture, string end)
    {
        Connect(provider);

        var result = RunIn(culture, provider, "-StartDate 2025-03-01 -EndDate " + end);

        result.AssertNoErrors();
        Assert.Equal(LocalToUtc(2025, 3, 31, 23, 59, 59, 999), SentWindow(provider).End);
    }

    [Theory]
    [InlineData(SandboxProvider.Lemlist, "de-DE", "StartDate", "03/01/2025", "2025-01-03 or 2025-03-01")]
    [InlineData(SandboxProvider.Lemlist, "en-US", "EndDate", "01.02.2025", "2025-02-01 or 2025-01-02")]
    [InlineData(SandboxProvider.Smartlead, "en-US", "StartDate", "03/01/2025", "2025-01-03 or 2025-03-01")]
    [InlineData(SandboxProvider.Smartlead, "de-DE", "EndDate", "'03/04/2025 10:00'", "2025-04-03T10:00:00 or 2025-03-04T10:00:00")]
    public void AnAmbiguousDayAndMonthOrderIsRefusedBeforeAnyRequestShowingTheIsoForms(SandboxProvider provider, string culture, string parameter, string date, string isoForms)
    {
        Connect(provider);

        var result = RunIn(culture, provider, $"-{parameter} {date}");

        var error = BadInput.AssertRefusedBeforeAnyRequest(result, AllRequests(), parameter);
        Assert.Contains("the order of day and month differs between cultures", error.Message);
        Assert.Contains("Write the date as ISO 8601, year-month-day: " + isoForms + ".", error.Message);
    }

    [Theory]
    [InlineData(SandboxProvider.Lemlist, "-StartDate 5", "StartDate", "The Int32 5 is not a date")]
    [InlineData(SandboxProvider.Smartlead, "-EndDate '2025-03-01T10:00+15:00'", "EndDate", "which no place has")]
    [InlineData(SandboxProvider.Lemlist, "-EndDate 'Saturday, March 1, 2025'", "EndDate", "ISO 8601, year-month-day, such as 2025-03-31")]
    public void WhatIsNotADateIsRefusedBeforeAnyRequest(SandboxProvider provider, string parameters, string parameter, string said)
    {
        Connect(provider);

        var result = RunIn("de-DE", provider, parameters);

        Assert.Contains(said, BadInput.AssertRefusedBeforeAnyRequest(result, AllRequests(), parameter).Message);
    }

    [Theory]
    [MemberData(nameof(DatedProviders))]
    public void ADateTimeOffsetIsItsInstantAndAtMidnightAsTheEndItsOffsetsWholeDay(SandboxProvider provider)
    {
        Connect(provider);

        var result = RunIn("en-US", provider, "-StartDate $start -EndDate $end", new()
        {
            ["start"] = new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.FromHours(5.5)),
            ["end"] = new DateTimeOffset(2025, 3, 31, 0, 0, 0, TimeSpan.FromHours(5.5)),
        });

        result.AssertNoErrors();
        Assert.Equal((new DateTime(2025, 2, 28, 18, 30, 0, DateTimeKind.Utc), new DateTime(2025, 3, 31, 18, 29, 59, 999, DateTimeKind.Utc)), SentWindow(provider));
    }

    [Theory]
    [MemberData(nameof(DatedProviders))]
    public void ADatetimeOfKindUtcAtMidnightAsStartAndEndAsksForThatWholeUtcDay(SandboxProvider provider)
    {
        Connect(provider);
        var day = new DateTime(2026, 1, 15, 0, 0, 0, DateTimeKind.Utc);

        var result = RunIn("en-US", provider, "-StartDate $day -EndDate $day", new() { ["day"] = day });

        result.AssertNoErrors();
        Assert.Equal((day, day.AddDays(1).AddMilliseconds(-1)), SentWindow(provider));
    }

    [Theory]
    [MemberData(nameof(DatedProviders))]
    public void ADatetimeOfKindUtcWithATimeOfDayIsSentAsItIs(SandboxProvider provider)
    {
        Connect(provider);
        var end = new DateTime(2026, 1, 15, 8, 15, 30, 125, DateTimeKind.Utc);

        var result = RunIn("en-US", provider, "-StartDate 2026-01-01 -EndDate $end", new() { ["end"] = end });

        result.AssertNoErrors();
        Assert.Equal(end, SentWindow(provider).End);
    }

    [Theory]
    [InlineData(SandboxProvider.Lemlist, "-StartDate '2025-03-01 10:00' -EndDate '2025-03-01 10:00'", "LemlistInvalidDateRange")]
    [InlineData(SandboxProvider.Smartlead, "-StartDate '2025-03-01T10:00Z' -EndDate '2025-03-01T12:00+02:00'", "SmartleadInvalidDateRange")]
    [InlineData(SandboxProvider.Lemlist, "-StartDate $sameInstant -EndDate $sameInstant", "LemlistInvalidDateRange")]
    public void AWindowThatIsStillEmptyIsRefusedBeforeAnyRequest(SandboxProvider provider, string parameters, string errorId)
    {
        Connect(provider);

        var result = RunIn("de-DE", provider, parameters, new() { ["sameInstant"] = new DateTime(2026, 1, 15, 9, 0, 0, DateTimeKind.Utc) });

        BadInput.AssertEndBeforeStartRefused(result, AllRequests(), errorId);
        Assert.Contains("is the same instant as", result.TerminatingError!.Exception.Message);
        Assert.Contains("the window is empty", result.TerminatingError.Exception.Message);
    }

    [Fact]
    public void TheParametersAreDateTimeOffsets()
    {
        var result = Run("(Get-Command Get-LemlistCampaignStats, Get-LemlistBatchStats, Get-SmartleadCampaignStatistics).Parameters.Values | Where-Object Name -like '*Date' | ForEach-Object ParameterType");

        result.AssertNoErrors();
        Assert.Equal(6, result.Output.Count);
        Assert.All(result.Output, type => Assert.Equal(typeof(DateTimeOffset), type.BaseObject));
    }
}
