using System.Net;
using System.Text.Json.Nodes;
using OutreachStats.Http;
using OutreachStats.Model;
using Xunit;

namespace OutreachStats.Tests.Client;

/// <summary>Smartlead's two row shapes, the lenient reading of live values, and the envelope checks.</summary>
public sealed class SmartleadParsingTests
{
    [Fact]
    public async Task TheDocumentedExampleGivesOneSequenceRowPerEntryWithEveryCount()
    {
        using var h = new SmartleadHarness();

        var rows = await h.RowsAsync(12345);

        Assert.Equal(2, rows.Count);
        var first = Assert.IsType<SmartleadSequenceStats>(rows[0]);
        Assert.Equal("Smartlead", first.Provider);
        Assert.Equal(12345, first.CampaignId);
        Assert.Equal(1, first.SequenceNumber);
        Assert.Equal(1240, first.Sent);
        Assert.Equal(372, first.Opened);
        Assert.Equal(89, first.Clicked);
        Assert.Equal(23, first.Replied);
        Assert.Equal(4, first.Unsubscribed);
        Assert.Equal(18, first.Bounced);
        var second = Assert.IsType<SmartleadSequenceStats>(rows[1]);
        Assert.Equal((2, 892, 267, 54, 12, 2, 9), (second.SequenceNumber, second.Sent, second.Opened, second.Clicked, second.Replied, second.Unsubscribed, second.Bounced));
        Assert.Equal("12345 step 2", second.ToString());
    }

    [Fact]
    public async Task TheDocumentedExampleIsOnePageWhoseTotalIsKnownFromItsShortness()
    {
        using var h = new SmartleadHarness();

        var page = Assert.Single(await h.PagesAsync());

        Assert.True(page.IsFirst);
        Assert.Equal(2, page.KnownTotal);
        Assert.Single(h.Server.Requests);
    }

    [Fact]
    public async Task APerSendRowMapsEveryFieldAndLeavesTheMessageOutByDefault()
    {
        using var h = new SmartleadHarness();
        var row = SmartleadExamples.SendRow(statsId: 901, email: "ada@example.com", step: 2, sent: "2025-01-06T09:00:00.000Z",
            opened: "2025-01-06T10:15:30.250Z", clicked: "2025-01-06T10:16:00Z", replied: "2025-01-07 08:00:00.000Z", opens: 3, clicks: 1,
            unsubscribed: true, bounced: false, category: "Interested");
        h.Server.Script(Replies.Json(SmartleadExamples.Page(new[] { row }, total: 1)));

        var send = Assert.IsType<SmartleadSendStats>(Assert.Single(await h.RowsAsync(777)));

        Assert.Equal("Smartlead", send.Provider);
        Assert.Equal(777, send.CampaignId);
        Assert.Equal("901", send.StatsId);
        Assert.Equal("Ada Lovelace", send.LeadName);
        Assert.Equal("ada@example.com", send.LeadEmail);
        Assert.Equal("Interested", send.LeadCategory);
        Assert.Equal(2, send.SequenceNumber);
        Assert.Equal("5501", send.EmailCampaignSeqId);
        Assert.Equal("7701", send.SeqVariantId);
        Assert.Equal("Quick question", send.EmailSubject);
        Assert.Null(send.EmailMessage);
        Assert.Equal(new DateTime(2025, 1, 6, 9, 0, 0, DateTimeKind.Utc), send.SentTime);
        Assert.Equal(DateTimeKind.Utc, send.SentTime!.Value.Kind);
        Assert.Equal(new DateTime(2025, 1, 6, 10, 15, 30, 250, DateTimeKind.Utc), send.OpenTime);
        Assert.Equal(new DateTime(2025, 1, 6, 10, 16, 0, DateTimeKind.Utc), send.ClickTime);
        Assert.Equal(new DateTime(2025, 1, 7, 8, 0, 0, DateTimeKind.Utc), send.ReplyTime);
        Assert.Equal(3, send.OpenCount);
        Assert.Equal(1, send.ClickCount);
        Assert.True(send.Unsubscribed);
        Assert.False(send.Bounced);
        Assert.False(send.IgnoreReply);
    }

    [Fact]
    public async Task IncludeMessageKeepsTheRenderedBody()
    {
        using var h = new SmartleadHarness();
        h.Server.Script(Replies.Json(SmartleadExamples.Page(new[] { SmartleadExamples.SendRow() }, total: 1)));

        var send = Assert.IsType<SmartleadSendStats>(Assert.Single(await h.RowsAsync(query: SmartleadExamples.Query(includeMessage: true))));

        Assert.StartsWith("<p>Hi Ada,xxx", send.EmailMessage);
        Assert.True(send.EmailMessage!.Length > 10_000);
    }

