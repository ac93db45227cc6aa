using System.Net;
using OutreachStats.Http;
using OutreachStats.Providers.Leadlex;
using OutreachStats.Providers.Leadterra;
using Xunit;

namespace OutreachStats.Tests.Contract;

/// <summary>Requests of the real Leadlex client, validated by Prism against tests/contracts/leadlex.openapi.yaml.</summary>
[Collection(LeadlexPrismCollection.Name)]
public sealed class LeadlexClientContractTests
{
    private readonly LeadlexPrism _prism;

    public LeadlexClientContractTests(LeadlexPrism prism) => _prism = prism;

    [Theory]
    [InlineData("cmp_abc123")]
    [InlineData("3f2b8c1e-9a4d-4e7b-8c2a-1d5e6f7a8b9c")]
    public async Task A_campaign_of_either_id_form_is_a_valid_request_and_the_example_is_parsed(string id)
    {
        using var leadlex = new ProviderContractHarness<LeadlexClient>(_prism, LeadlexProvider.Definition.CreateTransport, (uri, t) => new LeadlexClient(uri, t));

        var stats = await leadlex.ExpectSuccessAsync(c => c.GetCampaignStatsAsync(id, null, CancellationToken.None));

        var exchange = leadlex.Recorder.AssertSingleCleanExchange();
        Assert.Equal(HttpMethod.Get, exchange.Method);
        Assert.Equal($"/v1/campaigns/{id}/stats", exchange.RequestUri.AbsolutePath);
        Assert.Equal(string.Empty, exchange.RequestUri.Query);
        Assert.Equal("Bearer", exchange.AuthScheme);
        Assert.Equal(leadlex.KeyText, exchange.AuthParameter);
        Assert.Equal(id, stats.CampaignId);
        Assert.Equal((1247, 612, 143, 89, 12, 4), (stats.Sent, stats.Opened, stats.Clicked, stats.Replied, stats.Bounced, stats.Unsubscribed));
        Assert.Equal((0.491, 0.115, 0.071), (stats.OpenRateRounded, stats.ClickRateRounded, stats.ReplyRateRounded));
    }

    [Fact]
    public async Task A_request_without_the_bearer_key_is_rejected_by_the_contract()
    {
        var recorder = new RecordingHandler();
        using var client = new HttpClient(recorder);

        using var response = await client.GetAsync(new Uri(_prism.BaseUri, "v1/campaigns/cmp_abc123/stats"));

        var exchange = Assert.Single(recorder.Exchanges);
        Assert.Equal(HttpStatusCode.Unauthorized, exchange.Status);
        Assert.NotNull(exchange.Violations);
    }
}

/// <summary>Requests of the real Leadterra client, validated by Prism against tests/contracts/leadterra.openapi.yaml.</summary>
[Collection(LeadterraPrismCollection.Name)]
public sealed class LeadterraClientContractTests
{
    private readonly LeadterraPrism _prism;

    public LeadterraClientContractTests(LeadterraPrism prism) => _prism = prism;

    private ProviderContractHarness<LeadterraClient> Harness() => new(_prism, LeadterraProvider.Definition.CreateTransport, (uri, t) => new LeadterraClient(uri, t));

    [Fact]
    public async Task The_documented_campaign_is_a_valid_request_and_the_example_is_parsed()
    {
        using var leadterra = Harness();

        var stats = await leadterra.ExpectSuccessAsync(c => c.GetCampaignStatsAsync("camp_123", null, CancellationToken.None));

        var exchange = leadterra.Recorder.AssertSingleCleanExchange();
        Assert.Equal(HttpMethod.Get, exchange.Method);
        Assert.Equal("/v1/campaigns/camp_123/stats", exchange.RequestUri.AbsolutePath);
        Assert.Equal("Bearer", exchange.AuthScheme);
        Assert.Equal(leadterra.KeyText, exchange.AuthParameter);
        Assert.Null(exchange.Body);
        Assert.Equal("camp_123", stats.CampaignId);
        Assert.Equal((500, 480, 471, 9, 38, 20), (stats.TotalEnrolled, stats.Sent, stats.Delivered, stats.Bounced, stats.Replied, stats.Queued));
        Assert.Equal((0.42, 0.08), (stats.OpenRateOfDelivered, stats.ReplyRateOfDelivered));
    }

    [Fact]
    public async Task Another_campaign_is_a_valid_request_whose_example_answer_is_refused_as_another_campaigns()
    {
        using var leadterra = Harness();

        var error = await Assert.ThrowsAsync<OutreachApiException>(() => leadterra.Client.GetCampaignStatsAsync("camp_456", null, CancellationToken.None));

        var exchange = Assert.Single(leadterra.Recorder.Exchanges);
        Assert.True(exchange.Violations is null && exchange.Status == HttpStatusCode.OK, exchange.ToString());
        Assert.Equal(OutreachErrorKind.InvalidResponse, error.Kind);
    }
}
