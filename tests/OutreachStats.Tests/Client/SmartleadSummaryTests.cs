using System.Text.Json.Nodes;
using OutreachStats.Model;
using OutreachStats.Providers.Smartlead;
using Xunit;

namespace OutreachStats.Tests.Client;

/// <summary>-Summary's sums per campaign and per step, and the counting rules for per-send rows.</summary>
public sealed class SmartleadSummaryTests
{
    private static readonly SmartleadStatisticsQuery Query = new() { EmailStatus = "opened", StartDate = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc) };

    [Fact]
    public async Task TheDocumentedAggregateRowsAddUpPerStepAndForTheCampaign()
    {
        using var h = new SmartleadHarness();
        var builder = new SmartleadSummaryBuilder(12345, Query);
        foreach (var row in await h.RowsAsync(12345, Query)) builder.Add(row);

        var summary = All(builder.Build());

        Assert.Equal(new[] { "Campaign", "Step", "Step" }, summary.Select(s => s.Scope).ToArray());
        Assert.Equal(new int?[] { null, 1, 2 }, summary.Select(s => s.SequenceNumber).ToArray());
        AssertSums(summary[0], rows: 2, sent: 2132, opened: 639, clicked: 143, replied: 35, unsubscribed: 6, bounced: 27);
        AssertSums(summary[1], rows: 1, sent: 1240, opened: 372, clicked: 89, replied: 23, unsubscribed: 4, bounced: 18);
        AssertSums(summary[2], rows: 1, sent: 892, opened: 267, clicked: 54, replied: 12, unsubscribed: 2, bounced: 9);
        Assert.All(summary, s =>
        {
            Assert.Equal("Smartlead", s.Provider);
            Assert.Equal(12345, s.CampaignId);
            Assert.Equal("opened", s.EmailStatus);
            Assert.Equal("2025-01-01T00:00:00.000Z", s.StartDate);
            Assert.Null(s.EndDate);
        });
        Assert.Equal("12345", summary[0].ToString());
        Assert.Equal("12345 step 2", summary[2].ToString());
    }

    [Fact]
    public void ACampaignWithoutRowsIsOneRowOfZeros()
    {
        var summary = All(new SmartleadSummaryBuilder(5, Query).Build());

        var campaign = Assert.Single(summary);
        Assert.Equal("Campaign", campaign.Scope);
        AssertSums(campaign, rows: 0, sent: 0, opened: 0, clicked: 0, replied: 0, unsubscribed: 0, bounced: 0);
    }

    [Fact]
    public async Task PerSendRowsCountSendsOpensClicksAndBouncesPerRow()
    {
        var summary = await Summarise(
            SmartleadExamples.SendRow(1, "a@example.com", 1, opened: "2025-01-06T10:00:00Z", opens: 2),
            SmartleadExamples.SendRow(2, "b@example.com", 1, opens: 1),
            SmartleadExamples.SendRow(3, "c@example.com", 1, clicked: "2025-01-06T11:00:00Z"),
            SmartleadExamples.SendRow(4, "d@example.com", 1, bounced: true),
            SmartleadExamples.SendRow(5, "a@example.com", 2, clicks: 3));

        AssertSums(summary[0], rows: 5, sent: 5, opened: 2, clicked: 2, replied: 0, unsubscribed: 0, bounced: 1);
        AssertSums(summary[1], rows: 4, sent: 4, opened: 2, clicked: 1, replied: 0, unsubscribed: 0, bounced: 1);
        AssertSums(summary[2], rows: 1, sent: 1, opened: 0, clicked: 1, replied: 0, unsubscribed: 0, bounced: 0);
    }

    [Fact]
    public async Task ALeadCategoryWithoutAReplyTimeIsNotAReply()
    {
        var summary = await Summarise(
            SmartleadExamples.SendRow(1, "a@example.com", 1, category: "Interested"),
            SmartleadExamples.SendRow(2, "b@example.com", 1, category: "Meeting Booked"));

        Assert.Equal(0, summary[0].Replied);
    }

    [Fact]
    public async Task OneReplyOnSeveralRowsOfALeadCountsOnceAtTheSendItAnswered()
    {
        const string reply = "2025-01-10T08:00:00Z";
        var summary = await Summarise(
            SmartleadExamples.SendRow(1, "ada@example.com", 1, sent: "2025-01-06T09:00:00Z", replied: reply),
            SmartleadExamples.SendRow(2, "ada@example.com", 2, sent: "2025-01-09T09:00:00Z", replied: reply),
            SmartleadExamples.SendRow(3, "bob@example.com", 1, sent: "2025-01-06T09:00:00Z"));

        Assert.Equal(1, summary[0].Replied);
        Assert.Equal(0, summary[1].Replied);
        Assert.Equal(1, summary[2].Replied);
    }

    [Fact]
    public async Task ALeadThatRepliedTwiceCountsOnceAtItsFirstReply()
    {
        var summary = await Summarise(
            SmartleadExamples.SendRow(1, "ada@example.com", 1, sent: "2025-01-06T09:00:00Z", replied: "2025-01-07T08:00:00Z"),
            SmartleadExamples.SendRow(2, "ada@example.com", 2, sent: "2025-01-09T09:00:00Z", replied: "2025-01-12T08:00:00Z"),
            SmartleadExamples.SendRow(3, "ADA@Example.com ", 3, sent: "2025-01-13T09:00:00Z", replied: "2025-01-14T08:00:00Z"));

        Assert.Equal(1, summary[0].Replied);
        Assert.Equal(new[] { 1, 0, 0 }, summary.Skip(1).Select(s => s.Replied).ToArray());
    }

    [Fact]
    public async Task WithoutSendTimesTheReplyGoesToTheLaterStep()
    {
        const string reply = "2025-01-10T08:00:00Z";
        var summary = await Summarise(
            SmartleadExamples.SendRow(1, "ada@example.com", 2, sent: null, replied: reply),
            SmartleadExamples.SendRow(2, "ada@example.com", 1, sent: null, replied: reply));

        Assert.Equal(new[] { 1, 0, 1 }, summary.Select(s => s.Replied).ToArray());
        Assert.Equal(new int?[] { null, 1, 2 }, summary.Select(s => s.SequenceNumber).ToArray());
    }

    [Fact]
    public async Task RowsWithoutALeadEmailAreEachTheirOwnLead()
    {
        var first = SmartleadExamples.SendRow(1, "x", 1, replied: "2025-01-10T08:00:00Z");
        var second = SmartleadExamples.SendRow(2, "x", 1, replied: "2025-01-10T08:00:00Z");
        first.Remove("lead_email");
        second["lead_email"] = "";

        var summary = await Summarise(first, second);

        Assert.Equal(2, summary[0].Replied);
    }

    [Fact]
    public async Task AnUnsubscribeCountsOnceAtTheLeadsLastSend()
    {
        var summary = await Summarise(
            SmartleadExamples.SendRow(1, "ada@example.com", 1, sent: "2025-01-06T09:00:00Z", unsubscribed: true),
            SmartleadExamples.SendRow(2, "ada@example.com", 2, sent: "2025-01-09T09:00:00Z", unsubscribed: true),
            SmartleadExamples.SendRow(3, "bob@example.com", 1, sent: "2025-01-06T09:00:00Z", unsubscribed: true));

        Assert.Equal(new[] { 2, 1, 1 }, summary.Select(s => s.Unsubscribed).ToArray());
    }

    [Fact]
    public async Task IgnoreReplyDoesNotChangeTheCount()
    {
        var row = SmartleadExamples.SendRow(1, "ada@example.com", 1, replied: "2025-01-10T08:00:00Z");
        row["ignore_reply"] = true;

        var summary = await Summarise(row);

        Assert.Equal(1, summary[0].Replied);
    }

    [Fact]
    public async Task TheStepsAlwaysAddUpToTheCampaign()
    {
        var rows = Enumerable.Range(0, 60).Select(i => SmartleadExamples.SendRow(i, $"lead{i % 7}@example.com", 1 + i % 4,
            sent: $"2025-01-{1 + i % 20:00}T09:00:00Z", replied: i % 3 == 0 ? $"2025-02-{1 + i % 5:00}T09:00:00Z" : null,
            opens: i % 2, unsubscribed: i % 11 == 0, bounced: i % 13 == 0)).ToArray();

        var summary = await Summarise(rows);

        var steps = summary.Skip(1).ToArray();
        Assert.Equal(summary[0].Rows, steps.Sum(s => s.Rows));
        Assert.Equal(summary[0].Replied, steps.Sum(s => s.Replied));
        Assert.Equal(summary[0].Unsubscribed, steps.Sum(s => s.Unsubscribed));
        Assert.Equal(summary[0].Opened, steps.Sum(s => s.Opened));
        Assert.True(summary[0].Replied <= 7);
    }

    private static async Task<IReadOnlyList<SmartleadStatisticsSummary>> Summarise(params JsonObject[] rows)
    {
        using var h = new SmartleadHarness();
        h.Server.Script(Replies.Json(SmartleadExamples.Page(rows, limit: 100, total: rows.Length)));
        var builder = new SmartleadSummaryBuilder(12345, Query);
        foreach (var row in await h.RowsAsync(12345, Query)) builder.Add(row);
        return All(builder.Build());
    }

    /// <summary>The campaign's row, then its steps'.</summary>
    private static IReadOnlyList<SmartleadStatisticsSummary> All((SmartleadStatisticsSummary Campaign, IReadOnlyList<SmartleadStatisticsSummary> Steps) built) =>
        new[] { built.Campaign }.Concat(built.Steps).ToList();

    private static void AssertSums(SmartleadStatisticsSummary s, int rows, int sent, int opened, int clicked, int replied, int unsubscribed, int bounced) =>
        Assert.Equal((rows, sent, opened, clicked, replied, unsubscribed, bounced), (s.Rows, s.Sent, s.Opened, s.Clicked, s.Replied, s.Unsubscribed, s.Bounced));
}
