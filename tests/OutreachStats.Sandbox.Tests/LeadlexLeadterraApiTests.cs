using System.Net;
using System.Text.Json;
using Xunit;
using OutreachStats.Testing;

namespace OutreachStats.Sandbox.Tests;

/// <summary>Leadlex and Leadterra: Bearer keys and every documented error code, as JSON.</summary>
public sealed class LeadlexLeadterraApiTests : IClassFixture<SandboxFixture>
{
    private readonly SandboxServer _sandbox;

    public LeadlexLeadterraApiTests(SandboxFixture fixture) => _sandbox = fixture.Server;

    [Fact]
    public async Task Leadlex_answers_its_documented_errors()
    {
        using var client = new SandboxClient(_sandbox);
        await AssertErrorAsync(await client.LeadlexAsync("cmp_abc123", "wrong"), 401, "invalid_key");
        await AssertErrorAsync(await client.LeadlexAsync("cmp_abc123", SandboxKeys.Revoked(SandboxProvider.Leadlex)), 401, "invalid_key");
        await AssertErrorAsync(await client.LeadlexAsync("cmp_abc123", SandboxKeys.LeadlexWithoutCampaignsRead), 403, "insufficient_permissions");
        await AssertErrorAsync(await client.LeadlexAsync("cmp_nope"), 404, "campaign_not_found");
        await AssertErrorAsync(await client.LeadlexAsync("7d06f7cb-0000-4dae-9c98-9e58d8a3f2b2"), 404, "campaign_not_found");
        await AssertErrorAsync(await client.LeadlexAsync("cmp_abc123", SandboxKeys.Throttled(SandboxProvider.Leadlex)), 429, "rate_limited");
        using var http = new HttpClient();
        await AssertErrorAsync(await http.GetAsync(_sandbox.BaseUri(SandboxProvider.Leadlex) + "/v1/campaigns/cmp_abc123/stats"), 401, "invalid_key");
    }

    [Fact]
    public async Task Leadlex_serves_UUIDs_in_any_case_and_cmp_IDs()
    {
        using var client = new SandboxClient(_sandbox);
        var ids = _sandbox.Campaigns(SandboxProvider.Leadlex, 0, 100).Select(c => c.Id).ToList();
        var uuid = ids.First(id => Guid.TryParse(id, out _));
        var lower = await SandboxClient.OkJsonAsync(await client.LeadlexAsync(uuid));
        var upper = await SandboxClient.OkJsonAsync(await client.LeadlexAsync(uuid.ToUpperInvariant()));
        Assert.Equal(lower.ToString(), upper.ToString());
        foreach (var id in ids.Where(id => id.StartsWith("cmp_", StringComparison.Ordinal)).Take(3))
        {
            Assert.Equal(JsonValueKind.Object, (await SandboxClient.OkJsonAsync(await client.LeadlexAsync(id))).GetProperty("data").GetProperty("stats").ValueKind);
        }
    }

    [Fact]
    public async Task Leadterra_answers_its_documented_errors()
    {
        using var client = new SandboxClient(_sandbox);
        await AssertErrorAsync(await client.LeadterraAsync("camp_123", "wrong"), 401, "authentication_failed");
        await AssertErrorAsync(await client.LeadterraAsync("camp_123", SandboxKeys.Revoked(SandboxProvider.Leadterra)), 401, "authentication_failed");
        await AssertErrorAsync(await client.LeadterraAsync("camp_nope"), 404, "campaign_not_found");
        await AssertErrorAsync(await client.LeadterraAsync("camp_123", query: "include=steps"), 400, "invalid_request");
        using var http = new HttpClient();
        using var malformed = new HttpRequestMessage(HttpMethod.Get, _sandbox.BaseUri(SandboxProvider.Leadterra) + "/v1/campaigns/camp_123/stats");
        malformed.Headers.TryAddWithoutValidation("Authorization", "Token " + SandboxKeys.Valid(SandboxProvider.Leadterra));
        await AssertErrorAsync(await http.SendAsync(malformed), 401, "authentication_failed");
    }

    [Fact]
    public async Task Leadterra_echoes_the_campaign_and_counts_leads_and_emails_apart()
    {
        using var client = new SandboxClient(_sandbox);
        var stats = await SandboxClient.OkJsonAsync(await client.LeadterraAsync("camp_123"));
        Assert.Equal("camp_123", stats.GetProperty("campaignId").GetString());
        string[] integers = ["totalEnrolled", "sent", "delivered", "bounced", "replied", "queued"];
        Assert.All(integers, name => Assert.True(stats.GetProperty(name).TryGetInt32(out _)));
        Assert.All(new[] { "openRate", "replyRate" }, name => Assert.InRange(stats.GetProperty(name).GetDouble(), 0, 1));
    }

    private static async Task AssertErrorAsync(HttpResponseMessage response, int status, string code)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var error = (await SandboxClient.JsonAsync(response)).GetProperty("error");
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
    }
}
