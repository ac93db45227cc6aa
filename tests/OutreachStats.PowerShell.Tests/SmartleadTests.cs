using System.Globalization;
using System.Management.Automation;
using System.Text.Json;
using System.Text.RegularExpressions;
using OutreachStats.PowerShell.Tests.Infrastructure;
using OutreachStats.Sandbox;
using Xunit;

namespace OutreachStats.PowerShell.Tests;

/// <summary>Get-SmartleadCampaignStatistics in pipelines a user would type, against the sandbox's Smartlead.</summary>
public sealed class SmartleadTests : SmartleadTestBase
{
    /// <summary>Each total count as PowerShell shows it (its ToString is a script method, run here in the runspace) and its accuracy.</summary>
    private const string TotalsAsText = " | ForEach-Object { if ($null -ne $_.PSObject.Properties['Accuracy']) { $_.ToString() + ' (accuracy ' + $_.Accuracy + ')' } else { $_ } }";

    private static string SmartleadTime(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string LocalAsSmartlead(DateTime value) => SmartleadTime(DateTime.SpecifyKind(value, DateTimeKind.Local).ToUniversalTime());

    private static object?[] StatsIds(IEnumerable<JsonElement> rows) => rows.Select(r => (object?)r.GetProperty("stats_id").GetString()).ToArray();

    /// <summary>The (offset, limit) of each request, in arrival order.</summary>
    private (string Offset, string Limit)[] Pages() => Requests().Select(r => (r.Query["offset"], r.Query["limit"])).ToArray();

    private static bool Has(JsonElement row, string time, string count) =>
        row.GetProperty(time).ValueKind != JsonValueKind.Null || row.GetProperty(count).GetInt32() > 0;

    [Fact]
    public async Task IdsComeByValueAndByPropertyNameIncludingCsvText()
    {
        Connect();
        var ids = IdsOf(SmartleadShape.PerSend, 4);
        Sandbox.Faults.Add(new FaultRule { Provider = Provider, Kind = FaultKind.Delay, DelayMilliseconds = 300, CampaignIds = [ids[0]] });

        var result = Run(
            """
            [long]$ids[0], $ids[1] | Get-SmartleadCampaignStatistics -First 3
            # As Import-Csv gives them: text properties.
            [pscustomobject]@{ CampaignId = $ids[2] } | Get-SmartleadCampaignStatistics -First 3
            [pscustomobject]@{ Id = " $($ids[3]) "; Name = 'Spring' } | Get-SmartleadCampaignStatistics -First 3
            """,
            new() { ["ids"] = ids });

        result.AssertNoErrors();
        Assert.Equal(12, result.Output.Count);
        Assert.All(result.Output, o => Assert.Equal(SendTypeName, TypeOf(o)));
        Assert.Equal(ids.SelectMany(id => Enumerable.Repeat((object?)long.Parse(id, CultureInfo.InvariantCulture), 3)), result.Values("CampaignId"));
        Assert.Equal(ids.Order(), Requests().Select(r => r.CampaignIds.Single()).Order());
        var row = result.Output[0];
        Assert.Equal("Smartlead", Prop(row, "Provider"));
        AssertFieldsMatch((await PageAsync(ids[0], "limit=1")).GetProperty("data")[0], row, except: "email_message");
        Assert.Null(Prop(row, "EmailMessage"));
    }

    [Fact]
    public async Task IncludeMessageKeepsTheBody()
    {
        Connect();
        var id = IdsOf(SmartleadShape.PerSend, 1)[0];

        var result = Run("Get-SmartleadCampaignStatistics $id -IncludeMessage -First 1", new() { ["id"] = id });

        result.AssertNoErrors();
        var body = (await PageAsync(id, "limit=1")).GetProperty("data")[0].GetProperty("email_message").GetString();
        Assert.StartsWith("<", body);
        Assert.Equal(body, Prop(Assert.Single(result.Output), "EmailMessage"));
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
        Assert.Empty(AllRequests());
    }

    [Theory]
    [InlineData("'abc' | Get-SmartleadCampaignStatistics", "'abc' is not a Smartlead campaign ID")]
    [InlineData("'' | Get-SmartleadCampaignStatistics", "is empty")]
    [InlineData("[pscustomobject]@{ CampaignId = 'x' } | Get-SmartleadCampaignStatistics", "'x' is not a Smartlead campaign ID")]
    public void BadIdsFromThePipelineAreErrorsNamingCampaignIdAndTheOthersGoOn(string script, string message)
    {
        Connect();
        var id = IdsOf(SmartleadShape.Aggregate, 1)[0];

        var result = Run(script + "; $id | Get-SmartleadCampaignStatistics", new() { ["id"] = id });

        var error = Assert.Single(result.AllErrors);
        Assert.IsAssignableFrom<ParameterBindingException>(error.Exception);
        Assert.Contains("CampaignId", error.ToString());
        Assert.Contains(message, error.ToString());
        Assert.Equal([id], AllRequests().Select(r => r.CampaignIds.Single()));
    }

    [Fact]
    public void AnEndBeforeTheStartIsRefusedBeforeAnyRequest()
    {
        Connect();

        var result = Run("Get-SmartleadCampaignStatistics 1 -StartDate 2025-02-01 -EndDate 2025-01-01");

        Assert.Equal("SmartleadInvalidDateRange", ErrorId(result.TerminatingError!));
        Assert.Equal(ErrorCategory.InvalidArgument, result.TerminatingError!.CategoryInfo.Category);
        Assert.Contains("-EndDate", result.TerminatingError.Exception.Message);
        Assert.Empty(AllRequests());
    }

    [Fact]
    public async Task FiltersReachSmartleadWithTheirDocumentedNamesAndFormats()
    {
        Connect();
        var start = new DateTime(2025, 1, 1);
        var end = new DateTime(2025, 12, 31);
        // A campaign with replies to its second step in that window, so that rows come out.
        var filters = $"email_sequence_number=2&email_status=replied&sent_time_start_date={LocalAsSmartlead(start)}&sent_time_end_date={LocalAsSmartlead(end)}&limit=1";
        var id = (await CampaignsWhereAsync(SmartleadShape.PerSend, 1, filters, page => page.GetProperty("data").GetArrayLength() > 0))[0];

        var result = Run("Get-SmartleadCampaignStatistics $id -SequenceNumber 2 -EmailStatus Replied -StartDate $start -EndDate $end -First 1",
            new() { ["id"] = id, ["start"] = start, ["end"] = end });

        result.AssertNoErrors();
        var query = Assert.Single(Requests()).Query;
        Assert.Equal("2", query["email_sequence_number"]);
        Assert.Equal("replied", query["email_status"]);
        Assert.Equal(LocalAsSmartlead(start), query["sent_time_start_date"]);
        // An end date with no time of day is the whole day, in local time, sent as UTC.
        Assert.Equal(LocalAsSmartlead(new DateTime(2025, 12, 31, 23, 59, 59, 999)), query["sent_time_end_date"]);
        Assert.Equal(new[] { "api_key", "email_sequence_number", "email_status", "limit", "offset", "sent_time_end_date", "sent_time_start_date" }, query.Keys.Order().ToArray());
        var row = Assert.Single(result.Output);
        Assert.Equal("replied", Prop(row, "EmailStatus"));
        // The row carries the filter as ISO 8601 text in UTC (Smartlead's own format has a space for the T).
        Assert.Equal(DateTime.SpecifyKind(start, DateTimeKind.Local).ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture), Prop(row, "StartDate"));
    }

