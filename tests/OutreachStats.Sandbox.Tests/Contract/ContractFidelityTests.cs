using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Xunit;
using OutreachStats.Testing;

namespace OutreachStats.Sandbox.Tests.Contract;

/// <summary>
/// Fidelity: the sandbox's answers, valid requests and documented errors alike, pass the project's
/// OpenAPI contracts as Prism (proxy mode, --errors) checks them. A control shows Prism is strict.
/// </summary>
[Collection(PrismProxyCollection.Name)]
public sealed class ContractFidelityTests
{
    private const string Window = "startDate=2024-01-07T22%3A00%3A00.000Z&endDate=2026-07-10T21%3A59%3A59.999Z";

    private readonly PrismProxies _prism;

    public ContractFidelityTests(PrismProxies prism) => _prism = prism;

    [Fact]
    public async Task Lemlist_answers_pass_the_lemlist_contract()
    {
        var ids = _prism.Sandbox.Campaigns(SandboxProvider.Lemlist, 0, 6);
        var key = SandboxKeys.Valid(SandboxProvider.Lemlist);
        var channels = Uri.EscapeDataString("[\"email\",\"linkedin\"]");
        foreach (var campaign in ids)
        {
            await AssertCleanAsync(SandboxProvider.Lemlist, Get($"v2/campaigns/{campaign.Id}/stats?{Window}", basic: key), 200);
            await AssertCleanAsync(SandboxProvider.Lemlist, Get(
                $"v2/campaigns/{campaign.Id}/stats?{Window}&ABSelected=A&channels={channels}&sendUser={Uri.EscapeDataString(campaign.SendUsers![0])}", basic: key), 200);
        }
        var batch = JsonSerializer.Serialize(new
        {
            campaignIds = ids.Select(c => c.Id).Append("cam_doesNotExist0000"),
            startDate = "2024-01-07T22:00:00.000Z",
            endDate = "2026-07-10T21:59:59.999Z",
            channels = new[] { "email", "others" },
            ABSelected = "B",
        });
        await AssertCleanAsync(SandboxProvider.Lemlist, Post("v2/campaigns/stats/batch", batch, key), 200);

        // The documented errors a valid request can meet.
        await AssertCleanAsync(SandboxProvider.Lemlist, Get($"v2/campaigns/{ids[2].Id}/stats?{Window}", basic: "wrong-key"), 401);
        await AssertCleanAsync(SandboxProvider.Lemlist, Get($"v2/campaigns/cam_doesNotExist0000/stats?{Window}", basic: key), 404);
        await AssertCleanAsync(SandboxProvider.Lemlist, Get(
            $"v2/campaigns/{ids[2].Id}/stats?{Window}&sendUser={Uri.EscapeDataString("usr_OcIHizJyIeaDxicQP|email@example.com")}", basic: key), 400);
        await AssertCleanAsync(SandboxProvider.Lemlist, Post("v2/campaigns/stats/batch", batch, "wrong-key"), 401);
    }

    [Fact]
    public async Task Smartlead_answers_of_both_shapes_pass_the_smartlead_contract()
    {
        var campaigns = _prism.Sandbox.Campaigns(SandboxProvider.Smartlead, 0, 40);
        var key = "api_key=" + SandboxKeys.Valid(SandboxProvider.Smartlead);
        foreach (var campaign in campaigns.Where(c => c.Shape == SmartleadShape.Aggregate).Take(3).Concat(campaigns.Where(c => c.Shape == SmartleadShape.PerSend).Take(3)))
        {
            var path = $"api/v1/campaigns/{campaign.Id}/statistics?{key}";
            await AssertCleanAsync(SandboxProvider.Smartlead, Get(path + "&offset=0&limit=20"), 200);
            await AssertCleanAsync(SandboxProvider.Smartlead, Get(path + "&limit=5&email_status=replied"), 200);
            await AssertCleanAsync(SandboxProvider.Smartlead, Get(path + "&limit=5&email_sequence_number=2&email_status=opened"), 200);
            await AssertCleanAsync(SandboxProvider.Smartlead, Get(path + "&limit=5&sent_time_start_date=2025-01-01%2000%3A00%3A00.000Z&sent_time_end_date=2025-06-30%2000%3A00%3A00.000Z"), 200);
        }
        await AssertCleanAsync(SandboxProvider.Smartlead, Get("api/v1/campaigns/123/statistics?api_key=wrong"), 401);
        await AssertCleanAsync(SandboxProvider.Smartlead, Get($"api/v1/campaigns/999999999/statistics?{key}"), 404);
    }

