using System.Text.Json;
using Xunit;
using OutreachStats.Testing;

namespace OutreachStats.Sandbox.Tests;

/// <summary>Filters change the numbers the way a user expects: narrower or more specific asks give fewer.</summary>
public sealed class FilterTests : IClassFixture<SandboxFixture>
{
    private static readonly string[] CampaignCounts =
    [
        "nbLeads", "nbLeadsLaunched", "nbLeadsReached", "nbLeadsOpened", "nbLeadsInteracted", "nbLeadsAnswered",
        "nbLeadsInterested", "nbLeadsNotInterested", "nbLeadsUnsubscribed", "nbLeadsInterrupted", "messagesSent",
        "messagesNotSent", "messagesBounced", "delivered", "opened", "clicked", "replied", "invitationAccepted", "meetingBooked",
    ];

    private static readonly string[] MessageCounts = ["messagesSent", "messagesNotSent", "messagesBounced", "delivered", "opened", "clicked", "replied"];

    private readonly SandboxServer _sandbox;

    public FilterTests(SandboxFixture fixture) => _sandbox = fixture.Server;

    [Fact]
    public async Task A_narrower_date_window_never_gives_more_and_windows_split_the_messages()
    {
        using var client = new SandboxClient(_sandbox);
        var someNarrowerWindowDiffers = false;
        foreach (var campaign in _sandbox.Campaigns(SandboxProvider.Lemlist, 2, 40))
        {
            var all = await StatsAsync(client, campaign.Id, SandboxClient.AllTime);
            var year2025 = await StatsAsync(client, campaign.Id, Window("2025-01-01T00:00:00.000Z", "2025-12-31T23:59:59.999Z"));
            var half2025 = await StatsAsync(client, campaign.Id, Window("2025-01-01T00:00:00.000Z", "2025-06-30T23:59:59.999Z"));
            var rest2025 = await StatsAsync(client, campaign.Id, Window("2025-07-01T00:00:00.000Z", "2025-12-31T23:59:59.999Z"));
            AssertAtMost(year2025, all, CampaignCounts);
            AssertAtMost(half2025, year2025, CampaignCounts);
            LemlistInvariants.Check(year2025);
            // Message counts are filed by send time: two halves add up to the whole.
            foreach (var name in MessageCounts) Assert.Equal(year2025.GetProperty(name).GetInt32(), half2025.GetProperty(name).GetInt32() + rest2025.GetProperty(name).GetInt32());
            someNarrowerWindowDiffers |= year2025.GetProperty("messagesSent").GetInt32() < all.GetProperty("messagesSent").GetInt32();
        }
        Assert.True(someNarrowerWindowDiffers);
    }

    [Fact]
    public async Task Send_users_split_the_campaign_between_them()
    {
        using var client = new SandboxClient(_sandbox);
        var campaign = _sandbox.Campaigns(SandboxProvider.Lemlist, 0, 200).First(c => c.SendUsers!.Count >= 2);
        var all = await StatsAsync(client, campaign.Id, SandboxClient.AllTime);
        var parts = new List<JsonElement>();
        foreach (var sendUser in campaign.SendUsers!)
        {
            var part = await StatsAsync(client, campaign.Id, SandboxClient.AllTime + "&sendUser=" + Uri.EscapeDataString(sendUser));
            AssertAtMost(part, all, CampaignCounts);
            LemlistInvariants.Check(part);
            Assert.True(part.GetProperty("nbLeads").GetInt32() > 0);
            parts.Add(part);
        }
        foreach (var name in CampaignCounts) Assert.Equal(all.GetProperty(name).GetInt32(), parts.Sum(p => p.GetProperty(name).GetInt32()));

        // A send user of the team who does not send for this campaign: nothing.
        var stranger = _sandbox.Campaigns(SandboxProvider.Lemlist, 0, 200).SelectMany(c => c.SendUsers!).First(s => !campaign.SendUsers!.Contains(s));
        var none = await StatsAsync(client, campaign.Id, SandboxClient.AllTime + "&sendUser=" + Uri.EscapeDataString(stranger));
        Assert.All(CampaignCounts, name => Assert.Equal(0, none.GetProperty(name).GetInt32()));
    }

