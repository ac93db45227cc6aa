using System.Globalization;
using System.Management.Automation;
using OutreachStats.PowerShell.Tests.Infrastructure;
using Xunit;

namespace OutreachStats.PowerShell.Tests;

/// <summary>Get-SmartleadCampaignStatistics in pipelines a user would type, against a fake Smartlead.</summary>
public sealed class SmartleadTests : FakeSmartleadTestBase
{
    /// <summary>Each total count as PowerShell shows it (its ToString is a script method, run here in the runspace) and its accuracy.</summary>
    private const string TotalsAsText = " | ForEach-Object { if ($null -ne $_.PSObject.Properties['Accuracy']) { $_.ToString() + ' (accuracy ' + $_.Accuracy + ')' } else { $_ } }";

    private static string SmartleadTime(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string LocalAsSmartlead(DateTime value) => SmartleadTime(DateTime.SpecifyKind(value, DateTimeKind.Local).ToUniversalTime());

    [Fact]
    public void IdsComeByValueAndByPropertyNameIncludingCsvText()
    {
        Connect();
        Server.Latency = id => id == "101" ? TimeSpan.FromMilliseconds(300) : TimeSpan.Zero;

        var result = Run(
            """
            101, '102' | Get-SmartleadCampaignStatistics
            # As Import-Csv gives them: text properties.
            [pscustomobject]@{ CampaignId = '103' } | Get-SmartleadCampaignStatistics
            [pscustomobject]@{ Id = ' 104 '; Name = 'Spring' } | Get-SmartleadCampaignStatistics
            """);

        result.AssertNoErrors();
        Assert.Equal(12, result.Output.Count);
        Assert.All(result.Output, o => Assert.Equal(SendTypeName, TypeOf(o)));
        Assert.Equal(new object?[] { 101L, 101L, 101L, 102L, 102L, 102L, 103L, 103L, 103L, 104L, 104L, 104L }, result.Values("CampaignId"));
        Assert.Equal(new[] { "101", "102", "103", "104" }, Server.Requests.Select(r => r.CampaignId).Order().ToArray());
        var row = result.Output[0];
        Assert.Equal("Smartlead", Prop(row, "Provider"));
        Assert.Equal("1", Prop(row, "StatsId"));
        Assert.Equal("lead1@example.com", Prop(row, "LeadEmail"));
        Assert.Equal(1, Prop(row, "SequenceNumber"));
        Assert.Equal(new DateTime(2025, 1, 7, 8, 0, 0, DateTimeKind.Utc), Prop(row, "ReplyTime"));
        Assert.Null(Prop(row, "EmailMessage"));
    }

    [Fact]
    public void IncludeMessageKeepsTheBody()
    {
        Connect();

        var result = Run("Get-SmartleadCampaignStatistics 5 -IncludeMessage -First 1");

        result.AssertNoErrors();
        Assert.StartsWith("<p>Hello xxx", (string)Prop(Assert.Single(result.Output), "EmailMessage")!);
    }

    public static TheoryData<string, string> BadInput => new()
    {
        { "Get-SmartleadCampaignStatistics -CampaignId abc", "CampaignId" },
        { "Get-SmartleadCampaignStatistics -CampaignId ''", "CampaignId" },
        { "Get-SmartleadCampaignStatistics -CampaignId '  '", "CampaignId" },
        { "Get-SmartleadCampaignStatistics -CampaignId 12.5", "CampaignId" },
        { "Get-SmartleadCampaignStatistics -CampaignId 0", "CampaignId" },
        { "Get-SmartleadCampaignStatistics -CampaignId -4", "CampaignId" },
        { "Get-SmartleadCampaignStatistics -CampaignId 1, 'x2'", "CampaignId" },
        { "Get-SmartleadCampaignStatistics 1 -SequenceNumber 21", "SequenceNumber" },
        { "Get-SmartleadCampaignStatistics 1 -SequenceNumber 0", "SequenceNumber" },
        { "Get-SmartleadCampaignStatistics 1 -EmailStatus delivered", "EmailStatus" },
        { "Get-SmartleadCampaignStatistics 1 -PageSize 1001", "PageSize" },
        { "Get-SmartleadCampaignStatistics 1 -PageSize 0", "PageSize" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public void BadInputIsRefusedBeforeAnyRequestNamingTheParameter(string script, string parameter)
    {
        Connect();

        var result = Run(script);

        var error = Assert.IsAssignableFrom<ParameterBindingException>(result.Terminating);
        Assert.Equal(parameter, error.ParameterName);
        Assert.Contains($"'{parameter}'", error.Message);
        Assert.Empty(result.Output);
        Assert.Empty(Server.Requests);
    }

    [Theory]
    [InlineData("'abc' | Get-SmartleadCampaignStatistics", "'abc' is not a Smartlead campaign ID")]
    [InlineData("'' | Get-SmartleadCampaignStatistics", "is empty")]
    [InlineData("[pscustomobject]@{ CampaignId = 'x' } | Get-SmartleadCampaignStatistics", "'x' is not a Smartlead campaign ID")]
    public void BadIdsFromThePipelineAreErrorsNamingCampaignIdAndTheOthersGoOn(string script, string message)
    {
        Connect();

        var result = Run(script + "; 7 | Get-SmartleadCampaignStatistics");

        var error = Assert.Single(result.AllErrors);
        Assert.IsAssignableFrom<ParameterBindingException>(error.Exception);
        Assert.Contains("CampaignId", error.ToString());
        Assert.Contains(message, error.ToString());
        Assert.Equal(new[] { "7" }, Server.Requests.Select(r => r.CampaignId).ToArray());
    }

    [Fact]
    public void AnEndBeforeTheStartIsRefusedBeforeAnyRequest()
    {
        Connect();

        var result = Run("Get-SmartleadCampaignStatistics 1 -StartDate 2025-02-01 -EndDate 2025-01-01");

        Assert.Equal("SmartleadInvalidDateRange", ErrorId(result.TerminatingError!));
        Assert.Equal(ErrorCategory.InvalidArgument, result.TerminatingError!.CategoryInfo.Category);
        Assert.Contains("-EndDate", result.TerminatingError.Exception.Message);
        Assert.Empty(Server.Requests);
    }

    [Fact]
    public void FiltersReachSmartleadWithTheirDocumentedNamesAndFormats()
    {
        Connect();
        var start = new DateTime(2025, 1, 1);
        var end = new DateTime(2025, 1, 31);

        var result = Run("Get-SmartleadCampaignStatistics 12345 -SequenceNumber 2 -EmailStatus Replied -StartDate $start -EndDate $end",
            new() { ["start"] = start, ["end"] = end });

        result.AssertNoErrors();
        var query = Assert.Single(Server.Requests).Query;
        Assert.Equal("2", query["email_sequence_number"]);
        Assert.Equal("replied", query["email_status"]);
        Assert.Equal(LocalAsSmartlead(start), query["sent_time_start_date"]);
        // An end date with no time of day is the whole day, in local time, sent as UTC.
        Assert.Equal(LocalAsSmartlead(new DateTime(2025, 1, 31, 23, 59, 59, 999)), query["sent_time_end_date"]);
        Assert.Equal(new[] { "api_key", "email_sequence_number", "email_status", "limit", "offset", "sent_time_end_date", "sent_time_start_date" }, query.Keys.Order().ToArray());
        var row = result.Output[0];
        Assert.Equal("replied", Prop(row, "EmailStatus"));
        Assert.Equal(DateTime.SpecifyKind(start, DateTimeKind.Local).ToUniversalTime(), Prop(row, "StartDate"));
    }

    [Fact]
    public void AUtcStartIsSentAsItIsAndNoFilterMeansNoneIsSent()
    {
        Connect();

        var result = Run("Get-SmartleadCampaignStatistics 1 -StartDate ([datetime]::new(2023, 10, 16, 10, 33, 2, [DateTimeKind]::Utc)); Get-SmartleadCampaignStatistics 2");

        result.AssertNoErrors();
        Assert.Equal("2023-10-16 10:33:02.000Z", Server.Requests[0].Query["sent_time_start_date"]);
        Assert.Equal(new[] { "api_key", "limit", "offset" }, Server.Requests[1].Query.Keys.Order().ToArray());
        Assert.Null(Prop(result.Output.Last(), "StartDate"));
    }

    [Fact]
    public void EveryPageIsFetchedByDefaultAndRowsKeepTheirOrder()
    {
        Connect();
        Server.RowsPerCampaign = _ => 35;

        var result = Run("Get-SmartleadCampaignStatistics 1 -PageSize 10");

        result.AssertNoErrors();
        Assert.Equal(Enumerable.Range(1, 35).Select(i => (object?)i.ToString(CultureInfo.InvariantCulture)).ToArray(), result.Values("StatsId"));
        Assert.Equal(new[] { ("0", "10"), ("10", "10"), ("20", "10"), ("30", "10") }, Server.Requests.Select(r => (r.Query["offset"], r.Query["limit"])).ToArray());
    }

    [Fact]
    public void WithoutTotalStatsPagingStopsAtTheShortPage()
    {
        Connect();
        Server.RowsPerCampaign = _ => 20;
        Server.SendTotal = false;

        var result = Run("Get-SmartleadCampaignStatistics 1 -PageSize 10");

        result.AssertNoErrors();
        Assert.Equal(20, result.Output.Count);
        Assert.Equal(3, Server.Requests.Count);
    }

    [Fact]
    public void SkipAndFirstAskOnlyForTheRowsWanted()
    {
        Connect();
        Server.RowsPerCampaign = _ => 1000;

        var result = Run("Get-SmartleadCampaignStatistics 1 -Skip 5 -First 12 -PageSize 10");

        result.AssertNoErrors();
        Assert.Equal(Enumerable.Range(6, 12).Select(i => (object?)i.ToString(CultureInfo.InvariantCulture)).ToArray(), result.Values("StatsId"));
        Assert.Equal(new[] { ("5", "10"), ("15", "2") }, Server.Requests.Select(r => (r.Query["offset"], r.Query["limit"])).ToArray());
    }

    [Fact]
    public void IncludeTotalCountWritesEachCampaignsExactTotalBeforeItsRows()
    {
        Connect();
        Server.RowsPerCampaign = id => id == "1" ? 35 : 4;

        var result = Run("Get-SmartleadCampaignStatistics 1, 2 -IncludeTotalCount -First 2" + TotalsAsText);

        result.AssertNoErrors();
        Assert.Equal(6, result.Output.Count);
        Assert.Equal("Total count: 35 (accuracy 1)", result.Output[0].BaseObject);
        Assert.Equal(SendTypeName, TypeOf(result.Output[1]));
        Assert.Equal("Total count: 4 (accuracy 1)", result.Output[3].BaseObject);
        Assert.Equal(new object?[] { 2L, 2L }, new[] { Prop(result.Output[4], "CampaignId"), Prop(result.Output[5], "CampaignId") });
        Assert.All(Server.Requests, r => Assert.Equal("2", r.Query["limit"]));
    }

    [Fact]
    public void IncludeTotalCountWithoutTotalStatsIsUnknownUnlessTheRowsVisiblyEnd()
    {
        Connect();
        Server.SendTotal = false;
        Server.RowsPerCampaign = _ => 30;

        var result = Run("& { Get-SmartleadCampaignStatistics 1 -IncludeTotalCount -PageSize 10 -First 3; Get-SmartleadCampaignStatistics 2 -IncludeTotalCount }" + TotalsAsText);

        result.AssertNoErrors();
        // PowerShell's own wording for an unknown total: the count 0 with accuracy 0.
        Assert.Equal("Unknown total count (accuracy 0)", result.Output[0].BaseObject);
        Assert.Equal("Total count: 30 (accuracy 1)", result.Output[4].BaseObject);
    }

    [Fact]
    public void FirstZeroWithIncludeTotalCountWritesOnlyTheTotal()
    {
        Connect();
        Server.RowsPerCampaign = _ => 250;

        var result = Run("Get-SmartleadCampaignStatistics 1 -First 0 -IncludeTotalCount" + TotalsAsText);

        result.AssertNoErrors();
        Assert.Equal("Total count: 250 (accuracy 1)", Assert.Single(result.Output).BaseObject);
        Assert.Equal("1", Assert.Single(Server.Requests).Query["limit"]);
    }

    // Rows are written as their page arrives: the first row reaches the next command while at most
    // the following page has been asked for, never after all of them.
    [Fact]
    public void RowsStreamOutAsTheirPageArrives()
    {
        Connect();
        Server.RowsPerCampaign = _ => 50;

        var result = Run("Get-SmartleadCampaignStatistics 1 -PageSize 10 | ForEach-Object { $server.Requests.Count }", new() { ["server"] = Server });

        result.AssertNoErrors();
        var seen = result.Output.Select(o => (int)o.BaseObject).ToArray();
        Assert.Equal(50, seen.Length);
        Assert.InRange(seen[0], 1, 2);
        Assert.InRange(seen[10], 2, 3);
        Assert.Equal(5, Server.Requests.Count);
    }

    [Fact]
    public void ManyPagesStreamWithoutBufferingTheCampaign()
    {
        Connect();
        Server.RowsPerCampaign = _ => 5000;

        var result = Run(
            """
            $count = 0
            Get-SmartleadCampaignStatistics 1 -PageSize 100 | ForEach-Object { $count++ }
            $count
            """);

        result.AssertNoErrors();
        Assert.Equal(5000, Assert.Single(result.Output).BaseObject);
        Assert.Equal(50, Server.Requests.Count);
    }

    [Fact]
    public void SummaryAddsUpPerCampaignAndPerStep()
    {
        Connect();
        Server.RowsPerCampaign = _ => 12;

        var result = Run("Get-SmartleadCampaignStatistics 7 -Summary -PageSize 5");

        result.AssertNoErrors();
        Assert.All(result.Output, o => Assert.Equal(SummaryTypeName, TypeOf(o)));
        Assert.Equal(new object?[] { "Campaign", "Step", "Step", "Step" }, result.Values("Scope"));
        Assert.Equal(new object?[] { null, 1, 2, 3 }, result.Values("SequenceNumber"));
        Assert.Equal(new object?[] { 12, 4, 4, 4 }, result.Values("Sent"));
        // Leads 1, 5 and 9 replied (rows 0, 4, 8): steps 1, 2 and 3.
        Assert.Equal(new object?[] { 3, 1, 1, 1 }, result.Values("Replied"));
        Assert.Equal(new object?[] { 6, 2, 2, 2 }, result.Values("Opened"));
        // Lead 10 bounced (row 9): step 1.
        Assert.Equal(new object?[] { 1, 1, 0, 0 }, result.Values("Bounced"));
        Assert.Equal(3, Server.Requests.Count);
    }

    [Fact]
    public void SummaryOfTheDocumentedShapeSumsItsCounts()
    {
        Connect();
        Server.Aggregate = true;

        var result = Run("Get-SmartleadCampaignStatistics 123; Get-SmartleadCampaignStatistics 123 -Summary");

        result.AssertNoErrors();
        Assert.Equal(new[] { SequenceTypeName, SequenceTypeName, SummaryTypeName, SummaryTypeName, SummaryTypeName }, result.Output.Select(TypeOf).ToArray());
        Assert.Equal(new object?[] { 1240, 892, 2132, 1240, 892 }, result.Values("Sent"));
        Assert.Equal(new object?[] { 23, 12, 35, 23, 12 }, result.Values("Replied"));
    }

    [Fact]
    public void AMissingCampaignIsANonTerminatingErrorAndTheOthersComeOut()
    {
        Connect();
        Server.MissingCampaigns("404");

        var result = Run("1, 404, 3 | Get-SmartleadCampaignStatistics");

        Assert.Null(result.Terminating);
        Assert.Equal(new object?[] { 1L, 1L, 1L, 3L, 3L, 3L }, result.Values("CampaignId"));
        var error = Assert.Single(result.Errors);
        Assert.Equal("SmartleadCampaignNotFound", ErrorId(error));
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal(404L, error.TargetObject);
    }

    [Fact]
    public void WithErrorActionStopTheCommandEndsAtThatCampaign()
    {
        Connect();
        Server.MissingCampaigns("404");

        var result = Run("1, 404, 3 | Get-SmartleadCampaignStatistics -ErrorAction Stop");

        Assert.Equal("SmartleadCampaignNotFound", ErrorId(result.TerminatingError!));
        Assert.Equal(new object?[] { 1L, 1L, 1L }, result.Values("CampaignId"));
    }

    [Fact]
    public void AMalformedPageIsAnErrorForThatCampaignNeverSilentlyEmpty()
    {
        Connect();
        Server.Override("2", 200, """{"ok":true,"offset":0,"limit":100}""", "application/json");
        Server.Override("3", 200, """{"ok":false,"error":"Campaign is archived"}""", "application/json");

        var result = Run("1, 2, 3 | Get-SmartleadCampaignStatistics -ErrorAction SilentlyContinue -ErrorVariable failed; $failed");

        Assert.Null(result.Terminating);
        var errors = result.Output.Where(o => o.BaseObject is ErrorRecord).Select(o => (ErrorRecord)o.BaseObject).ToList();
        Assert.Equal(new[] { "SmartleadInvalidResponse", "SmartleadCampaignFailed" }, errors.Select(ErrorId).ToArray());
        Assert.Equal(new object[] { 2L, 3L }, errors.Select(e => e.TargetObject).ToArray());
        Assert.Contains("Campaign is archived", errors[1].Exception.Message);
    }

    [Fact]
    public void ARejectedKeyStopsTheCommand()
    {
        var result = Run(
            """
            Connect-OutreachProvider -Provider Smartlead -ApiKey $wrong -BaseUri $uri
            1..30 | Get-SmartleadCampaignStatistics
            """,
            new() { ["wrong"] = Secure(NewKey("wrong")), ["uri"] = Server.BaseUri });

        Assert.Equal("SmartleadKeyRejected", ErrorId(result.TerminatingError!));
        Assert.Equal(ErrorCategory.AuthenticationError, result.TerminatingError!.CategoryInfo.Category);
        Assert.Empty(result.Output);
        Assert.InRange(Server.Requests.Count, 1, 5);
    }

    [Fact]
    public void TheKeyAppearsNowhereEvenWithVerboseAndDebug()
    {
        var secret = Key;
        Server.MissingCampaigns("404");
        Server.Override("400", 400, $$"""{"message":"bad api_key={{secret}}"}""", "application/json");
        Server.Override("401", 401, $"Unauthorized: {secret}");
        var variables = new Dictionary<string, object?> { ["key"] = Secure(secret), ["uri"] = Server.BaseUri };

        var runs = new List<PsResult>
        {
            Run("Connect-OutreachProvider -Provider Smartlead -ApiKey $key -BaseUri $uri -PassThru", variables, verbose: true, debug: true),
            Run("Get-SmartleadCampaignStatistics 1 -IncludeTotalCount -IncludeMessage", verbose: true, debug: true),
            Run("Get-SmartleadCampaignStatistics 1 -Summary | Out-Default", verbose: true, debug: true),
            Run("Get-SmartleadCampaignStatistics 404", verbose: true, debug: true),
            Run("Get-SmartleadCampaignStatistics 400", verbose: true, debug: true),
            Run("Get-SmartleadCampaignStatistics 401", verbose: true, debug: true),
            Run("$Error | ForEach-Object { $_.ToString(); $_.Exception.ToString(); \"$($_.ErrorDetails)\" }"),
        };

        Assert.Contains(runs[1].Verbose, v => v.Message == $"GET {Server.BaseUri.AbsoluteUri}api/v1/campaigns/1/statistics?api_key=****&offset=0&limit=100");
        Assert.Equal("SmartleadCampaignNotFound", ErrorId(Assert.Single(runs[3].Errors)));
        Assert.Equal("SmartleadBadRequest", ErrorId(Assert.Single(runs[4].Errors)));
        Assert.Equal("SmartleadKeyRejected", ErrorId(runs[5].TerminatingError!));
        Assert.Contains(Server.Requests, r => r.Query["api_key"] == secret);
        var text = Everything.Seen(runs, Session);
        Assert.DoesNotContain(secret, text);
        Assert.DoesNotContain(secret.Substring(7), text);
        Assert.Contains("api_key=****", text);
    }

    [Fact]
    public void TheViewsShowTheKeyColumns()
    {
        Connect();

        var result = Run("Get-SmartleadCampaignStatistics 1 | Out-Default; Get-SmartleadCampaignStatistics 1 -Summary | Out-Default");

        result.AssertNoErrors();
        var text = result.HostPlainText;
        // SentTime and Clicks are left to Format-List so that the table fits 80 columns.
        Assert.Matches(@"CampaignId\s+Step\s+LeadEmail\s+Opens\s+ReplyTime", text);
        Assert.Matches(@"1\s+1\s+lead1@example.com\s+1\s+2025-01-07 08:00", text);
        Assert.Matches(@"CampaignId\s+Scope\s+Step\s+Sent\s+Opened\s+Clicked\s+Replied\s+Bounced", text);
        Assert.Matches(@"1\s+Campaign\s+3\s+2\s+0\s+1\s+0", text);
    }

    [Fact]
    public void WithoutAConnectionOrWithAnotherProvidersTheCommandStopsBeforeAnyRequest()
    {
        var notConnected = Run("Get-SmartleadCampaignStatistics 1");
        var mismatch = Run(
            "$c = Connect-OutreachProvider -Provider Leadlex -ApiKey $key -PassThru; Get-SmartleadCampaignStatistics 1 -Connection $c",
            new() { ["key"] = Secure(Key) });

        Assert.Equal("OutreachNotConnected", ErrorId(notConnected.TerminatingError!));
        Assert.Equal("OutreachConnectionProviderMismatch", ErrorId(mismatch.TerminatingError!));
        Assert.Empty(Server.Requests);
    }

    [Fact]
    public void TheConnectionParameterChoosesTheAccount()
    {
        var result = Run(
            """
            $c = Connect-OutreachProvider -Provider Smartlead -ApiKey $key -BaseUri $uri -PassThru
            Disconnect-OutreachProvider -Provider Smartlead
            Get-SmartleadCampaignStatistics 1 -Connection $c -First 1
            """,
            new() { ["key"] = Secure(Key), ["uri"] = Server.BaseUri });

        Assert.Equal("OutreachConnectionClosed", ErrorId(result.TerminatingError!));

        var fresh = Run(
            "$d = Connect-OutreachProvider -Provider Smartlead -ApiKey $key -BaseUri $uri -PassThru; Disconnect-OutreachProvider -Provider Smartlead -ErrorAction SilentlyContinue; $e = Connect-OutreachProvider Smartlead $key -BaseUri $uri -PassThru; Get-SmartleadCampaignStatistics 1 -Connection $d -First 1",
            new() { ["key"] = Secure(Key), ["uri"] = Server.BaseUri });
        Assert.Equal("OutreachConnectionClosed", ErrorId(fresh.TerminatingError!));
    }

    [Theory]
    [InlineData("Get-SmartleadCampaignStatistics 1")]
    [InlineData("1..6 | Get-SmartleadCampaignStatistics -Summary")]
    public async Task StoppingWhileSmartleadHangsEndsPromptly(string script)
    {
        Connect();

        await Stopping.AssertStopsPromptlyWhileTheServerHangsAsync(Session, Server, script);
    }

    [Fact]
    public async Task StoppingBetweenPagesEndsPromptly()
    {
        Connect();
        Server.RowsPerCampaign = _ => 100;
        // The first page answers at once; the second hangs.
        Server.Latency = _ => Server.Requests.Count > 1 ? TimeSpan.FromSeconds(60) : TimeSpan.Zero;

        await Stopping.AssertStopsPromptlyWhileTheServerHangsAsync(Session, Server, "Get-SmartleadCampaignStatistics 1 -PageSize 10", requests: 2, hangEveryRequest: false);
    }
}
