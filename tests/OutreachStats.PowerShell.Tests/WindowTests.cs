using System.Globalization;
using System.Management.Automation;
using OutreachStats.PowerShell.Tests.Infrastructure;
using Xunit;

namespace OutreachStats.PowerShell.Tests;

/// <summary>The statistics window and filters as they reach the server.</summary>
public sealed class WindowTests : FakeLemlistTestBase
{
    private static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>What a [datetime] without a zone means: the user's local time, sent as UTC.</summary>
    private static string LocalAsUtc(DateTime value) => Iso(DateTime.SpecifyKind(value, DateTimeKind.Local).ToUniversalTime());

    [Fact]
    public void DatesReachTheServerAsUtcIso8601WithMilliseconds()
    {
        Connect();
        var start = new DateTime(2024, 3, 10, 8, 30, 15, 250, DateTimeKind.Local);
        var end = new DateTime(2024, 7, 1, 17, 45, 5, 125, DateTimeKind.Unspecified);

        var result = Run("Get-LemlistCampaignStats cam_1 -StartDate $start -EndDate $end", new() { ["start"] = start, ["end"] = end });

        result.AssertNoErrors();
        var request = Assert.Single(Server.Requests);
        Assert.Equal(Iso(start.ToUniversalTime()), request.Query["startDate"]);
        Assert.Equal(LocalAsUtc(end), request.Query["endDate"]);
        var stats = Assert.Single(result.Output);
        Assert.Equal(start.ToUniversalTime(), Prop(stats, "StartDate"));
        Assert.Equal(DateTimeKind.Utc, ((DateTime)Prop(stats, "StartDate")!).Kind);
    }

    [Fact]
    public void DatesReachTheBatchBodyAsUtcIso8601WithMilliseconds()
    {
        Connect();
        var start = new DateTime(2024, 1, 7, 22, 0, 0, 0, DateTimeKind.Unspecified);
        var end = new DateTime(2025, 7, 10, 21, 59, 59, 999, DateTimeKind.Unspecified);

        var result = Run("Get-LemlistBatchStats cam_1, cam_2 -StartDate $start -EndDate $end", new() { ["start"] = start, ["end"] = end });

        result.AssertNoErrors();
        var request = Assert.Single(Server.Requests);
        Assert.Equal(LocalAsUtc(start), request.BodyField("startDate"));
        Assert.Equal(LocalAsUtc(end), request.BodyField("endDate"));
    }

    [Fact]
    public void AnEndDateWithNoTimeOfDayMeansTheEndOfThatDay()
    {
        Connect();
        var start = new DateTime(2024, 3, 1);
        var end = new DateTime(2024, 3, 31);

        var result = Run(
            "Get-LemlistCampaignStats cam_1 -StartDate $start -EndDate $end; Get-LemlistBatchStats cam_2 -StartDate $start -EndDate $end",
            new() { ["start"] = start, ["end"] = end });

        result.AssertNoErrors();
        var expectedEnd = LocalAsUtc(new DateTime(2024, 3, 31, 23, 59, 59, 999));
        Assert.Equal(2, Server.Requests.Count);
        Assert.Equal(LocalAsUtc(start), Server.Requests[0].Query["startDate"]);
        Assert.Equal(expectedEnd, Server.Requests[0].Query["endDate"]);
        Assert.Equal(expectedEnd, Server.Requests[1].BodyField("endDate"));
    }