    [Fact]
    public void AUtcStartIsSentAsItIsAndNoFilterMeansNoneIsSent()
    {
        Connect();
        var ids = IdsOf(SmartleadShape.Aggregate, 2);

        var result = Run("Get-SmartleadCampaignStatistics $ids[0] -StartDate ([datetime]::new(2023, 10, 16, 10, 33, 2, [DateTimeKind]::Utc)); Get-SmartleadCampaignStatistics $ids[1]",
            new() { ["ids"] = ids });

        result.AssertNoErrors();
        var requests = Requests();
        Assert.Equal("2023-10-16 10:33:02.000Z", requests[0].Query["sent_time_start_date"]);
        Assert.Equal(new[] { "api_key", "limit", "offset" }, requests[1].Query.Keys.Order().ToArray());
        Assert.Null(Prop(result.Output.Last(), "StartDate"));
    }

    [Fact]
    public async Task EveryPageIsFetchedByDefaultAndRowsKeepTheirOrder()
    {
        Connect();
        var (id, rows) = await PerSendCampaignAsync(n => n is > 20 and <= 100 && n % 10 != 0);

        var result = Run("Get-SmartleadCampaignStatistics $id -PageSize 10", new() { ["id"] = id });

        result.AssertNoErrors();
        Assert.Equal(StatsIds(await RowsAsync(id)), result.Values("StatsId"));
        Assert.Equal(Enumerable.Range(0, rows / 10 + 1).Select(page => ((page * 10).ToString(CultureInfo.InvariantCulture), "10")), Pages());
    }

