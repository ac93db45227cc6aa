using System.Management.Automation;
using OutreachStats.PowerShell.Tests.Infrastructure;
using Xunit;

namespace OutreachStats.PowerShell.Tests;

/// <summary>Get-LeadlexCampaignStats in pipelines a user would type, against a fake Leadlex.</summary>
public sealed class LeadlexTests : FakeLeadlexTestBase
{
    private const string Uuid = "3f2b8c1e-9a4d-4e7b-8c2a-1d5e6f7a8b9c";

    [Fact]
    public void IdsByValueAndByPropertyNameComeOutInOrderWithEveryField()
    {
        Connect();
        Server.Latency = id => id == "cmp_abc123" ? TimeSpan.FromMilliseconds(300) : TimeSpan.Zero;

        var result = Run($"'cmp_abc123', [pscustomobject]@{{ Id = '{Uuid}' }}, [pscustomobject]@{{ CampaignId = 'cmp_3' }} | Get-LeadlexCampaignStats");

        result.AssertNoErrors();
        Assert.All(result.Output, o => Assert.Equal(StatsTypeName, TypeOf(o)));
        Assert.Equal(new object?[] { "cmp_abc123", Uuid, "cmp_3" }, result.Values("CampaignId"));
        var stats = result.Output[0];
        Assert.Equal("Leadlex", Prop(stats, "Provider"));
        Assert.Equal(1247, Prop(stats, "SentCount"));
        Assert.Equal(612, Prop(stats, "OpenedCount"));
        Assert.Equal(143, Prop(stats, "ClickedCount"));
        Assert.Equal(89, Prop(stats, "RepliedCount"));
        Assert.Equal(12, Prop(stats, "BouncedCount"));
        Assert.Equal(4, Prop(stats, "UnsubscribedCount"));
        Assert.Equal(0.491, Prop(stats, "OpenRate"));
        Assert.Equal(0.115, Prop(stats, "ClickRate"));
        Assert.Equal(0.071, Prop(stats, "ReplyRate"));
        Assert.All(Server.Requests, r => Assert.Equal("Bearer " + Key, r.Authorization));
        Assert.Contains(Server.Requests, r => r.Path == "/functions/v1/api-gateway/v1/campaigns/cmp_abc123/stats");
    }

    [Theory]
    [InlineData("Get-LeadlexCampaignStats -CampaignId ''")]
    [InlineData("Get-LeadlexCampaignStats -CampaignId '../x'")]
    [InlineData("Get-LeadlexCampaignStats -CampaignId 'cmp_1/stats'")]
    public void InvalidIdsAreRefusedBeforeAnyRequestNamingCampaignId(string script)
    {
        Connect();

        var result = Run(script);

        var error = Assert.IsAssignableFrom<ParameterBindingException>(result.Terminating);
        Assert.Equal("CampaignId", error.ParameterName);
        Assert.Empty(Server.Requests);
    }

    [Fact]
    public void DocumentedErrorsCarryTheirCodeAndAMissingPermissionEndsTheCommandAfterWhatWasAnswered()
    {
        Connect();
        Server.MissingCampaigns("cmp_missing");
        Server.Override("cmp_locked", 403, FakeBearerServer.Error("insufficient_permissions", "Missing campaigns:read permission"), "application/json");

        var result = Run("'cmp_1', 'cmp_missing', 'cmp_locked', 'cmp_4' | Get-LeadlexCampaignStats");

        // A missing campaign is that campaign's error; a missing permission is the key's, for every
        // campaign: it ends the command, after cmp_4, which was answered meanwhile, is written.
        Assert.Equal(new object?[] { "cmp_1", "cmp_4" }, result.Values("CampaignId"));
        var missing = Assert.Single(result.Errors);
        Assert.Equal("LeadlexCampaignNotFound", ErrorId(missing));
        Assert.Equal(ErrorCategory.ObjectNotFound, missing.CategoryInfo.Category);
        Assert.Equal("cmp_missing", missing.TargetObject);
        Assert.Contains("campaign_not_found", missing.Exception.Message);
        var locked = result.TerminatingError!;
        Assert.Equal("LeadlexInsufficientPermissions", ErrorId(locked));
        Assert.Equal(ErrorCategory.PermissionDenied, locked.CategoryInfo.Category);
        Assert.Equal("cmp_locked", locked.TargetObject);
        Assert.Contains("insufficient_permissions", locked.Exception.Message);
        Assert.Contains("campaigns:read", locked.ToString());
    }

