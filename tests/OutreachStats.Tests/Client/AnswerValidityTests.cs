using OutreachStats.Http;
using Xunit;

namespace OutreachStats.Tests.Client;

/// <summary>
/// A success whose counts are not statistics is an invalid answer, retried and then reported:
/// never written as a campaign with all-zero or negative numbers. Zero counts are statistics.
/// </summary>
public sealed class AnswerValidityTests
{
    private static void FewRetries(TransportOptions options)
    {
        options.MaxRetries = 1;
        options.RetryBaseDelay = TimeSpan.FromMilliseconds(10);
    }

    public static TheoryData<string> NotLemlistStatistics => new()
    {
        "{}",
        """{"foo": 1}""",
        """{"nbLeads": null, "messagesSent": null, "opened": null}""",
        LeadlexExamples.Documented,
        // Another campaign's statistics (Leadterra's answer names its campaign).
        LeadterraExamples.Documented,
        """{"nbLeads": 5, "opened": -1}""",
        """{"nbLeads": 5, "steps": [{"index": 0, "sent": -3}]}""",
    };

    [Theory]
    [MemberData(nameof(NotLemlistStatistics))]
    public async Task LemlistAnswersThatAreNotStatisticsAreInvalidAfterTheirRetries(string body)
    {
        using var h = new LemlistHarness(FewRetries);
        h.Server.Script(Replies.Json(body));

        var error = await h.StatsFailureAsync();

        Assert.Equal(OutreachErrorKind.InvalidResponse, error.Kind);
        Assert.Equal("LemlistInvalidResponse", error.ErrorId);
        Assert.Equal(2, h.Server.RequestCount);
    }

    public static TheoryData<string> NotLeadlexStatistics => new()
    {
        """{"data": {"stats": {}}}""",
        """{"data": {"stats": {"foo": 1}}}""",
        """{"data": {"stats": {"sent_count": null, "open_rate": null}}}""",
        """{"data": {"stats": {"sent_count": 10, "bounced_count": -2}}}""",
        """{"data": {"stats": {"sent_count": 10, "open_rate": -0.5}}}""",
        """{"data": {"stats": {"sent_count": 10, "open_rate": 1e999}}}""",
    };

    [Theory]
    [MemberData(nameof(NotLeadlexStatistics))]
    public async Task LeadlexAnswersThatAreNotStatisticsAreInvalid(string body)
    {
        using var h = new LeadlexHarness(FewRetries);
        h.Server.Script(Replies.Json(body));

        var error = await h.FailureAsync();

        Assert.Equal("LeadlexInvalidResponse", error.ErrorId);
        Assert.Equal(2, h.Server.RequestCount);
    }

    public static TheoryData<string> NotLeadterraStatistics => new()
    {
        "{}",
        """{"campaignId": "camp_123"}""",
        """{"campaignId": "camp_123", "sent": null, "openRate": null}""",
        LeadlexExamples.Documented,
        """{"campaignId": "camp_123", "sent": 10, "replied": -1}""",
        """{"campaignId": "camp_123", "sent": 10, "replyRate": -1e999}""",
    };

    [Theory]
    [MemberData(nameof(NotLeadterraStatistics))]
    public async Task LeadterraAnswersThatAreNotStatisticsAreInvalid(string body)
    {
        using var h = new LeadterraHarness(FewRetries);
        h.Server.Script(Replies.Json(body));

        var error = await h.FailureAsync();

        Assert.Equal("LeadterraInvalidResponse", error.ErrorId);
        Assert.Equal(2, h.Server.RequestCount);
    }

    [Fact]
    public async Task CountsPresentAsZeroAreADraftCampaignNotAnInvalidAnswer()
    {
        using var lemlist = new LemlistHarness(FewRetries);
        lemlist.Server.Script(Replies.Json("""{"nbLeads": 0, "messagesSent": 0}"""));
        using var leadlex = new LeadlexHarness(FewRetries);
        leadlex.Server.Script(Replies.Json("""{"data": {"stats": {"sent_count": 0, "open_rate": 0}}}"""));
        using var leadterra = new LeadterraHarness(FewRetries);
        leadterra.Server.Script(Replies.Json("""{"campaignId": "camp_123", "totalEnrolled": 0}"""));

        Assert.Equal(0, (await lemlist.GetStatsAsync()).NbLeads);
        Assert.Equal(0, (await leadlex.GetAsync()).Sent);
        Assert.Equal(0, (await leadterra.GetAsync()).TotalEnrolled);
    }