    [Fact]
    public async Task WithoutTotalStatsPagingStopsAtTheShortPage()
    {
        Connect();
        // The documented rows carry no total_stats: one row per step, so pages of 2 over 3 or more steps.
        var id = (await AggregateCampaignsAsync(steps: 3))[0];
        var steps = (await RowsAsync(id)).Length;

        var result = Run("Get-SmartleadCampaignStatistics $id -PageSize 2", new() { ["id"] = id });

        result.AssertNoErrors();
        Assert.Equal(steps, result.Output.Count);
        // Full pages, then the first short one (empty when the steps fill the pages exactly).
        Assert.Equal(steps / 2 + 1, Requests().Count);
    }

    [Fact]
    public async Task SkipAndFirstAskOnlyForTheRowsWanted()
    {
        Connect();
        var (id, _) = await PerSendCampaignAsync(n => n is >= 30 and <= 100);

        var result = Run("Get-SmartleadCampaignStatistics $id -Skip 5 -First 12 -PageSize 10", new() { ["id"] = id });

        result.AssertNoErrors();
        Assert.Equal(StatsIds((await RowsAsync(id)).Skip(5).Take(12)), result.Values("StatsId"));
        Assert.Equal(new[] { ("5", "10"), ("15", "2") }, Pages());
    }

    [Fact]
    public async Task IncludeTotalCountWritesEachCampaignsExactTotalBeforeItsRows()
    {
        Connect();
        var (first, firstRows) = await PerSendCampaignAsync(n => n >= 2);
        var (second, secondRows) = await PerSendCampaignAsync(n => n >= 2, skip: 1);

        var result = Run("Get-SmartleadCampaignStatistics $ids -IncludeTotalCount -First 2" + TotalsAsText, new() { ["ids"] = new[] { first, second } });

        result.AssertNoErrors();
        Assert.Equal(6, result.Output.Count);
        Assert.Equal($"Total count: {firstRows} (accuracy 1)", result.Output[0].BaseObject);
        Assert.Equal(SendTypeName, TypeOf(result.Output[1]));
        Assert.Equal($"Total count: {secondRows} (accuracy 1)", result.Output[3].BaseObject);
        Assert.Equal(new object?[] { long.Parse(second), long.Parse(second) }, new[] { Prop(result.Output[4], "CampaignId"), Prop(result.Output[5], "CampaignId") });
        Assert.All(Requests(), r => Assert.Equal("2", r.Query["limit"]));
    }