    [Fact]
    public async Task ABSelected_keeps_the_chosen_variant_and_the_common_steps()
    {
        using var client = new SandboxClient(_sandbox);
        var (id, all) = await FirstAsync(client, stats => stats.GetProperty("steps").EnumerateArray().Any(s => s.TryGetProperty("abTest", out _)));
        var a = await StatsAsync(client, id, SandboxClient.AllTime + "&ABSelected=A");
        var b = await StatsAsync(client, id, SandboxClient.AllTime + "&ABSelected=B");
        Assert.All(a.GetProperty("steps").EnumerateArray(), s => Assert.NotEqual("B", s.TryGetProperty("abTest", out var v) ? v.GetString() : null));
        Assert.All(b.GetProperty("steps").EnumerateArray(), s => Assert.NotEqual("A", s.TryGetProperty("abTest", out var v) ? v.GetString() : null));
        AssertAtMost(a, all, CampaignCounts);
        AssertAtMost(b, all, CampaignCounts);
        var common = all.GetProperty("steps").EnumerateArray().Where(s => !s.TryGetProperty("abTest", out _)).Sum(s => s.GetProperty("sent").GetInt32());
        Assert.Equal(all.GetProperty("messagesSent").GetInt32() + common, a.GetProperty("messagesSent").GetInt32() + b.GetProperty("messagesSent").GetInt32());
    }

    [Fact]
    public async Task Channels_keep_their_steps_and_split_the_messages()
    {
        using var client = new SandboxClient(_sandbox);
        var (id, all) = await FirstAsync(client, stats => stats.GetProperty("steps").EnumerateArray().Any(s => s.GetProperty("taskType").GetString()!.StartsWith("linkedin", StringComparison.Ordinal)));
        var email = await StatsAsync(client, id, SandboxClient.AllTime + "&channels=" + Uri.EscapeDataString("[\"email\"]"));
        var linkedin = await StatsAsync(client, id, SandboxClient.AllTime + "&channels=" + Uri.EscapeDataString("[\"linkedin\"]"));
        var others = await StatsAsync(client, id, SandboxClient.AllTime + "&channels=" + Uri.EscapeDataString("[\"others\"]"));
        var empty = await StatsAsync(client, id, SandboxClient.AllTime + "&channels=" + Uri.EscapeDataString("[]"));
        Assert.All(email.GetProperty("steps").EnumerateArray(), s => Assert.Equal("email", s.GetProperty("taskType").GetString()));
        Assert.All(linkedin.GetProperty("steps").EnumerateArray(), s => Assert.StartsWith("linkedin", s.GetProperty("taskType").GetString()));
        Assert.True(linkedin.GetProperty("invitationAccepted").GetInt32() > 0);
        Assert.Equal(0, email.GetProperty("invitationAccepted").GetInt32());
        foreach (var name in MessageCounts)
        {
            Assert.Equal(all.GetProperty(name).GetInt32(), email.GetProperty(name).GetInt32() + linkedin.GetProperty(name).GetInt32() + others.GetProperty(name).GetInt32());
        }
        Assert.Equal(all.ToString(), empty.ToString());
    }

    [Fact]
    public async Task The_batch_applies_the_same_filters_as_the_single_request()
    {
        using var client = new SandboxClient(_sandbox);
        var campaign = _sandbox.Campaigns(SandboxProvider.Lemlist, 2, 1)[0];
        var query = Window("2025-03-01T00:00:00.000Z", "2026-03-01T00:00:00.000Z") + "&ABSelected=B&channels=" + Uri.EscapeDataString("[\"email\",\"others\"]")
            + "&sendUser=" + Uri.EscapeDataString(campaign.SendUsers![0]);
        var single = await StatsAsync(client, campaign.Id, query);
        var body = await SandboxClient.OkJsonAsync(await client.LemlistBatchAsync(JsonSerializer.Serialize(new
        {
            campaignIds = new[] { campaign.Id },
            startDate = "2025-03-01T00:00:00.000Z",
            endDate = "2026-03-01T00:00:00.000Z",
            ABSelected = "B",
            channels = new[] { "email", "others" },
            sendUser = campaign.SendUsers[0],
        })));
        var batched = body.GetProperty("results")[0];
        Assert.Equal(campaign.Id, batched.GetProperty("campaignId").GetString());
        Assert.Equal(single.ToString(), JsonSerializer.Serialize(batched.EnumerateObject().Where(p => p.Name != "campaignId").ToDictionary(p => p.Name, p => p.Value)));
    }