    [Fact]
    public async Task ACommonRateOfNothingOverNothingIsNullAndAProvidersOwnRateIsWhatItSent()
    {
        using var draft = new LeadlexHarness(FewRetries);
        draft.Server.Script(Replies.Json("""{"data": {"stats": {"sent_count": 0, "opened_count": 0, "open_rate": 0, "click_rate": 0}}}"""));
        using var unrated = new LeadlexHarness(FewRetries);
        unrated.Server.Script(Replies.Json("""{"data": {"stats": {"sent_count": 8, "opened_count": 2, "replied_count": 1, "reply_rate": 0.2}}}"""));
        using var undelivered = new LeadterraHarness(FewRetries);
        undelivered.Server.Script(Replies.Json("""{"campaignId": "camp_123", "sent": 0, "delivered": 0, "openRate": 0, "replyRate": 0}"""));

        var nothingSent = await draft.GetAsync();
        var leftOut = await unrated.GetAsync();
        var nothingDelivered = await undelivered.GetAsync();

        Assert.Null(nothingSent.OpenRate);
        Assert.Null(nothingSent.ClickRate);
        Assert.Null(nothingSent.ReplyRate);
        Assert.Null(nothingSent.BounceRate);
        Assert.Equal(0.0, nothingSent.OpenRateRounded);
        // The common rates come from the counts, whatever Leadlex's own figure says.
        Assert.Equal(0.25, leftOut.OpenRate);
        Assert.Equal(0.0, leftOut.ClickRate);
        Assert.Equal(1.0 / 8, leftOut.ReplyRate);
        Assert.Null(leftOut.OpenRateRounded);
        Assert.Equal(0.2, leftOut.ReplyRateRounded);
        Assert.Null(nothingDelivered.ReplyRate);
        Assert.Null(nothingDelivered.BounceRate);
        Assert.Equal(0.0, nothingDelivered.ReplyRateOfDelivered);
    }

    [Fact]
    public async Task ABatchResultWithOnlyItsCampaignIdIsReSentThenInvalid()
    {
        using var h = new LemlistHarness(FewRetries);
        h.Server.Script(Replies.Json("""{"results": [{"campaignId": "cam_a", "nbLeads": 4}, {"campaignId": "cam_b"}], "errors": []}"""),
            Replies.Json("""{"results": [{"campaignId": "cam_b"}], "errors": []}"""));

        var entries = await h.GetBatchAsync(new[] { "cam_a", "cam_b" });

        Assert.Equal(4, entries[0].Stats!.NbLeads);
        Assert.Null(entries[1].Stats);
        Assert.Equal(OutreachErrorKind.InvalidResponse, entries[1].Error!.Kind);
        Assert.Contains("none of the documented counts", entries[1].Error!.Message);
        Assert.Equal(2, h.Server.RequestCount);
    }

    [Fact]
    public async Task ABatchListingACampaignTwiceWithDifferentNumbersIsInvalidForIt()
    {
        using var h = new LemlistHarness(o => o.MaxRetries = 0);
        h.Server.Script(Replies.Json("""
            {"results": [{"campaignId": "cam_a", "nbLeads": 4}, {"campaignId": "cam_b", "nbLeads": 1},
                         {"campaignId": "cam_a", "nbLeads": 9}, {"campaignId": "cam_b", "nbLeads": 1}], "errors": []}
            """));

        var entries = await h.GetBatchAsync(new[] { "cam_a", "cam_b" });

        Assert.Equal(OutreachErrorKind.InvalidResponse, entries[0].Error!.Kind);
        Assert.Contains("twice with different numbers", entries[0].Error!.Message);
        Assert.Equal(1, entries[1].Stats!.NbLeads);
    }
}
