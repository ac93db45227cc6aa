using System.Management.Automation;
using OutreachStats.PowerShell.Tests.Infrastructure;
using OutreachStats.Sandbox;
using Xunit;

namespace OutreachStats.PowerShell.Tests;

/// <summary>Get-LeadlexCampaignStats in pipelines a user would type, against the sandbox's Leadlex.</summary>
public sealed class LeadlexTests : LeadlexTestBase
{
    /// <summary>The documented example's ID, a UUID (the docs' word for Leadlex IDs) and another cmp_ ID.</summary>
    private string[] IdsOfBothForms()
    {
        var campaigns = Ids(40);
        return [campaigns[0], campaigns.First(id => Guid.TryParse(id, out _)), campaigns.Skip(1).First(id => id.StartsWith("cmp_", StringComparison.Ordinal))];
    }

    [Fact]
    public async Task IdsByValueAndByPropertyNameComeOutInOrderWithEveryField()
    {
        Connect();
        var ids = IdsOfBothForms();
        Sandbox.Faults.Add(new FaultRule { Provider = Provider, Kind = FaultKind.Delay, DelayMilliseconds = 300, CampaignIds = [ids[0]] });

        var result = Run("$ids[0], [pscustomobject]@{ Id = $ids[1] }, [pscustomobject]@{ CampaignId = $ids[2] } | Get-LeadlexCampaignStats", new() { ["ids"] = ids });

        result.AssertNoErrors();
        Assert.All(result.Output, o => Assert.Equal(StatsTypeName, TypeOf(o)));
        Assert.Equal(ids, result.Values("CampaignId").Cast<string>());
        Assert.Equal("Leadlex", Prop(result.Output[0], "Provider"));
        for (var i = 0; i < ids.Length; i++) AssertFieldsMatch(await StatsAsync(ids[i]), result.Output[i]);
        Assert.All(Requests(), r => Assert.Equal("Bearer " + Key, r.Authorization));
        Assert.Contains(Requests(), r => r.Path == $"/leadlex/v1/campaigns/{ids[0]}/stats");
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
        Assert.Empty(AllRequests());
    }

    [Fact]
    public void DocumentedErrorsCarryTheirCodeAndAMissingPermissionEndsTheCommandAfterWhatWasAnswered()
    {
        Connect();
        var ids = Ids(2);
        // The locked campaign's answer is the missing permission, and comes last of those in flight.
        Sandbox.Faults.Add(new FaultRule { Provider = Provider, Kind = FaultKind.Delay, DelayMilliseconds = 300, CampaignIds = ["cmp_locked"] });
        Sandbox.Faults.Add(new FaultRule
        {
            Provider = Provider, Kind = FaultKind.Status, Status = 403, CampaignIds = ["cmp_locked"],
            Body = """{"error":{"code":"insufficient_permissions","message":"Missing campaigns:read permission"}}""",
        });

        var result = Run("$ids[0], 'cmp_missing', 'cmp_locked', $ids[1] | Get-LeadlexCampaignStats", new() { ["ids"] = ids });

        // A missing campaign is that campaign's error; a missing permission is the key's, for every
        // campaign: it ends the command, after the last campaign, answered meanwhile, is written.
        Assert.Equal(ids, result.Values("CampaignId").Cast<string>());
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
        var ids = Ids(2);

        var result = Run("$ids[0], 'cmp_missing', $ids[1] | Get-LeadlexCampaignStats -ErrorAction Stop", new() { ["ids"] = ids });

        Assert.Equal("LeadlexCampaignNotFound", ErrorId(result.TerminatingError!));
        Assert.Equal(new object?[] { ids[0] }, result.Values("CampaignId"));
    }