    [Fact]
    public async Task Smartlead_filters_select_the_matching_sends()
    {
        await using var sandbox = await SandboxServer.StartAsync(SandboxFixture.Unlimited with { SmartleadShape = SmartleadShape.PerSend });
        using var client = new SandboxClient(sandbox);
        var id = (await SmartleadApiTests.CampaignsWithAsync(sandbox, client, total => total is >= 400 and <= 1500, 1))[0];
        var all = await RowsAsync(client, id, "");

        var second = await RowsAsync(client, id, "email_sequence_number=2");
        Assert.Equal(all.Count(r => r.GetProperty("sequence_number").GetInt32() == 2), second.Count);

        foreach (var (status, keep) in new (string, Func<JsonElement, bool>)[]
        {
            ("opened", r => r.GetProperty("open_time").ValueKind != JsonValueKind.Null),
            ("clicked", r => r.GetProperty("click_time").ValueKind != JsonValueKind.Null),
            ("replied", r => r.GetProperty("reply_time").ValueKind != JsonValueKind.Null),
            ("unsubscribed", r => r.GetProperty("is_unsubscribed").GetBoolean()),
            ("bounced", r => r.GetProperty("is_bounced").GetBoolean()),
        })
        {
            var rows = await RowsAsync(client, id, "email_status=" + status);
            Assert.Equal(all.Where(keep).Select(StatsId), rows.Select(StatsId));
        }

        var times = all.Select(r => r.GetProperty("sent_time").GetDateTimeOffset()).OrderBy(t => t).ToList();
        var (from, to) = (times[times.Count / 4], times[times.Count / 2]);
        var window = await RowsAsync(client, id, $"sent_time_start_date={Uri.EscapeDataString(from.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff'Z'"))}"
            + $"&sent_time_end_date={Uri.EscapeDataString(to.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff'Z'"))}");
        Assert.Equal(times.Count(t => t > from && t < to), window.Count);
        Assert.InRange(window.Count, 1, all.Count - 1);
    }

    private static string Window(string from, string to) => $"startDate={Uri.EscapeDataString(from)}&endDate={Uri.EscapeDataString(to)}";

    private static string StatsId(JsonElement row) => row.GetProperty("stats_id").GetString()!;

    private static async Task<JsonElement> StatsAsync(SandboxClient client, string id, string query) =>
        await SandboxClient.OkJsonAsync(await client.LemlistStatsAsync(id, query));

    private async Task<(string Id, JsonElement Stats)> FirstAsync(SandboxClient client, Func<JsonElement, bool> wanted)
    {
        foreach (var campaign in _sandbox.Campaigns(SandboxProvider.Lemlist, 0, 200))
        {
            var stats = await StatsAsync(client, campaign.Id, SandboxClient.AllTime);
            if (wanted(stats)) return (campaign.Id, stats);
        }
        throw new Xunit.Sdk.XunitException("No campaign of the first 200 has the wanted steps.");
    }

    /// <summary>Every row of a Smartlead campaign, page by page.</summary>
    internal static async Task<List<JsonElement>> RowsAsync(SandboxClient client, string id, string filter)
    {
        var rows = new List<JsonElement>();
        for (var offset = 0; ; offset += 1000)
        {
            var body = await SandboxClient.OkJsonAsync(await client.SmartleadAsync(id, $"offset={offset}&limit=1000{(filter.Length > 0 ? "&" + filter : "")}"));
            var page = body.GetProperty("data").EnumerateArray().ToList();
            rows.AddRange(page);
            if (page.Count < 1000) return rows;
        }
    }

    private static void AssertAtMost(JsonElement part, JsonElement whole, IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            Assert.True(part.GetProperty(name).GetInt32() <= whole.GetProperty(name).GetInt32(), $"{name}: {part.GetProperty(name)} > {whole.GetProperty(name)}");
        }
    }
}
