using OutreachStats.Model;
using Xunit;

namespace OutreachStats.Tests.Client;

/// <summary>The documented example responses, parsed into the model field by field.</summary>
public sealed class LemlistParsingTests
{
    [Fact]
    public async Task TheSingleStatsExampleMapsEveryTopLevelCount()
    {
        using var h = new LemlistHarness();
        h.Server.Script(Replies.Json(ApiExamples.SingleStats));

        var stats = await h.GetStatsAsync("cam_123");

        ApiExamples.AssertDocumentedCounts(stats);
        Assert.Equal("Lemlist", stats.Provider);
        Assert.Equal("cam_123", stats.CampaignId);
    }

    [Fact]
    public async Task TheSingleStatsExampleMapsEveryStepField()
    {
        using var h = new LemlistHarness();
        h.Server.Script(Replies.Json(ApiExamples.SingleStats));

        var stats = await h.GetStatsAsync("cam_123");

        Assert.Equal(3, stats.Steps.Count);
        Assert.Equal("3 steps", stats.Steps.ToString());
        AssertStep(stats.Steps[0], index: 1, sequenceStep: 0, taskType: "linkedinSend", sent: 32, delivered: 32, opened: 15, clicked: 0, replied: 15, unsubscribed: 1);
        // The example's second step has no taskType: it must stay null, not become "" or another step's type.
        AssertStep(stats.Steps[1], index: 2, sequenceStep: 1, taskType: null, sent: 20, delivered: 20, opened: 17, clicked: 1, replied: 1, unsubscribed: 0);
        AssertStep(stats.Steps[2], index: 3, sequenceStep: 2, taskType: null, sent: 20, delivered: 20, opened: 15, clicked: 3, replied: 0, unsubscribed: 0);
        Assert.Equal("cam_123 step 2", stats.Steps[1].ToString());
    }

    [Fact]
    public async Task TheWindowAndFiltersAreCarriedOnTheCampaignAndEachStep()
    {
        using var h = new LemlistHarness();
        h.Server.Script(Replies.Json(ApiExamples.SingleStats));

        var stats = await h.GetStatsAsync("cam_123", Windows.Filtered("usr_OcIHizJyIeaDxicQP|email@example.com", "B", "email", "linkedin"));

        AssertCarriesWindow("cam_123", "B", stats.CampaignId, stats.StartDate, stats.EndDate, stats.SendUser, stats.ABVersion, stats.Channels);
        Assert.All(stats.Steps, step =>
        {
            Assert.Equal("Lemlist", step.Provider);
            AssertCarriesWindow("cam_123", "B", step.CampaignId, step.StartDate, step.EndDate, step.SendUser, step.ABVersion, step.Channels);
        });
    }

    [Fact]
    public async Task WithoutFiltersTheFilterColumnsAreEmptyNotNull()
    {
        using var h = new LemlistHarness();
        h.Server.Script(Replies.Json(ApiExamples.SingleStats));

        var stats = await h.GetStatsAsync("cam_123", Windows.Plain());

        Assert.Equal(string.Empty, stats.SendUser);
        Assert.Equal(string.Empty, stats.ABVersion);
        Assert.Equal(string.Empty, stats.Channels);
        Assert.All(stats.Steps, step => Assert.Equal(string.Empty, step.Channels));
    }