    [Fact]
    public async Task LiveValueTypesAreReadLeniently()
    {
        using var h = new SmartleadHarness();
        var row = new JsonObject
        {
            ["stats_id"] = "a1b2-c3",
            ["lead_email"] = "x@example.com",
            ["lead_name"] = null,
            ["lead_category"] = 4,
            ["sequence_number"] = "3",
            ["email_campaign_seq_id"] = "5501",
            ["seq_variant_id"] = null,
            ["sent_time"] = "2025-01-06 09:00:00",
            ["open_time"] = "",
            ["click_time"] = "2025-01-06T10:00:00+02:00",
            ["reply_time"] = null,
            ["open_count"] = "2",
            ["click_count"] = 1.0,
            ["is_unsubscribed"] = 1,
            ["is_bounced"] = "false",
            ["ignore_reply"] = "TRUE",
        };
        h.Server.Script(Replies.Json(SmartleadExamples.Page(new[] { row }, total: 1)));

        var send = Assert.IsType<SmartleadSendStats>(Assert.Single(await h.RowsAsync()));

        Assert.Equal("a1b2-c3", send.StatsId);
        Assert.Null(send.LeadName);
        Assert.Equal("4", send.LeadCategory);
        Assert.Equal(3, send.SequenceNumber);
        Assert.Equal("5501", send.EmailCampaignSeqId);
        Assert.Null(send.SeqVariantId);
        Assert.Equal(new DateTime(2025, 1, 6, 9, 0, 0, DateTimeKind.Utc), send.SentTime);
        Assert.Null(send.OpenTime);
        Assert.Equal(new DateTime(2025, 1, 6, 8, 0, 0, DateTimeKind.Utc), send.ClickTime);
        Assert.Null(send.ReplyTime);
        Assert.Equal(2, send.OpenCount);
        Assert.Equal(1, send.ClickCount);
        Assert.True(send.Unsubscribed);
        Assert.False(send.Bounced);
        Assert.True(send.IgnoreReply);
    }

    [Fact]
    public async Task EnvelopeNumbersMayBeStrings()
    {
        using var h = new SmartleadHarness();
        h.Server.Script(Replies.Json("""{"ok":true,"data":[{"stats_id":1,"sequence_number":1}],"offset":"0","limit":"100","total_stats":"1"}"""));

        var page = Assert.Single(await h.PagesAsync());

        Assert.Equal(1, page.KnownTotal);
    }

    [Fact]
    public async Task BothShapesOnOnePageKeepTheirOrder()
    {
        using var h = new SmartleadHarness();
        h.Server.Script(Replies.Json(SmartleadExamples.Page(new JsonNode[]
        {
            SmartleadExamples.SendRow(statsId: 1),
            JsonNode.Parse("""{"campaign_id":123,"sequence_number":1,"sent":5}""")!,
            SmartleadExamples.SendRow(statsId: 2),
        })));

        var rows = await h.RowsAsync();

        Assert.Equal(new[] { typeof(SmartleadSendStats), typeof(SmartleadSequenceStats), typeof(SmartleadSendStats) }, rows.Select(r => r.GetType()).ToArray());
    }