    [Fact]
    public async Task IncludeTotalCountWithoutTotalStatsIsUnknownUnlessTheRowsVisiblyEnd()
    {
        Connect();
        var ids = await AggregateCampaignsAsync(steps: 4, count: 2);
        var secondSteps = (await RowsAsync(ids[1])).Length;

        var result = Run("& { Get-SmartleadCampaignStatistics $ids[0] -IncludeTotalCount -PageSize 10 -First 3; Get-SmartleadCampaignStatistics $ids[1] -IncludeTotalCount }" + TotalsAsText,
            new() { ["ids"] = ids });

        result.AssertNoErrors();
        // PowerShell's own wording for an unknown total: the count 0 with accuracy 0.
        Assert.Equal("Unknown total count (accuracy 0)", result.Output[0].BaseObject);
        Assert.Equal($"Total count: {secondSteps} (accuracy 1)", result.Output[4].BaseObject);
    }

    [Fact]
    public async Task FirstZeroWithIncludeTotalCountWritesOnlyTheTotal()
    {
        Connect();
        var (id, rows) = await PerSendCampaignAsync(n => n > 100);

        var result = Run("Get-SmartleadCampaignStatistics $id -First 0 -IncludeTotalCount" + TotalsAsText, new() { ["id"] = id });

        result.AssertNoErrors();
        Assert.Equal($"Total count: {rows} (accuracy 1)", Assert.Single(result.Output).BaseObject);
        Assert.Equal("1", Assert.Single(Requests()).Query["limit"]);
    }

    // Rows are written as their page arrives: the first row reaches the next command while at most
    // the following page has been asked for, never after all of them.
    [Fact]
    public async Task RowsStreamOutAsTheirPageArrives()
    {
        Connect();
        var (id, rows) = await PerSendCampaignAsync(n => n is > 30 and <= 100 && n % 10 != 0);
        // From here on the log holds the module's requests only.
        Sandbox.Requests.Clear();

        var result = Run("Get-SmartleadCampaignStatistics $id -PageSize 10 | ForEach-Object { $log.Count }", new() { ["id"] = id, ["log"] = Sandbox.Requests });

        result.AssertNoErrors();
        var seen = result.Output.Select(o => (int)o.BaseObject).ToArray();
        Assert.Equal(rows, seen.Length);
        Assert.InRange(seen[0], 1, 2);
        Assert.InRange(seen[10], 2, 3);
        Assert.Equal(rows / 10 + 1, Requests().Count);
    }

    [Fact]
    public async Task ManyPagesStreamWithoutBufferingTheCampaign()
    {
        Connect();
        var (id, rows) = await PerSendCampaignAsync(n => n is >= 300 and <= 1000 && n % 25 != 0);

        var result = Run(
            """
            $count = 0
            Get-SmartleadCampaignStatistics $id -PageSize 25 | ForEach-Object { $count++ }
            $count
            """,
            new() { ["id"] = id });

        result.AssertNoErrors();
        Assert.Equal(rows, Assert.Single(result.Output).BaseObject);
        Assert.Equal(rows / 25 + 1, Requests().Count);
    }

