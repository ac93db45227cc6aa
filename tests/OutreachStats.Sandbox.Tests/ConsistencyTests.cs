using System.Text.Json;
using Xunit;
using OutreachStats.Testing;

namespace OutreachStats.Sandbox.Tests;

/// <summary>Plausible, internally consistent numbers over many campaigns of every provider.</summary>
public sealed class ConsistencyTests : IClassFixture<SandboxFixture>
{
    private readonly SandboxServer _sandbox;

    public ConsistencyTests(SandboxFixture fixture) => _sandbox = fixture.Server;

    [Fact]
    public async Task Lemlist_campaigns_add_up_over_300_campaigns()
    {
        using var client = new SandboxClient(_sandbox);
        var ids = _sandbox.Campaigns(SandboxProvider.Lemlist, 0, 300).Select(c => c.Id).ToList();
        var kinds = new HashSet<string>();
        var sawAbTest = false;
        var sawCondition = false;
        var sawSecondSequence = false;
        foreach (var batch in ids.Chunk(100))
        {
            var body = await SandboxClient.OkJsonAsync(await client.LemlistBatchAsync(batch));
            Assert.Equal(0, body.GetProperty("errors").GetArrayLength());
            Assert.Equal(batch.Length, body.GetProperty("results").GetArrayLength());
            foreach (var stats in body.GetProperty("results").EnumerateArray())
            {
                LemlistInvariants.Check(stats);
                var steps = stats.GetProperty("steps").EnumerateArray().ToList();
                foreach (var step in steps) kinds.Add(step.GetProperty("taskType").GetString()!);
                sawAbTest |= steps.Any(s => s.TryGetProperty("abTest", out _));
                sawCondition |= steps.Any(s => s.TryGetProperty("conditionLabel", out _));
                sawSecondSequence |= steps.Select(s => s.GetProperty("sequenceId").GetString()).Distinct().Count() > 1;
            }
        }
        Assert.Superset(new HashSet<string> { "email", "linkedinVisit", "linkedinInvite", "linkedinSend", "conditional" }, kinds);
        Assert.True(sawAbTest && sawCondition && sawSecondSequence, "A/B steps, conditional steps and branch sequences all occur.");
    }

    [Fact]
    public async Task Smartlead_rows_are_consistent_in_both_shapes()
    {
        using var client = new SandboxClient(_sandbox);
        var shapes = new HashSet<SmartleadShape>();
        foreach (var campaign in _sandbox.Campaigns(SandboxProvider.Smartlead, 0, 80))
        {
            // Per-send pages weigh about 10 KB a row: a first page is enough here, paging has its own test.
            var limit = campaign.Shape == SmartleadShape.Aggregate ? 1000 : 100;
            var body = await SandboxClient.OkJsonAsync(await client.SmartleadAsync(campaign.Id, $"limit={limit}"));
            shapes.Add(campaign.Shape!.Value);
            Assert.True(body.GetProperty("ok").GetBoolean());
            foreach (var row in body.GetProperty("data").EnumerateArray())
            {
                if (campaign.Shape == SmartleadShape.Aggregate)
                {
                    Assert.Equal(long.Parse(campaign.Id), row.GetProperty("campaign_id").GetInt64());
                    var sent = row.GetProperty("sent").GetInt32();
                    Assert.InRange(row.GetProperty("opened").GetInt32(), 0, sent);
                    Assert.InRange(row.GetProperty("clicked").GetInt32(), 0, row.GetProperty("opened").GetInt32());
                    Assert.InRange(row.GetProperty("replied").GetInt32() + row.GetProperty("bounced").GetInt32(), 0, sent);
                    Assert.InRange(row.GetProperty("sequence_number").GetInt32(), 1, 20);
                }
                else
                {
                    Assert.True(body.TryGetProperty("total_stats", out _));
                    Assert.False(row.GetProperty("is_bounced").GetBoolean() && row.GetProperty("open_time").ValueKind != JsonValueKind.Null, "A bounce is never opened.");
                    if (row.GetProperty("click_time").ValueKind != JsonValueKind.Null) Assert.NotEqual(JsonValueKind.Null, row.GetProperty("open_time").ValueKind);
                }
            }
        }
        Assert.Equal(2, shapes.Count);
    }

    [Fact]
    public async Task Leadlex_rates_are_the_counts_over_sent()
    {
        using var client = new SandboxClient(_sandbox);
        foreach (var campaign in _sandbox.Campaigns(SandboxProvider.Leadlex, 0, 200))
        {
            var stats = (await SandboxClient.OkJsonAsync(await client.LeadlexAsync(campaign.Id))).GetProperty("data").GetProperty("stats");
            var sent = stats.GetProperty("sent_count").GetInt32();
            foreach (var (count, rate) in new[] { ("opened_count", "open_rate"), ("clicked_count", "click_rate"), ("replied_count", "reply_rate") })
            {
                var value = stats.GetProperty(count).GetInt32();
                Assert.InRange(value, 0, sent);
                Assert.Equal(sent == 0 ? 0 : Math.Round((double)value / sent, 3, MidpointRounding.AwayFromZero), stats.GetProperty(rate).GetDouble(), 9);
            }
            Assert.InRange(stats.GetProperty("clicked_count").GetInt32(), 0, stats.GetProperty("opened_count").GetInt32());
            Assert.InRange(stats.GetProperty("bounced_count").GetInt32(), 0, sent);
        }
    }