    [Fact]
    public void OmittedDatesMeanAllTimeUntilNow()
    {
        Connect();
        var before = DateTime.UtcNow;

        var result = Run("Get-LemlistCampaignStats cam_1; Get-LemlistBatchStats cam_2");

        var after = DateTime.UtcNow;
        result.AssertNoErrors();
        Assert.Equal(2, Server.Requests.Count);
        var single = Server.Requests[0];
        Assert.Equal("2010-01-01T00:00:00.000Z", single.Query["startDate"]);
        Assert.Equal("2010-01-01T00:00:00.000Z", Server.Requests[1].BodyField("startDate"));
        foreach (var endText in new[] { single.Query["endDate"], Server.Requests[1].BodyField("endDate")! })
        {
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", endText);
            var end = DateTime.ParseExact(endText, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
            Assert.InRange(end, before.AddSeconds(-1), after.AddSeconds(1));
        }
    }

    [Fact]
    public void AnEndBeforeTheStartIsRefusedBeforeAnyRequest()
    {
        Connect();

        var result = Run(
            "Get-LemlistCampaignStats cam_1 -StartDate $start -EndDate $end",
            new() { ["start"] = new DateTime(2024, 6, 1, 12, 0, 0), ["end"] = new DateTime(2024, 5, 1, 12, 0, 0) });

        Assert.NotNull(result.TerminatingError);
        Assert.Equal("LemlistInvalidDateRange", ErrorId(result.TerminatingError!));
        Assert.Equal(ErrorCategory.InvalidArgument, result.TerminatingError!.CategoryInfo.Category);
        Assert.Empty(result.Output);
        Assert.Empty(Server.Requests);

        var batch = Run(
            "Get-LemlistBatchStats cam_1 -StartDate $start -EndDate $end",
            new() { ["start"] = new DateTime(2024, 6, 1, 12, 0, 0), ["end"] = new DateTime(2024, 5, 1, 12, 0, 0) });
        Assert.Equal("LemlistInvalidDateRange", ErrorId(batch.TerminatingError!));
        Assert.Empty(Server.Requests);
    }

    [Theory]
    [InlineData("bad")]
    [InlineData("usr_OcIHizJyIeaDxicQP")]
    [InlineData("email@example.com")]
    [InlineData("OcIHizJyIeaDxicQP|email@example.com")]
    public void AMalformedSendUserIsABindingErrorInTheApisWording(string sendUser)
    {
        Connect();

        var result = Run("Get-LemlistCampaignStats cam_1 -SendUser $sendUser", new() { ["sendUser"] = sendUser });

        var error = Assert.IsAssignableFrom<ParameterBindingException>(result.Terminating);
        Assert.Equal("SendUser", error.ParameterName);
        Assert.Contains("sendUser must be formatted as follow", error.Message);
        Assert.Empty(Server.Requests);
    }

    [Fact]
    public void AWellFormedSendUserIsSent()
    {
        Connect();

        var result = Run("Get-LemlistCampaignStats cam_1 -SendUser 'usr_OcIHizJyIeaDxicQP|email@example.com'");

        result.AssertNoErrors();
        Assert.Equal("usr_OcIHizJyIeaDxicQP|email@example.com", Assert.Single(Server.Requests).Query["sendUser"]);
        Assert.Equal("usr_OcIHizJyIeaDxicQP|email@example.com", Prop(Assert.Single(result.Output), "SendUser"));
    }

    [Fact]
    public void ChannelsAreSentAsAJsonArrayAndTheAbVersionAsABSelected()
    {
        Connect();

        var result = Run("Get-LemlistCampaignStats cam_1 -Channel email, linkedin -ABVersion B");

        result.AssertNoErrors();
        var request = Assert.Single(Server.Requests);
        Assert.Equal("""["email","linkedin"]""", request.Query["channels"]);
        Assert.Equal("B", request.Query["ABSelected"]);
        var stats = Assert.Single(result.Output);
        Assert.Equal("email,linkedin", Prop(stats, "Channels"));
        Assert.Equal("B", Prop(stats, "ABVersion"));
    }

    [Fact]
    public void BatchSendsChannelsAndAbVersionInTheBody()
    {
        Connect();

        var result = Run("Get-LemlistBatchStats cam_1 -Channel email, linkedin -ABVersion b");

        result.AssertNoErrors();
        var request = Assert.Single(Server.Requests);
        Assert.Equal("""["email","linkedin"]""", request.BodyJson("channels"));
        Assert.Equal("B", request.BodyField("ABSelected"));
    }

    [Fact]
    public void WithoutFiltersNoFilterIsSent()
    {
        Connect();

        Run("Get-LemlistCampaignStats cam_1").AssertNoErrors();

        var request = Assert.Single(Server.Requests);
        Assert.Equal(new[] { "endDate", "startDate" }, request.Query.Keys.Order().ToArray());
    }

    [Theory]
    [InlineData("-Channel sms")]
    [InlineData("-ABVersion C")]
    public void UndocumentedFilterValuesAreBindingErrors(string parameters)
    {
        Connect();

        var result = Run("Get-LemlistCampaignStats cam_1 " + parameters);

        Assert.IsAssignableFrom<ParameterBindingException>(result.Terminating);
        Assert.Empty(Server.Requests);
    }
}