    [Fact]
    public void WithErrorActionStopTheCommandEndsAtTheMissingCampaign()
    {
        Connect();
        Server.MissingCampaigns("cmp_missing");

        var result = Run("'cmp_1', 'cmp_missing', 'cmp_3' | Get-LeadlexCampaignStats -ErrorAction Stop");

        Assert.Equal("LeadlexCampaignNotFound", ErrorId(result.TerminatingError!));
        Assert.Equal(new object?[] { "cmp_1" }, result.Values("CampaignId"));
    }

    [Fact]
    public void AnInvalidKeyStopsTheCommand()
    {
        var result = Run(
            "Connect-OutreachProvider -Provider Leadlex -ApiKey $wrong -BaseUri $uri; 1..20 | ForEach-Object { \"cmp_$_\" } | Get-LeadlexCampaignStats",
            new() { ["wrong"] = Secure(NewKey("wrong")), ["uri"] = Server.ApiRoot });

        Assert.Equal("LeadlexInvalidKey", ErrorId(result.TerminatingError!));
        Assert.Equal(ErrorCategory.AuthenticationError, result.TerminatingError!.CategoryInfo.Category);
        Assert.Contains("invalid_key", result.TerminatingError.Exception.Message);
        Assert.Empty(result.Output);
        Assert.InRange(Server.Requests.Count, 1, 5);
    }

    [Fact]
    public void ARateLimitIsWaitedOut()
    {
        Connect();
        Server.RateLimitNext(2, retryAfterSeconds: 1);

        var result = Run("'cmp_1', 'cmp_2' | Get-LeadlexCampaignStats", verbose: true);

        result.AssertNoErrors();
        Assert.Equal(new object?[] { "cmp_1", "cmp_2" }, result.Values("CampaignId"));
        Assert.Contains(result.Verbose, v => v.Message.Contains("429"));
    }

    [Fact]
    public void TheKeyAppearsNowhereEvenWithVerboseAndDebug()
    {
        Server.Override("cmp_echo", 401, FakeBearerServer.Error("invalid_key", $"key {Key} is expired"), "application/json");
        Server.MissingCampaigns("cmp_missing");
        var runs = new List<PsResult>
        {
            Run("Connect-OutreachProvider -Provider Leadlex -ApiKey $key -BaseUri $uri -PassThru", new() { ["key"] = Secure(Key), ["uri"] = Server.ApiRoot }, verbose: true, debug: true),
            Run("Get-LeadlexCampaignStats cmp_1 | Out-Default", verbose: true, debug: true),
            Run("Get-LeadlexCampaignStats cmp_missing", verbose: true, debug: true),
            Run("Get-LeadlexCampaignStats cmp_echo", verbose: true, debug: true),
        };

        Assert.Equal("LeadlexInvalidKey", ErrorId(runs[3].TerminatingError!));
        Assert.Contains(runs[1].Verbose, v => v.Message.Contains("/v1/campaigns/cmp_1/stats"));
        var text = Everything.Seen(runs, Session);
        Assert.DoesNotContain(Key, text);
        Assert.Contains("key **** is expired", text);
    }

    [Fact]
    public void TheViewShowsCountsAndRates()
    {
        Connect();

        var result = Run("Get-LeadlexCampaignStats cmp_abc123 | Out-Default");

        result.AssertNoErrors();
        // Clicked and Bounced are left to Format-List so that the table fits 80 columns.
        Assert.Matches(@"CampaignId\s+Sent\s+Opened\s+Replied\s+OpenRate\s+ReplyRate", result.HostPlainText);
        Assert.Matches(@"cmp_abc123\s+1247\s+612\s+89\s+49[.,]1\s?%\s+7[.,]1\s?%", result.HostPlainText);
    }

    [Fact]
    public async Task StoppingWhileTheServerHangsEndsPromptly()
    {
        Connect();

        await Stopping.AssertStopsPromptlyWhileTheServerHangsAsync(Session, Server, "'a_1', 'a_2', 'a_3' | Get-LeadlexCampaignStats");
    }
}
