using System.Globalization;
using System.Management.Automation;
using System.Text.Json.Nodes;
using OutreachStats.PowerShell.Tests.Infrastructure;
using OutreachStats.Sandbox;
using Xunit;

namespace OutreachStats.PowerShell.Tests;

/// <summary>The statistics window and filters as they reach the server.</summary>
public sealed class WindowTests : LemlistTestBase
{
    private static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>What a [datetime] without a zone means: the user's local time, sent as UTC.</summary>
    private static string LocalAsUtc(DateTime value) => Iso(DateTime.SpecifyKind(value, DateTimeKind.Local).ToUniversalTime());

    /// <summary>A field of a batch request's JSON body as its JSON text ("B" with its quotes, an array as written), or null.</summary>
    private static string? BodyJson(SandboxRequest request, string name) => JsonNode.Parse(request.Body!)?[name]?.ToJsonString();

    /// <summary>A string field of a batch request's JSON body, or null.</summary>
    private static string? BodyField(SandboxRequest request, string name) => JsonNode.Parse(request.Body!)?[name]?.GetValue<string>();

    [Fact]
    public void DatesReachTheServerAsUtcIso8601WithMilliseconds()
    {
        Connect();
        var start = new DateTime(2024, 3, 10, 8, 30, 15, 250, DateTimeKind.Local);
        var end = new DateTime(2024, 7, 1, 17, 45, 5, 125, DateTimeKind.Unspecified);

        var result = Run("Get-LemlistCampaignStats $ids[0] -StartDate $start -EndDate $end", new() { ["start"] = start, ["end"] = end, ["ids"] = Ids(1) });

        result.AssertNoErrors();
        var request = Assert.Single(Requests());
        Assert.Equal(Iso(start.ToUniversalTime()), request.Query["startDate"]);
        Assert.Equal(LocalAsUtc(end), request.Query["endDate"]);
        var stats = Assert.Single(result.Output);
        // The row carries the window as the same ISO 8601 text in UTC that was sent.
        Assert.Equal(request.Query["startDate"], Prop(stats, "StartDate"));
        Assert.Equal(request.Query["endDate"], Prop(stats, "EndDate"));
    }

    [Fact]
    public void DatesReachTheBatchBodyAsUtcIso8601WithMilliseconds()
    {
        Connect();
        var start = new DateTime(2024, 1, 7, 22, 0, 0, 0, DateTimeKind.Unspecified);
        var end = new DateTime(2025, 7, 10, 21, 59, 59, 999, DateTimeKind.Unspecified);

        var result = Run("Get-LemlistBatchStats $ids -StartDate $start -EndDate $end", new() { ["start"] = start, ["end"] = end, ["ids"] = Ids(2) });

        result.AssertNoErrors();
        var request = Assert.Single(Requests());
        Assert.Equal(LocalAsUtc(start), BodyField(request, "startDate"));
        Assert.Equal(LocalAsUtc(end), BodyField(request, "endDate"));
    }

    [Fact]
    public void AnEndDateWithNoTimeOfDayMeansTheEndOfThatDay()
    {
        Connect();
        var start = new DateTime(2024, 3, 1);
        var end = new DateTime(2024, 3, 31);

        var result = Run(
            "Get-LemlistCampaignStats $ids[0] -StartDate $start -EndDate $end; Get-LemlistBatchStats $ids[1] -StartDate $start -EndDate $end",
            new() { ["start"] = start, ["end"] = end, ["ids"] = Ids(2) });

        result.AssertNoErrors();
        var expectedEnd = LocalAsUtc(new DateTime(2024, 3, 31, 23, 59, 59, 999));
        var requests = Requests();
        Assert.Equal(2, requests.Count);
        Assert.Equal(LocalAsUtc(start), requests[0].Query["startDate"]);
        Assert.Equal(expectedEnd, requests[0].Query["endDate"]);
        Assert.Equal(expectedEnd, BodyField(requests[1], "endDate"));
    }

    [Fact]
    public void OmittedDatesMeanAllTimeUntilNow()
    {
        Connect();
        var before = DateTime.UtcNow;

        var result = Run("Get-LemlistCampaignStats $ids[0]; Get-LemlistBatchStats $ids[1]", new() { ["ids"] = Ids(2) });

        var after = DateTime.UtcNow;
        result.AssertNoErrors();
        var requests = Requests();
        Assert.Equal(2, requests.Count);
        var single = requests[0];
        Assert.Equal("2010-01-01T00:00:00.000Z", single.Query["startDate"]);
        Assert.Equal("2010-01-01T00:00:00.000Z", BodyField(requests[1], "startDate"));
        foreach (var endText in new[] { single.Query["endDate"], BodyField(requests[1], "endDate")! })
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
        Assert.Empty(AllRequests());

        var batch = Run(
            "Get-LemlistBatchStats cam_1 -StartDate $start -EndDate $end",
            new() { ["start"] = new DateTime(2024, 6, 1, 12, 0, 0), ["end"] = new DateTime(2024, 5, 1, 12, 0, 0) });
        Assert.Equal("LemlistInvalidDateRange", ErrorId(batch.TerminatingError!));
        Assert.Empty(AllRequests());
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
        Assert.Empty(AllRequests());
    }

    [Fact]
    public void AWellFormedSendUserIsSent()
    {
        Connect();
        var campaign = Sandbox.Campaigns(Provider, 0, 1)[0];
        var sendUser = campaign.SendUsers![0];

        var result = Run("Get-LemlistCampaignStats $id -SendUser $sendUser", new() { ["id"] = campaign.Id, ["sendUser"] = sendUser });

        result.AssertNoErrors();
        Assert.Equal(sendUser, Assert.Single(Requests()).Query["sendUser"]);
        Assert.Equal(sendUser, Prop(Assert.Single(result.Output), "SendUser"));
    }

    [Fact]
    public void ChannelsAreSentAsAJsonArrayAndTheAbVersionAsABSelected()
    {
        Connect();

        var result = Run("Get-LemlistCampaignStats $id -Channel email, linkedin -ABVersion B", new() { ["id"] = Ids(1)[0] });

        result.AssertNoErrors();
        var request = Assert.Single(Requests());
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

        var result = Run("Get-LemlistBatchStats $id -Channel email, linkedin -ABVersion b", new() { ["id"] = Ids(1)[0] });

        result.AssertNoErrors();
        var request = Assert.Single(Requests());
        Assert.Equal("""["email","linkedin"]""", BodyJson(request, "channels"));
        Assert.Equal("B", BodyField(request, "ABSelected"));
    }

    [Fact]
    public void WithoutFiltersNoFilterIsSent()
    {
        Connect();

        Run("Get-LemlistCampaignStats $id", new() { ["id"] = Ids(1)[0] }).AssertNoErrors();

        var request = Assert.Single(Requests());
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
        Assert.Empty(AllRequests());
    }
}