    [Fact]
    public void AnInvalidKeyStopsTheCommand()
    {
        Connect(Provider, SandboxKeys.Revoked(Provider));

        var result = Run("$ids | Get-LeadlexCampaignStats", new() { ["ids"] = Ids(20) });

        Assert.Equal("LeadlexInvalidKey", ErrorId(result.TerminatingError!));
        Assert.Equal(ErrorCategory.AuthenticationError, result.TerminatingError!.CategoryInfo.Category);
        Assert.Contains("invalid_key", result.TerminatingError.Exception.Message);
        Assert.Empty(result.Output);
        Assert.InRange(Requests().Count, 1, 5);
    }

    [Fact]
    public void ARateLimitIsWaitedOut()
    {
        Connect();
        var ids = Ids(2);
        Sandbox.Faults.Add(new FaultRule { Provider = Provider, Kind = FaultKind.RateLimited, RetryAfterSeconds = 1, Count = 2 });

        var result = Run("$ids | Get-LeadlexCampaignStats", new() { ["ids"] = ids }, verbose: true);

        result.AssertNoErrors();
        Assert.Equal(ids, result.Values("CampaignId").Cast<string>());
        Assert.Contains(result.Verbose, v => v.Message.Contains("429"));
    }

    [Fact]
    public void TheKeyAppearsNowhereEvenWithVerboseAndDebug()
    {
        Sandbox.Faults.Add(new FaultRule
        {
            Provider = Provider, Kind = FaultKind.Status, Status = 401, CampaignIds = ["cmp_echo"],
            Body = $$$"""{"error":{"code":"invalid_key","message":"key {{{Key}}} is expired"}}""",
        });
        var id = Ids(1)[0];
        var runs = new List<PsResult>
        {
            Run("Connect-OutreachProvider -Provider Leadlex -ApiKey $key -BaseUri $uri -PassThru", new() { ["key"] = Secure(Key), ["uri"] = BaseUri }, verbose: true, debug: true),
            Run("Get-LeadlexCampaignStats $id | Out-Default", new() { ["id"] = id }, verbose: true, debug: true),
            Run("Get-LeadlexCampaignStats cmp_missing", verbose: true, debug: true),
            Run("Get-LeadlexCampaignStats cmp_echo", verbose: true, debug: true),
        };

        Assert.Equal("LeadlexInvalidKey", ErrorId(runs[3].TerminatingError!));
        Assert.Contains(runs[1].Verbose, v => v.Message.Contains($"/v1/campaigns/{id}/stats"));
        var text = Everything.Seen(runs, Session);
        Assert.DoesNotContain(Key, text);
        Assert.Contains("key **** is expired", text);
    }

    [Fact]
    public async Task TheViewShowsCountsAndRates()
    {
        Connect();
        var id = Ids(1)[0];

        var result = Run("Get-LeadlexCampaignStats $id | Out-Default", new() { ["id"] = id });

        result.AssertNoErrors();
        // Clicked and Bounced are left to Format-List so that the table fits 80 columns.
        Assert.Matches(@"CampaignId\s+Sent\s+Opened\s+Replied\s+OpenRate\s+ReplyRate", result.HostPlainText);
        var stats = await StatsAsync(id);
        Assert.Matches(
            $@"{id}\s+{stats.GetProperty("sent_count")}\s+{stats.GetProperty("opened_count")}\s+{stats.GetProperty("replied_count")}\s+"
            + PercentPattern(stats.GetProperty("opened_count").GetDouble() / stats.GetProperty("sent_count").GetDouble()) + @"\s+"
            + PercentPattern(stats.GetProperty("replied_count").GetDouble() / stats.GetProperty("sent_count").GetDouble()),
            result.HostPlainText);
    }

    [Fact]
    public async Task StoppingWhileTheServerHangsEndsPromptly()
    {
        Connect();
        Sandbox.Faults.Add(Stopping.AnswersAMinuteLate(Provider));

        await Stopping.AssertStopsPromptlyAsync(Session, Sandbox, Provider, "'a_1', 'a_2', 'a_3' | Get-LeadlexCampaignStats");
    }
}
