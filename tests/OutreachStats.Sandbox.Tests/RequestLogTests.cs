using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using OutreachStats.Testing;
using Xunit;

namespace OutreachStats.Sandbox.Tests;

/// <summary>The log of the requests received: each as it arrived, whatever the answer, for every path but the control ones.</summary>
public sealed class RequestLogTests
{
    [Fact]
    public async Task Each_provider_request_is_kept_as_it_arrived_with_its_key_and_campaigns()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        await using var sandbox = await SandboxServer.StartAsync(SandboxFixture.Unlimited with { TimeProvider = clock });
        using var client = new SandboxClient(sandbox);
        var ids = sandbox.Campaigns(SandboxProvider.Lemlist, 0, 2).Select(c => c.Id).ToArray();

        await client.LemlistStatsAsync(ids[0], "startDate=2025-01-01T00:00:00.000Z&endDate=2025-02-01T00:00:00.000Z&channels=%5B%22email%22%5D");
        clock.Advance(TimeSpan.FromSeconds(3));
        await client.LemlistBatchAsync(ids);
        await client.SmartleadAsync("123", "offset=0&limit=10");
        await client.LeadterraAsync("camp_123", key: "wrong");

        var requests = sandbox.Requests.Snapshot();
        Assert.Equal(4, requests.Count);
        var single = requests[0];
        Assert.Equal((SandboxProvider?)SandboxProvider.Lemlist, single.Provider);
        Assert.Equal("/v2/campaigns/{campaignId}/stats", single.Endpoint);
        Assert.Equal("GET", single.Method);
        Assert.Equal($"/lemlist/api/v2/campaigns/{ids[0]}/stats", single.Path);
        Assert.Equal("""["email"]""", single.Query["channels"]);
        Assert.Equal("2025-01-01T00:00:00.000Z", single.Query["startDate"]);
        Assert.Equal(SandboxClient.Basic(SandboxClient.LemlistKey).ToString(), single.Authorization);
        Assert.Equal(SandboxClient.LemlistKey, single.Key);
        Assert.Null(single.Body);
        Assert.Equal([ids[0]], single.CampaignIds);
        Assert.Equal(clock.Start, single.ArrivedAt);

        var batch = requests[1];
        Assert.Equal("POST", batch.Method);
        Assert.Equal("/v2/campaigns/stats/batch", batch.Endpoint);
        Assert.Equal(ids, batch.CampaignIds);
        Assert.Contains("\"campaignIds\"", batch.Body);
        Assert.Equal(clock.Start.AddSeconds(3), batch.ArrivedAt);

        Assert.Equal(SandboxKeys.Valid(SandboxProvider.Smartlead), requests[2].Key);
        Assert.Equal("10", requests[2].Query["limit"]);
        Assert.Null(requests[2].Authorization);
        // A rejected key is kept as it came.
        Assert.Equal("wrong", requests[3].Key);
        Assert.Equal("Bearer wrong", requests[3].Authorization);
    }

    [Fact]
    public async Task A_request_is_kept_on_arrival_before_a_delay_answers_it()
    {
        await using var sandbox = await SandboxServer.StartAsync(SandboxFixture.Unlimited);
        using var client = new SandboxClient(sandbox);
        sandbox.Faults.Add(new FaultRule { Provider = SandboxProvider.Leadlex, Kind = FaultKind.Delay, DelayMilliseconds = 60_000 });
        using var cancel = new CancellationTokenSource();

        var pending = client.LeadlexAsync("cmp_abc123").WaitAsync(cancel.Token);
        while (sandbox.Requests.Count == 0) await Task.Delay(10);

        Assert.False(pending.IsCompleted);
        Assert.Equal(["cmp_abc123"], Assert.Single(sandbox.Requests.Snapshot()).CampaignIds);
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
    }

    [Fact]
    public async Task A_path_no_provider_serves_is_kept_and_answered_with_a_404_page_but_control_paths_are_not_kept()
    {
        await using var sandbox = await SandboxServer.StartAsync(SandboxFixture.Unlimited);
        using var http = new HttpClient();

        var underLeadterra = await http.GetAsync(new Uri(sandbox.RootUri, "leadterra/wrong/v1/campaigns/camp_123/stats"));
        var nowhere = await http.PostAsync(new Uri(sandbox.RootUri, "v2/team/.."), new StringContent("{}", Encoding.UTF8, "application/json"));
        var dotted = await http.GetAsync(new Uri(sandbox.RootUri, "lemlist/api/v2/campaigns/cam.123"));
        await http.GetAsync(new Uri(sandbox.RootUri, "_sandbox/counters"));
        await http.GetAsync(new Uri(sandbox.RootUri, "_sandbox/nothing-here"));

        foreach (var answer in new[] { underLeadterra, nowhere, dotted })
        {
            Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
            Assert.Equal("text/html", answer.Content.Headers.ContentType?.MediaType);
            Assert.Contains("<h1>404 Not Found</h1>", await answer.Content.ReadAsStringAsync());
        }
        var requests = sandbox.Requests.Snapshot();
        Assert.Equal(3, requests.Count);
        Assert.Equal((SandboxProvider?)SandboxProvider.Leadterra, requests[0].Provider);
        Assert.All(requests, r => Assert.Null(r.Endpoint));
        Assert.All(requests, r => Assert.Empty(r.CampaignIds));
        Assert.Null(requests[1].Provider);
        Assert.Equal("POST", requests[1].Method);
        Assert.Equal("{}", requests[1].Body);
        Assert.Equal((SandboxProvider?)SandboxProvider.Lemlist, requests[2].Provider);
        Assert.Equal(0, sandbox.Counters.Snapshot()[SandboxProvider.Leadterra].Requests);
    }

    [Fact]
    public void The_log_keeps_the_latest_requests_up_to_its_capacity_and_can_be_cleared()
    {
        var log = new SandboxRequests(capacity: 3);
        var start = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 5; i++)
        {
            log.Record(new SandboxRequest(SandboxProvider.Leadterra, "/v1/campaigns/{id}/stats", "GET", $"/leadterra/v1/campaigns/camp_{i}/stats",
                new Dictionary<string, string>(), null, null, null, [$"camp_{i}"], start.AddSeconds(i)));
        }

        Assert.Equal(3, log.Count);
        Assert.Equal(["camp_2", "camp_3", "camp_4"], log.Snapshot().Select(r => r.CampaignIds.Single()));
        log.Clear();
        Assert.Empty(log.Snapshot());
    }
}