    public static TheoryData<string, string> MalformedPages => new()
    {
        { "data missing", """{"ok":true,"offset":0,"limit":100}""" },
        { "data not an array", """{"ok":true,"data":{"sent":1},"offset":0,"limit":100}""" },
        { "data null", """{"ok":true,"data":null,"offset":0,"limit":100}""" },
        { "offset missing", """{"ok":true,"data":[],"limit":100}""" },
        { "offset not what was asked", """{"ok":true,"data":[],"offset":100,"limit":100}""" },
        { "limit missing", """{"ok":true,"data":[],"offset":0}""" },
        { "more rows than its own limit", """{"ok":true,"data":[{"sequence_number":1,"sent":1},{"sequence_number":2,"sent":1}],"offset":0,"limit":1}""" },
        { "a negative offset", """{"ok":true,"data":[],"offset":-1,"limit":100}""" },
        { "offset a fraction", """{"ok":true,"data":[],"offset":0.5,"limit":100}""" },
        { "ok not a boolean", """{"ok":"yes","data":[],"offset":0,"limit":100}""" },
        { "total_stats negative", """{"ok":true,"data":[],"offset":0,"limit":100,"total_stats":-1}""" },
        { "total_stats text", """{"ok":true,"data":[],"offset":0,"limit":100,"total_stats":"many"}""" },
        { "a null row", """{"ok":true,"data":[null],"offset":0,"limit":100}""" },
        { "a number as a row", """{"ok":true,"data":[42],"offset":0,"limit":100}""" },
        { "an empty row", """{"ok":true,"data":[{}],"offset":0,"limit":100}""" },
        { "a row of unknown fields", """{"ok":true,"data":[{"foo":1}],"offset":0,"limit":100}""" },
        { "a count as a fraction", """{"ok":true,"data":[{"sequence_number":1,"sent":1.5}],"offset":0,"limit":100}""" },
        { "a negative count", """{"ok":true,"data":[{"sequence_number":1,"sent":-3}],"offset":0,"limit":100}""" },
        { "a count as an object", """{"ok":true,"data":[{"sequence_number":1,"sent":{"n":1}}],"offset":0,"limit":100}""" },
        { "a time that is not a time", """{"ok":true,"data":[{"stats_id":1,"sent_time":"yesterday"}],"offset":0,"limit":100}""" },
        { "a time as a number", """{"ok":true,"data":[{"stats_id":1,"sent_time":1700000000}],"offset":0,"limit":100}""" },
        { "a flag that is not one", """{"ok":true,"data":[{"stats_id":1,"is_bounced":"maybe"}],"offset":0,"limit":100}""" },
        { "an id as an array", """{"ok":true,"data":[{"stats_id":[1]}],"offset":0,"limit":100}""" },
        { "more rows than asked", SmartleadExamples.SendPage(3, 0, 2, total: null) },
        { "a bare array", """[{"sequence_number":1,"sent":1}]""" },
        { "an html page", "<html><body>Sign in</body></html>" },
    };

    [Theory]
    [MemberData(nameof(MalformedPages))]
    public async Task AMalformedPageIsInvalidResponseForTheCampaignNeverEmptyOutput(string what, string body)
    {
        using var h = new SmartleadHarness();
        h.Server.Script(Replies.Json(body));
        var query = what == "more rows than asked" ? SmartleadExamples.Query(pageSize: 2) : null;

        var error = await h.FailureAsync(12345, query);

        Assert.True(error.Kind == OutreachErrorKind.InvalidResponse, $"{what}: {error.Kind} {error.Message}");
        Assert.Equal("SmartleadInvalidResponse", error.ErrorId);
        Assert.Equal("12345", error.CampaignId);
    }

    [Theory]
    [InlineData("""{"ok":false,"error":"Campaign is archived","data":[],"offset":0,"limit":100}""", "Campaign is archived")]
    [InlineData("""{"ok":false,"message":"Internal failure"}""", "Internal failure")]
    [InlineData("""{"ok":false}""", "without a reason")]
    public async Task OkFalseIsAnErrorForTheCampaign(string body, string said)
    {
        using var h = new SmartleadHarness();
        h.Server.Script(Replies.Json(body));

        var error = await h.FailureAsync(12345);

        Assert.Equal(OutreachErrorKind.CampaignFailed, error.Kind);
        Assert.Equal("SmartleadCampaignFailed", error.ErrorId);
        Assert.Contains("ok:false", error.Message);
        Assert.Contains(said, error.Message);
        Assert.Equal("12345", error.CampaignId);
    }

    [Fact]
    public async Task AMalformedLaterPageFailsAfterTheEarlierPagesCame()
    {
        using var h = new SmartleadHarness();
        h.Server.Script(
            Replies.Json(SmartleadExamples.SendPage(100, 0, 100, total: 300)),
            Replies.Json(SmartleadExamples.SendPage(100, 0, 100, total: 300)));
        var pages = new List<int>();

        var error = await Assert.ThrowsAsync<OutreachApiException>(() => h.Run(ReadAll()));

        Assert.Equal(OutreachErrorKind.InvalidResponse, error.Kind);
        Assert.Contains("offset is 0 where 100 was asked for", error.Message);
        Assert.Equal(new[] { 100 }, pages);

        async Task<int> ReadAll()
        {
            await foreach (var page in h.Client.GetStatisticsAsync(12345, new SmartleadStatisticsQuery(), null, CancellationToken.None)) pages.Add(page.Rows.Count);
            return pages.Count;
        }
    }
}