    [Fact]
    public async Task TheBatchExampleGivesOneEntryWithTheSameCountsAndNoError()
    {
        using var h = new LemlistHarness();
        h.Server.Script(Replies.Json(ApiExamples.BatchStats));

        var entries = await h.GetBatchAsync(new[] { "cam_123" }, Windows.Filtered("usr_OcIHizJyIeaDxicQP|email@example.com", "A", "email", "linkedin"));

        var entry = Assert.Single(entries);
        Assert.Equal("cam_123", entry.CampaignId);
        Assert.Null(entry.Error);
        Assert.NotNull(entry.Stats);
        var stats = entry.Stats!;
        ApiExamples.AssertDocumentedCounts(stats);
        var step = Assert.Single(stats.Steps);
        Assert.Equal("1 step", stats.Steps.ToString());
        AssertStep(step, index: 1, sequenceStep: 0, taskType: "linkedinSend", sent: 32, delivered: 32, opened: 15, clicked: 0, replied: 15, unsubscribed: 1);
        AssertCarriesWindow("cam_123", "A", stats.CampaignId, stats.StartDate, stats.EndDate, stats.SendUser, stats.ABVersion, stats.Channels);
        Assert.All(stats.Steps, s => AssertCarriesWindow("cam_123", "A", s.CampaignId, s.StartDate, s.EndDate, s.SendUser, s.ABVersion, s.Channels));
    }

    [Fact]
    public async Task CountsTheApiLeavesOutReadAsZeroAndNoStepsIsZeroSteps()
    {
        using var h = new LemlistHarness();
        h.Server.Script(Replies.Json("""{"nbLeads": 3}"""));

        var stats = await h.GetStatsAsync("cam_123");

        Assert.Equal(3, stats.NbLeads);
        Assert.Equal(0, stats.Sent);
        Assert.Equal(0, stats.MeetingBooked);
        Assert.Empty(stats.Steps);
        Assert.Equal("0 steps", stats.Steps.ToString());
    }

    [Fact]
    public async Task UnknownFieldsAndOptionalStepFieldsAreAccepted()
    {
        using var h = new LemlistHarness();
        h.Server.Script(Replies.Json("""
            {"nbLeads": 5, "somethingNew": {"x": [1, 2]},
             "steps": [{"index": 4, "abTest": "B", "taskType": "conditional", "conditionLabel": "Opened?", "newField": true}]}
            """));

        var stats = await h.GetStatsAsync("cam_123");

        Assert.Equal(5, stats.NbLeads);
        var step = Assert.Single(stats.Steps);
        Assert.Equal(4, step.Index);
        Assert.Equal("B", step.AbTest);
        Assert.Equal("conditional", step.TaskType);
        Assert.Equal("Opened?", step.ConditionLabel);
        Assert.Null(step.SequenceId);
    }

    private static void AssertStep(LemlistStepStats step, int index, int sequenceStep, string? taskType, int sent, int delivered, int opened, int clicked, int replied, int unsubscribed)
    {
        Assert.Equal(index, step.Index);
        Assert.Equal("seq_rH5RD3fMkkt2gM3YC", step.SequenceId);
        Assert.Equal(sequenceStep, step.SequenceStep);
        Assert.Equal(taskType, step.TaskType);
        Assert.Null(step.AbTest);
        Assert.Null(step.ConditionLabel);
        Assert.Equal(0, step.Invited);
        Assert.Equal(sent, step.Sent);
        Assert.Equal(delivered, step.Delivered);
        Assert.Equal(opened, step.Opened);
        Assert.Equal(clicked, step.Clicked);
        Assert.Equal(replied, step.Replied);
        Assert.Equal(0, step.NotDelivered);
        Assert.Equal(0, step.Bounced);
        Assert.Equal(unsubscribed, step.Unsubscribed);
    }

    /// <summary>The window is ISO 8601 text in UTC, to the millisecond: Windows.Start and Windows.End.</summary>
    private static void AssertCarriesWindow(string expectedId, string expectedAb, string campaignId, string start, string end, string sendUser, string abVersion, string channels)
    {
        Assert.Equal(expectedId, campaignId);
        Assert.Equal("2024-01-07T22:00:00.000Z", start);
        Assert.Equal("2025-07-10T21:59:59.999Z", end);
        Assert.Equal("usr_OcIHizJyIeaDxicQP|email@example.com", sendUser);
        Assert.Equal(expectedAb, abVersion);
        Assert.Equal("email,linkedin", channels);
    }
}