    [Fact]
    public async Task Leadterra_deliveries_bounces_and_rates_add_up()
    {
        using var client = new SandboxClient(_sandbox);
        var queued = 0;
        foreach (var campaign in _sandbox.Campaigns(SandboxProvider.Leadterra, 0, 200))
        {
            var stats = await SandboxClient.OkJsonAsync(await client.LeadterraAsync(campaign.Id));
            Assert.Equal(campaign.Id, stats.GetProperty("campaignId").GetString());
            var sent = stats.GetProperty("sent").GetInt32();
            var delivered = stats.GetProperty("delivered").GetInt32();
            var replied = stats.GetProperty("replied").GetInt32();
            Assert.Equal(sent, delivered + stats.GetProperty("bounced").GetInt32());
            Assert.InRange(replied, 0, stats.GetProperty("totalEnrolled").GetInt32());
            Assert.InRange(stats.GetProperty("openRate").GetDouble(), 0, 1);
            Assert.Equal(delivered == 0 ? 0 : Math.Round((double)replied / delivered, 2, MidpointRounding.AwayFromZero), stats.GetProperty("replyRate").GetDouble(), 9);
            queued += stats.GetProperty("queued").GetInt32();
        }
        Assert.True(queued > 0, "Campaigns still running at the data's end have emails queued.");
    }
}

/// <summary>What must hold for every lemlist statistics object.</summary>
internal static class LemlistInvariants
{
    public static readonly string[] StepCounts = ["invited", "sent", "delivered", "opened", "clicked", "replied", "notDelivered", "bounced", "unsubscribed"];

    public static void Check(JsonElement stats)
    {
        int N(string name) => stats.GetProperty(name).GetInt32();
        var steps = stats.GetProperty("steps").EnumerateArray().ToList();
        int Sum(string name) => steps.Sum(s => s.GetProperty(name).GetInt32());

        Assert.Equal(Sum("sent"), N("messagesSent"));
        Assert.Equal(Sum("notDelivered"), N("messagesNotSent"));
        Assert.Equal(Sum("bounced"), N("messagesBounced"));
        Assert.Equal(Sum("delivered"), N("delivered"));
        Assert.Equal(Sum("opened"), N("opened"));
        Assert.Equal(Sum("clicked"), N("clicked"));
        Assert.Equal(Sum("replied"), N("replied"));
        Assert.Equal(N("messagesSent"), N("delivered") + N("messagesBounced"));
        Assert.True(N("opened") <= N("delivered"));

        Assert.True(N("nbLeadsLaunched") <= N("nbLeads"));
        Assert.True(N("nbLeadsReached") <= N("nbLeadsLaunched"));
        Assert.True(N("nbLeadsOpened") <= N("nbLeadsReached"));
        Assert.True(N("nbLeadsAnswered") <= N("nbLeadsReached"));
        Assert.True(N("nbLeadsAnswered") <= N("nbLeadsInteracted"));
        Assert.True(N("nbLeadsInterested") + N("nbLeadsNotInterested") <= N("nbLeadsAnswered"));
        Assert.True(N("meetingBooked") <= N("nbLeadsInterested"));
        Assert.True(N("nbLeadsUnsubscribed") <= N("nbLeadsReached"));
        Assert.True(N("nbLeadsInterrupted") <= N("nbLeadsLaunched"));
        // One reply per lead: the sequence stops there.
        Assert.Equal(N("replied"), N("nbLeadsAnswered"));

        var indexes = steps.Select(s => s.GetProperty("index").GetInt32()).ToList();
        Assert.Equal(indexes.OrderBy(i => i), indexes);
        foreach (var step in steps)
        {
            int S(string name) => step.GetProperty(name).GetInt32();
            Assert.All(StepCounts, name => Assert.True(S(name) >= 0));
            Assert.Equal(S("sent"), S("delivered") + S("bounced"));
            Assert.True(S("opened") <= S("delivered"));
            Assert.True(S("clicked") <= S("opened") || step.GetProperty("taskType").GetString() != "email");
            Assert.True(S("replied") <= S("delivered"));
            var type = step.GetProperty("taskType").GetString();
            Assert.Equal(type == "conditional", step.TryGetProperty("conditionLabel", out _));
            if (type != "linkedinInvite") Assert.Equal(0, S("invited"));
            Assert.Matches("^seq_[A-Za-z0-9]{17}$", step.GetProperty("sequenceId").GetString());
        }
    }
}