    [Fact]
    public async Task SummaryAddsUpPerCampaignAndPerStep()
    {
        Connect();
        var (id, rows) = await PerSendCampaignAsync(n => n is >= 12 and <= 100 && n % 5 != 0);
        var sends = await RowsAsync(id);

        // -Summary writes the campaign's row alone, -Summary -PerStep its steps' rows alone.
        var result = Run("Get-SmartleadCampaignStatistics $id -Summary -PageSize 5; Get-SmartleadCampaignStatistics $id -Summary -PerStep -PageSize 5", new() { ["id"] = id });

        result.AssertNoErrors();
        Assert.All(result.Output, o => Assert.Equal(SummaryTypeName, TypeOf(o)));
        var steps = sends.GroupBy(r => r.GetProperty("sequence_number").GetInt32()).OrderBy(g => g.Key).ToList();
        Assert.Equal(new object?[] { "Campaign" }.Concat(steps.Select(_ => (object?)"Step")), result.Values("Scope"));
        Assert.Equal(new object?[] { null }.Concat(steps.Select(s => (object?)s.Key)), result.Values("SequenceNumber"));
        Assert.Equal(new object?[] { rows }.Concat(steps.Select(s => (object?)s.Count())), result.Values("Sent"));
        Assert.Equal(new object?[] { sends.Count(r => Has(r, "open_time", "open_count")) }.Concat(steps.Select(s => (object?)s.Count(r => Has(r, "open_time", "open_count")))), result.Values("Opened"));
        Assert.Equal(new object?[] { sends.Count(r => r.GetProperty("is_bounced").GetBoolean()) }.Concat(steps.Select(s => (object?)s.Count(r => r.GetProperty("is_bounced").GetBoolean()))), result.Values("Bounced"));
        // A reply shows on several rows of its lead, and counts once: at one of the lead's steps.
        var repliedLeads = sends.Where(r => r.GetProperty("reply_time").ValueKind != JsonValueKind.Null).Select(r => r.GetProperty("lead_email").GetString()!.ToLowerInvariant()).Distinct().Count();
        Assert.Equal(repliedLeads, Prop(result.Output[0], "Replied"));
        Assert.Equal(repliedLeads, result.Output.Skip(1).Sum(o => (int)Prop(o, "Replied")!));
        Assert.Equal(2 * (rows / 5 + 1), Requests().Count);
    }

    [Fact]
    public async Task SummaryOfTheDocumentedShapeSumsItsCounts()
    {
        Connect();
        var id = (await AggregateCampaignsAsync(steps: 2))[0];
        var steps = await RowsAsync(id);

        var result = Run("Get-SmartleadCampaignStatistics $id; Get-SmartleadCampaignStatistics $id -Summary; Get-SmartleadCampaignStatistics $id -Summary -PerStep", new() { ["id"] = id });

        result.AssertNoErrors();
        Assert.Equal(steps.Select(_ => SequenceTypeName).Concat(Enumerable.Repeat(SummaryTypeName, steps.Length + 1)), result.Output.Select(TypeOf));
        foreach (var count in new[] { "sent", "replied" })
        {
            var perStep = steps.Select(s => (object?)s.GetProperty(count).GetInt32()).ToArray();
            Assert.Equal([.. perStep, perStep.Sum(n => (int)n!), .. perStep], result.Values(char.ToUpperInvariant(count[0]) + count[1..]));
        }
    }

    [Fact]
    public void AMissingCampaignIsANonTerminatingErrorAndTheOthersComeOut()
    {
        Connect();
        var ids = IdsOf(SmartleadShape.PerSend, 2);

        var result = Run("$ids[0], 404, $ids[1] | Get-SmartleadCampaignStatistics -First 1", new() { ["ids"] = ids });

        Assert.Null(result.Terminating);
        Assert.Equal(ids.Select(id => (object?)long.Parse(id)), result.Values("CampaignId"));
        var error = Assert.Single(result.Errors);
        Assert.Equal("SmartleadCampaignNotFound", ErrorId(error));
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal(404L, error.TargetObject);
    }

    [Fact]
    public void WithErrorActionStopTheCommandEndsAtThatCampaign()
    {
        Connect();
        var ids = IdsOf(SmartleadShape.PerSend, 2);

        var result = Run("$ids[0], 404, $ids[1] | Get-SmartleadCampaignStatistics -First 1 -ErrorAction Stop", new() { ["ids"] = ids });

        Assert.Equal("SmartleadCampaignNotFound", ErrorId(result.TerminatingError!));
        Assert.Equal(new object?[] { long.Parse(ids[0]) }, result.Values("CampaignId"));
    }

