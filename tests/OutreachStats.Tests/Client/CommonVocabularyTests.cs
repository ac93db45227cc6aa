using System.Reflection;
using OutreachStats.Model;
using OutreachStats.Providers.Smartlead;
using Xunit;

namespace OutreachStats.Tests.Client;

/// <summary>
/// One vocabulary: the same concept has the same name, type and meaning on every provider's rows,
/// and the common rates are computed from the counts over Sent, whatever a provider reports.
/// </summary>
public sealed class CommonVocabularyTests
{
    private static readonly string[] Counts = { "Sent", "Delivered", "Opened", "Clicked", "Replied", "Bounced", "Unsubscribed" };
    private static readonly string[] Rates = { "OpenRate", "ClickRate", "ReplyRate", "BounceRate" };

    public static TheoryData<Type> CampaignAndStepRows() => new()
    {
        typeof(LemlistCampaignStats), typeof(LeadlexCampaignStats), typeof(LeadterraCampaignStats), typeof(SmartleadStatisticsSummary),
        typeof(LemlistStepStats), typeof(SmartleadSequenceStats),
    };

    [Theory]
    [MemberData(nameof(CampaignAndStepRows))]
    public void EveryRowHasTheCommonCountsAndRatesInTheSameOrderAndTypes(Type row)
    {
        var properties = row.GetProperties(BindingFlags.Public | BindingFlags.Instance);
        var names = properties.Select(p => p.Name).ToList();
        // A step row of a provider that has no count of delivered emails carries no Delivered at all.
        var expected = Counts.Where(c => c != "Delivered" || row != typeof(SmartleadSequenceStats)).Concat(Rates).ToList();
        Assert.Equal(expected, names.Where(expected.Contains).ToList());
        foreach (var name in expected)
        {
            var type = properties.Single(p => p.Name == name).PropertyType;
            Assert.True(Rates.Contains(name) ? type == typeof(double?) : type == typeof(int) || type == typeof(int?), $"{row.Name}.{name} is {type}");
        }
    }

    [Fact]
    public void APerSendRowSaysWhatHappenedToItsSendWithTheCommonNames()
    {
        var names = typeof(SmartleadSendStats).GetProperties().Where(p => p.PropertyType == typeof(bool)).Select(p => p.Name);
        Assert.Equal(new[] { "Opened", "Clicked", "Replied", "Bounced", "Unsubscribed" }, names.Where(n => n != "IgnoreReply"));
    }

    [Fact]
    public async Task LeadterrasTwoDecimalRatesOverDeliveredDoNotDecideTheRanking()
    {
        // Over delivered and rounded to two decimals, the first campaign reports more; over sent, it replied less.
        using var first = new LeadterraHarness();
        first.Server.Script(Replies.Json("""{"campaignId": "camp_a", "sent": 2777, "delivered": 2300, "replied": 212, "replyRate": 0.09}"""));
        using var second = new LeadterraHarness();
        second.Server.Script(Replies.Json("""{"campaignId": "camp_b", "sent": 7933, "delivered": 7900, "replied": 674, "replyRate": 0.09}"""));

        var rows = new[] { await first.GetAsync("camp_a"), await second.GetAsync("camp_b") };

        Assert.Equal(new[] { "camp_b", "camp_a" }, rows.OrderByDescending(r => r.ReplyRate).Select(r => r.CampaignId));
        Assert.Equal(212.0 / 2777, rows[0].ReplyRate);
        Assert.Equal(674.0 / 7933, rows[1].ReplyRate);
        Assert.Equal(0.09, rows[0].ReplyRateOfDelivered);
    }

    [Fact]
    public async Task SmartleadsSummaryHasTheCommonRatesOverSentAndNoDelivered()
    {
        using var h = new SmartleadHarness();
        var builder = new SmartleadSummaryBuilder(12345, new SmartleadStatisticsQuery());
        foreach (var row in await h.RowsAsync(12345)) builder.Add(row);

        var (campaign, steps) = builder.Build();

        Assert.Null(campaign.Delivered);
        Assert.Equal(35.0 / 2132, campaign.ReplyRate);
        Assert.Equal(639.0 / 2132, campaign.OpenRate);
        Assert.Equal(143.0 / 2132, campaign.ClickRate);
        Assert.Equal(27.0 / 2132, campaign.BounceRate);
        Assert.Equal(23.0 / 1240, steps[0].ReplyRate);
        Assert.All(steps, s => Assert.Equal(SmartleadStatisticsSummary.StepScope, s.Scope));
        Assert.Null(campaign.StartDate);
    }

    [Fact]
    public async Task ASendIsOpenedClickedOrRepliedByItsTimesOrCounts()
    {
        using var h = new SmartleadHarness();
        h.Server.Script(Replies.Json(SmartleadExamples.Page(new[]
        {
            SmartleadExamples.SendRow(1, "a@example.com", opened: "2025-01-06T10:00:00Z"),
            SmartleadExamples.SendRow(2, "b@example.com", clicks: 2),
            SmartleadExamples.SendRow(3, "c@example.com", replied: "2025-01-07T10:00:00Z", bounced: true, unsubscribed: true),
        }, limit: 100, total: 3)));

        var sends = (await h.RowsAsync()).Cast<SmartleadSendStats>().ToList();

        Assert.Equal(new[] { true, false, false }, sends.Select(s => s.Opened));
        Assert.Equal(new[] { false, true, false }, sends.Select(s => s.Clicked));
        Assert.Equal(new[] { false, false, true }, sends.Select(s => s.Replied));
        Assert.Equal(new[] { false, false, true }, sends.Select(s => s.Bounced));
        Assert.Equal(new[] { false, false, true }, sends.Select(s => s.Unsubscribed));
    }
}
