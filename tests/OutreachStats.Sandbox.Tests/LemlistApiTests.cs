using System.Net;
using System.Text.Json;
using Xunit;
using OutreachStats.Testing;

namespace OutreachStats.Sandbox.Tests;

/// <summary>lemlist's authentication and every documented error, with its status and text.</summary>
public sealed class LemlistApiTests : IClassFixture<SandboxFixture>
{
    private readonly SandboxServer _sandbox;
    private readonly string _campaign;

    public LemlistApiTests(SandboxFixture fixture)
    {
        _sandbox = fixture.Server;
        _campaign = _sandbox.Campaigns(SandboxProvider.Lemlist, 2, 1)[0].Id;
    }

    [Fact]
    public async Task A_wrong_or_missing_key_gets_401_without_a_body()
    {
        using var client = new SandboxClient(_sandbox);
        foreach (var key in new[] { "not-a-key", SandboxKeys.Revoked(SandboxProvider.Lemlist), "" })
        {
            var response = await client.LemlistStatsAsync(_campaign, key: key);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Empty(await response.Content.ReadAsByteArrayAsync());
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.LemlistBatchAsync([_campaign], key: key)).StatusCode);
        }
        using var http = new HttpClient();
        var anonymous = await http.GetAsync(_sandbox.BaseUri(SandboxProvider.Lemlist) + "/v2/campaigns/" + _campaign + "/stats?" + SandboxClient.AllTime);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task The_key_is_the_Basic_password_and_the_login_is_ignored()
    {
        using var client = new SandboxClient(_sandbox);
        Assert.Equal(HttpStatusCode.OK, (await client.LemlistStatsAsync(_campaign)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.LemlistStatsAsync(_campaign, key: SandboxKeys.Valid(SandboxProvider.Lemlist) + "-my-test")).StatusCode);
        var badTeam = await client.LemlistStatsAsync(_campaign, key: SandboxKeys.LemlistWithoutTeam);
        Assert.Equal(HttpStatusCode.BadRequest, badTeam.StatusCode);
        Assert.Equal("Bad team", await badTeam.Content.ReadAsStringAsync());
    }

    public static TheoryData<string, string> GetErrors => new()
    {
        { "endDate=2025-01-01T00:00:00.000Z", "Bad params: startDate and endDate are required" },
        { "startDate=2025-01-01T00:00:00.000Z", "Bad params: startDate and endDate are required" },
        { "startDate=yesterday&endDate=2025-01-01T00:00:00.000Z", "Bad params: startDate and endDate are required" },
        { SandboxClient.AllTime + "&channels=email", "Bad params: channels must be a valid array" },
        { SandboxClient.AllTime + "&channels=%7B%7D", "Bad params: channels must be a valid array" },
        { SandboxClient.AllTime + "&channels=%5B%22fax%22%5D", "Bad params: channels must be empty or contain \"others\", \"email\" or \"linkedin\"" },
        { SandboxClient.AllTime + "&ABSelected=C", "Bad params: ABSelected must be A or B" },
        { SandboxClient.AllTime + "&ABSelected=a", "Bad params: ABSelected must be A or B" },
        { SandboxClient.AllTime + "&sendUser=someone%40example.com", "Bad param format: sendUser must be formatted as follow: <sendUserId>|<sendUserEmail>" },
        { SandboxClient.AllTime + "&sendUser=usr_abc", "Bad param format: sendUser must be formatted as follow: <sendUserId>|<sendUserEmail>" },
        { SandboxClient.AllTime + "&sendUser=usr_OcIHizJyIeaDxicQP%7Cemail%40example.com", "Bad params: the send user email is not related to the send user id" },
    };

    [Theory]
    [MemberData(nameof(GetErrors))]
    public async Task A_bad_parameter_gets_400_with_lemlists_text(string query, string message)
    {
        using var client = new SandboxClient(_sandbox);
        var response = await client.LemlistStatsAsync(_campaign, query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(message, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_known_send_user_with_another_senders_email_is_not_related()
    {
        using var client = new SandboxClient(_sandbox);
        var senders = _sandbox.Campaigns(SandboxProvider.Lemlist, 0, 100).SelectMany(c => c.SendUsers!).Distinct().ToList();
        var mixed = senders[0].Split('|')[0] + "|" + senders.First(s => s.Split('|')[0] != senders[0].Split('|')[0]).Split('|')[1];
        var response = await client.LemlistStatsAsync(_campaign, SandboxClient.AllTime + "&sendUser=" + Uri.EscapeDataString(mixed));
        Assert.Equal("Bad params: the send user email is not related to the send user id", await response.Content.ReadAsStringAsync());
    }

    public static TheoryData<string, string> BatchErrors => new()
    {
        { "", "Bad params: campaignIds must be a non-empty array" },
        { "not json", "Bad params: campaignIds must be a non-empty array" },
        { """{"startDate":"2025-01-01T00:00:00Z","endDate":"2025-02-01T00:00:00Z"}""", "Bad params: campaignIds must be a non-empty array" },
        { """{"campaignIds":[],"startDate":"2025-01-01T00:00:00Z","endDate":"2025-02-01T00:00:00Z"}""", "Bad params: campaignIds must be a non-empty array" },
        { """{"campaignIds":"cam_123","startDate":"2025-01-01T00:00:00Z","endDate":"2025-02-01T00:00:00Z"}""", "Bad params: campaignIds must be a non-empty array" },
        { """{"campaignIds":["cam_123"],"endDate":"2025-02-01T00:00:00Z"}""", "Bad params: startDate and endDate are required" },
        { """{"campaignIds":["cam_123"],"startDate":"2025-01-01T00:00:00Z","endDate":"2025-02-01T00:00:00Z","channels":"email"}""", "Bad params: channels must be an array of \"others\", \"email\" or \"linkedin\"" },
        { """{"campaignIds":["cam_123"],"startDate":"2025-01-01T00:00:00Z","endDate":"2025-02-01T00:00:00Z","channels":["fax"]}""", "Bad params: channels must be an array of \"others\", \"email\" or \"linkedin\"" },
        { """{"campaignIds":["cam_123"],"startDate":"2025-01-01T00:00:00Z","endDate":"2025-02-01T00:00:00Z","ABSelected":"C"}""", "Bad params: ABSelected must be A or B" },
        { """{"campaignIds":["cam_123"],"startDate":"2025-01-01T00:00:00Z","endDate":"2025-02-01T00:00:00Z","sendUser":"x@example.com"}""", "Bad param format: sendUser must be formatted as follow: <sendUserId>|<sendUserEmail>" },
        { """{"campaignIds":["cam_123"],"startDate":"2025-01-01T00:00:00Z","endDate":"2025-02-01T00:00:00Z","sendUser":"usr_x|x@example.com"}""", "Bad params: the send user email is not related to the send user id" },
    };

    [Theory]
    [MemberData(nameof(BatchErrors))]
    public async Task A_bad_batch_gets_400_with_lemlists_text(string body, string message)
    {
        using var client = new SandboxClient(_sandbox);
        var response = await client.LemlistBatchAsync(body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_batch_takes_100_campaigns_and_refuses_101()
    {
        using var client = new SandboxClient(_sandbox);
        var ids = _sandbox.Campaigns(SandboxProvider.Lemlist, 0, 101).Select(c => c.Id).ToList();
        var hundred = await SandboxClient.OkJsonAsync(await client.LemlistBatchAsync(ids.Take(100)));
        Assert.Equal(100, hundred.GetProperty("results").GetArrayLength());
        var tooMany = await client.LemlistBatchAsync(ids);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Equal("Bad params: campaignIds must contain at most 100 items", await tooMany.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Unknown_campaigns_get_404_alone_and_an_error_entry_in_a_batch()
    {
        using var client = new SandboxClient(_sandbox);
        var alone = await client.LemlistStatsAsync("cam_doesNotExist0000");
        Assert.Equal(HttpStatusCode.NotFound, alone.StatusCode);
        Assert.Equal("text/plain", alone.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Campaign not found", await alone.Content.ReadAsStringAsync());

        var body = await SandboxClient.OkJsonAsync(await client.LemlistBatchAsync([_campaign, "cam_doesNotExist0000", "cam_123"]));
        Assert.Equal([_campaign, "cam_123"], body.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("campaignId").GetString()));
        var error = Assert.Single(body.GetProperty("errors").EnumerateArray());
        Assert.Equal("cam_doesNotExist0000", error.GetProperty("campaignId").GetString());
        Assert.Equal("Campaign not found", error.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Other_methods_get_405_Bad_method()
    {
        using var client = new SandboxClient(_sandbox);
        foreach (var response in new[]
        {
            await client.LemlistStatsAsync(_campaign, method: HttpMethod.Post),
            await client.LemlistStatsAsync(_campaign, method: HttpMethod.Delete),
            await client.LemlistBatchAsync("", method: HttpMethod.Get),
            await client.LemlistBatchAsync("{}", method: HttpMethod.Put),
        })
        {
            Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
            Assert.Equal("Bad method", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task The_docs_examples_work_as_written()
    {
        using var client = new SandboxClient(_sandbox);
        var query = "startDate=2024-01-07T22%3A00%3A00.000Z&endDate=2025-07-10T21%3A59%3A59.999Z&channels=" + Uri.EscapeDataString("[\"others\", \"linkedin\", \"email\"]");
        var stats = await SandboxClient.OkJsonAsync(await client.LemlistStatsAsync("cam_123", query));
        LemlistInvariants.Check(stats);
        var batch = await SandboxClient.OkJsonAsync(await client.LemlistBatchAsync(["cam_123", "cam_456"]));
        Assert.Equal(2, batch.GetProperty("results").GetArrayLength());
        Assert.Equal(JsonValueKind.Array, batch.GetProperty("errors").ValueKind);
    }
}