    [Fact]
    public void AMalformedPageIsAnErrorForThatCampaignNeverSilentlyEmpty()
    {
        // Retries that only repeat the same bad page come 10 ms apart instead of 1 s, doubling.
        Connect("-RetryBaseDelaySeconds 0.01");
        var ids = IdsOf(SmartleadShape.Aggregate, 3);
        Sandbox.Faults.Add(new FaultRule { Provider = Provider, Kind = FaultKind.Status, Status = 200, CampaignIds = [ids[1]], Body = """{"ok":true,"offset":0,"limit":100}""" });
        Sandbox.Faults.Add(new FaultRule { Provider = Provider, Kind = FaultKind.Status, Status = 200, CampaignIds = [ids[2]], Body = """{"ok":false,"error":"Campaign is archived"}""" });

        var result = Run("$ids | Get-SmartleadCampaignStatistics -ErrorAction SilentlyContinue -ErrorVariable failed; $failed", new() { ["ids"] = ids });

        Assert.Null(result.Terminating);
        var errors = result.Output.Where(o => o.BaseObject is ErrorRecord).Select(o => (ErrorRecord)o.BaseObject).ToList();
        Assert.Equal(new[] { "SmartleadInvalidResponse", "SmartleadCampaignFailed" }, errors.Select(ErrorId).ToArray());
        Assert.Equal(new object[] { long.Parse(ids[1]), long.Parse(ids[2]) }, errors.Select(e => e.TargetObject).ToArray());
        Assert.Contains("Campaign is archived", errors[1].Exception.Message);
    }

    [Fact]
    public void ARejectedKeyStopsTheCommand()
    {
        Connect(Provider, SandboxKeys.Revoked(Provider));

        var result = Run("$ids | Get-SmartleadCampaignStatistics", new() { ["ids"] = Ids(30) });

        Assert.Equal("SmartleadKeyRejected", ErrorId(result.TerminatingError!));
        Assert.Equal(ErrorCategory.AuthenticationError, result.TerminatingError!.CategoryInfo.Category);
        Assert.Empty(result.Output);
        Assert.InRange(Requests().Count, 1, 5);
    }

    [Fact]
    public async Task TheKeyAppearsNowhereEvenWithVerboseAndDebug()
    {
        var secret = Key;
        var (id, _) = await PerSendCampaignAsync(n => n is > 0 and <= 100);
        Sandbox.Faults.Add(new FaultRule { Provider = Provider, Kind = FaultKind.Status, Status = 400, CampaignIds = ["400"], Body = $$"""{"message":"bad api_key={{secret}}"}""" });
        Sandbox.Faults.Add(new FaultRule { Provider = Provider, Kind = FaultKind.Status, Status = 401, CampaignIds = ["401"], Body = $"Unauthorized: {secret}" });
        var variables = new Dictionary<string, object?> { ["key"] = Secure(secret), ["uri"] = BaseUri, ["id"] = id };

        var runs = new List<PsResult>
        {
            Run("Connect-OutreachProvider -Provider Smartlead -ApiKey $key -BaseUri $uri -PassThru", variables, verbose: true, debug: true),
            Run("Get-SmartleadCampaignStatistics $id -IncludeTotalCount -IncludeMessage", verbose: true, debug: true),
            Run("Get-SmartleadCampaignStatistics $id -Summary | Out-Default", verbose: true, debug: true),
            Run("Get-SmartleadCampaignStatistics 404", verbose: true, debug: true),
            Run("Get-SmartleadCampaignStatistics 400", verbose: true, debug: true),
            Run("Get-SmartleadCampaignStatistics 401", verbose: true, debug: true),
            Run("$Error | ForEach-Object { $_.ToString(); $_.Exception.ToString(); \"$($_.ErrorDetails)\" }"),
        };

        Assert.Contains(runs[1].Verbose, v => v.Message == $"Campaign '{id}': GET {BaseUri.AbsoluteUri}/api/v1/campaigns/{id}/statistics?api_key=****&offset=0&limit=1000");
        Assert.Equal("SmartleadCampaignNotFound", ErrorId(Assert.Single(runs[3].Errors)));
        Assert.Equal("SmartleadBadRequest", ErrorId(Assert.Single(runs[4].Errors)));
        Assert.Equal("SmartleadKeyRejected", ErrorId(runs[5].TerminatingError!));
        Assert.Contains(Requests(), r => r.Query["api_key"] == secret);
        var text = Everything.Seen(runs, Session);
        Assert.DoesNotContain(secret, text);
        Assert.DoesNotContain(secret.Substring(7), text);
        Assert.Contains("api_key=****", text);
    }