    [Fact]
    public async Task Leadlex_answers_pass_the_leadlex_contract()
    {
        foreach (var campaign in _prism.Sandbox.Campaigns(SandboxProvider.Leadlex, 0, 40).Where((c, i) => i < 4 || c.Id.StartsWith("cmp_", StringComparison.Ordinal)))
        {
            await AssertCleanAsync(SandboxProvider.Leadlex, Get($"v1/campaigns/{campaign.Id}/stats", bearer: SandboxKeys.Valid(SandboxProvider.Leadlex)), 200);
        }
        await AssertCleanAsync(SandboxProvider.Leadlex, Get("v1/campaigns/cmp_abc123/stats", bearer: "wrong"), 401);
        await AssertCleanAsync(SandboxProvider.Leadlex, Get("v1/campaigns/cmp_abc123/stats", bearer: SandboxKeys.LeadlexWithoutCampaignsRead), 403);
        await AssertCleanAsync(SandboxProvider.Leadlex, Get("v1/campaigns/cmp_nope/stats", bearer: SandboxKeys.Valid(SandboxProvider.Leadlex)), 404);
        await AssertCleanAsync(SandboxProvider.Leadlex, Get("v1/campaigns/cmp_abc123/stats", bearer: SandboxKeys.Throttled(SandboxProvider.Leadlex)), 429);
    }

    [Fact]
    public async Task Leadterra_answers_pass_the_leadterra_contract()
    {
        var key = SandboxKeys.Valid(SandboxProvider.Leadterra);
        foreach (var campaign in _prism.Sandbox.Campaigns(SandboxProvider.Leadterra, 0, 6))
        {
            await AssertCleanAsync(SandboxProvider.Leadterra, Get($"v1/campaigns/{campaign.Id}/stats", bearer: key), 200);
        }
        await AssertCleanAsync(SandboxProvider.Leadterra, Get("v1/campaigns/camp_123/stats", bearer: "wrong"), 401);
        await AssertCleanAsync(SandboxProvider.Leadterra, Get("v1/campaigns/camp_nope/stats", bearer: key), 404);
        // Prism lets an undeclared query parameter through; Leadterra refuses it.
        await AssertCleanAsync(SandboxProvider.Leadterra, Get("v1/campaigns/camp_123/stats?include=steps", bearer: key), 400);
    }

    /// <summary>The control: a wrong field type from the sandbox is caught, so a clean answer means something.</summary>
    [Fact]
    public async Task Prism_reports_an_answer_that_breaks_the_contract()
    {
        foreach (var (provider, request) in new (SandboxProvider, Func<HttpRequestMessage>)[]
        {
            (SandboxProvider.Lemlist, () => Get($"v2/campaigns/cam_123/stats?{Window}", basic: SandboxKeys.Valid(SandboxProvider.Lemlist))),
            (SandboxProvider.Smartlead, () => Get($"api/v1/campaigns/12345/statistics?api_key={SandboxKeys.Valid(SandboxProvider.Smartlead)}&limit=2")),
            (SandboxProvider.Leadlex, () => Get("v1/campaigns/cmp_abc123/stats", bearer: SandboxKeys.Valid(SandboxProvider.Leadlex))),
            (SandboxProvider.Leadterra, () => Get("v1/campaigns/camp_123/stats", bearer: SandboxKeys.Valid(SandboxProvider.Leadterra))),
        })
        {
            _prism.Sandbox.Faults.Add(new FaultRule { Provider = provider, Kind = FaultKind.WrongTypes, Count = 1 });
            using var http = new HttpClient();
            using var message = request();
            message.RequestUri = new Uri(_prism.ProxyUri(provider), message.RequestUri!.OriginalString);
            using var response = await http.SendAsync(message);
            Assert.True(response.Headers.Contains("sl-violations"), $"{provider}: Prism found nothing wrong with numbers sent as strings.");
            Assert.Contains("\"type\"", string.Join(",", response.Headers.GetValues("sl-violations")));
        }
    }

    private async Task AssertCleanAsync(SandboxProvider provider, HttpRequestMessage request, int status)
    {
        request.RequestUri = new Uri(_prism.ProxyUri(provider), request.RequestUri!.OriginalString);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        using var response = await http.SendAsync(request);
        var violations = response.Headers.TryGetValues("sl-violations", out var values) ? string.Join(",", values) : null;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(violations is null, $"{request.Method} {request.RequestUri} -> {(int)response.StatusCode}: {violations}");
        Assert.True(status == (int)response.StatusCode,
            $"{request.Method} {request.RequestUri}: expected {status}, got {(int)response.StatusCode}: {body[..Math.Min(body.Length, 400)]}");
        request.Dispose();
    }

    private static HttpRequestMessage Get(string relative, string? basic = null, string? bearer = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(relative, UriKind.Relative));
        if (basic is not null) request.Headers.Authorization = SandboxClient.Basic(basic);
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return request;
    }

    private static HttpRequestMessage Post(string relative, string json, string key) => new(HttpMethod.Post, new Uri(relative, UriKind.Relative))
    {
        Content = new StringContent(json, Encoding.UTF8, "application/json"),
        Headers = { Authorization = SandboxClient.Basic(key) },
    };
}