    [Fact]
    public async Task TheViewsShowTheKeyColumns()
    {
        Connect();
        var (id, rows) = await PerSendCampaignAsync(n => n is > 0 and <= 100);
        var sends = await RowsAsync(id);

        var result = Run("Get-SmartleadCampaignStatistics $id | Out-Default; Get-SmartleadCampaignStatistics $id -Summary | Out-Default", new() { ["id"] = id });

        result.AssertNoErrors();
        var text = result.HostPlainText;
        // Times and counts of opens and clicks are left to Format-List so that the table fits 80 columns.
        Assert.Matches(@"CampaignId\s+SequenceNumber\s+Replied\s+LeadEmail", text);
        // LeadEmail takes what is left of 79 columns (45): a longer address wraps onto a second line.
        var first = sends.First(r => r.GetProperty("lead_email").GetString()!.Length <= 45);
        var replied = first.GetProperty("reply_time").ValueKind == JsonValueKind.Null ? "False" : "True";
        Assert.Matches($@"{id}\s+{first.GetProperty("sequence_number")}\s+{replied}\s+{Regex.Escape(first.GetProperty("lead_email").GetString()!)}", text);
        Assert.Matches(@"CampaignId\s+SequenceNumber\s+Sent\s+Opened\s+Clicked\s+Replied\s+Bounced\s+ReplyRate", text);
        Assert.Matches($@"{id}\s+{rows}\s+{sends.Count(r => Has(r, "open_time", "open_count"))}\s+{sends.Count(r => Has(r, "click_time", "click_count"))}\s+\d+\s+{sends.Count(r => r.GetProperty("is_bounced").GetBoolean())}\s+\d+[.,]\d\s?%", text);
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
        Assert.Empty(AllRequests());
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
            new() { ["key"] = Secure(Key), ["uri"] = BaseUri });

        Assert.Equal("OutreachConnectionClosed", ErrorId(result.TerminatingError!));

        var fresh = Run(
            "$d = Connect-OutreachProvider -Provider Smartlead -ApiKey $key -BaseUri $uri -PassThru; Disconnect-OutreachProvider -Provider Smartlead -ErrorAction SilentlyContinue; $e = Connect-OutreachProvider Smartlead $key -BaseUri $uri -PassThru; Get-SmartleadCampaignStatistics 1 -Connection $d -First 1",
            new() { ["key"] = Secure(Key), ["uri"] = BaseUri });
        Assert.Equal("OutreachConnectionClosed", ErrorId(fresh.TerminatingError!));
    }

    [Theory]
    [InlineData("Get-SmartleadCampaignStatistics 1")]
    [InlineData("1..6 | Get-SmartleadCampaignStatistics -Summary")]
    public async Task StoppingWhileSmartleadHangsEndsPromptly(string script)
    {
        Connect();
        Sandbox.Faults.Add(Stopping.AnswersAMinuteLate(Provider));

        await Stopping.AssertStopsPromptlyAsync(Session, Sandbox, Provider, script);
    }

    [Fact]
    public async Task StoppingBetweenPagesEndsPromptly()
    {
        Connect();
        var (id, _) = await PerSendCampaignAsync(n => n > 30);
        // The first page answers at once; the second is a minute late.
        Sandbox.Faults.Add(Stopping.AnswersAMinuteLate(Provider, startAfter: 1) with { CampaignIds = [id] });
        Sandbox.Requests.Clear();

        await Stopping.AssertStopsPromptlyAsync(Session, Sandbox, Provider, $"Get-SmartleadCampaignStatistics {id} -PageSize 10", requests: 2);
    }
}
