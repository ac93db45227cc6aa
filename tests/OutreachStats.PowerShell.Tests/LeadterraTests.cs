using System.Management.Automation;
using OutreachStats.PowerShell.Tests.Infrastructure;
using Xunit;

namespace OutreachStats.PowerShell.Tests;

/// <summary>Get-LeadterraCampaignStats in pipelines a user would type, against a fake Leadterra.</summary>
public sealed class LeadterraTests : FakeLeadterraTestBase
{
    [Fact]
    public void IdsByValueAndByPropertyNameComeOutWithEveryField()
    {
        Connect();

        var result = Run("'camp_123', [pscustomobject]@{ CampaignId = 'camp_2' }, [pscustomobject]@{ Id = 'camp_3' } | Get-LeadterraCampaignStats");

        result.AssertNoErrors();
        Assert.All(result.Output, o => Assert.Equal(StatsTypeName, TypeOf(o)));
        Assert.Equal(new object?[] { "camp_123", "camp_2", "camp_3" }, result.Values("CampaignId"));
        var stats = result.Output[0];
        Assert.Equal("Leadterra", Prop(stats, "Provider"));
        Assert.Equal(500, Prop(stats, "TotalEnrolled"));
        Assert.Equal(480, Prop(stats, "Sent"));
        Assert.Equal(471, Prop(stats, "Delivered"));
        Assert.Equal(9, Prop(stats, "Bounced"));
        Assert.Equal(38, Prop(stats, "Replied"));
        Assert.Equal(20, Prop(stats, "Queued"));
        Assert.Equal(0.42, Prop(stats, "OpenRate"));
        Assert.Equal(0.08, Prop(stats, "ReplyRate"));
        Assert.All(Server.Requests, r => Assert.Equal("Bearer " + Key, r.Authorization));
        Assert.Contains(Server.Requests, r => r.Path == "/v1/campaigns/camp_123/stats");
    }

    [Fact]
    public void DocumentedErrorsAreNonTerminatingWithTheirCode()
    {
        Connect();
        Server.MissingCampaigns("camp_missing");
        Server.Override("camp_bad", 400, FakeBearerServer.Error("invalid_request", "The request was malformed or contained unexpected parameters."), "application/json");

        var result = Run("'camp_1', 'camp_missing', 'camp_bad' | Get-LeadterraCampaignStats -ErrorVariable failed -ErrorAction SilentlyContinue; $failed.Count");

        Assert.Null(result.Terminating);
        Assert.Equal(2, result.Output.Last().BaseObject);
        var errors = Session.ErrorVariable().Reverse().ToList();
        Assert.Equal(new[] { "LeadterraCampaignNotFound", "LeadterraInvalidRequest" }, errors.Select(ErrorId).ToArray());
        Assert.Equal(new[] { ErrorCategory.ObjectNotFound, ErrorCategory.InvalidArgument }, errors.Select(e => e.CategoryInfo.Category).ToArray());
        Assert.Contains("campaign_not_found", errors[0].Exception.Message);
        Assert.Contains("invalid_request", errors[1].Exception.Message);
    }

    [Fact]
    public void AFailedAuthenticationStopsTheCommand()
    {
        var result = Run(
            "Connect-OutreachProvider -Provider Leadterra -ApiKey $wrong -BaseUri $uri; 'camp_1', 'camp_2', 'camp_3' | Get-LeadterraCampaignStats",
            new() { ["wrong"] = Secure(NewKey("wrong")), ["uri"] = Server.BaseUri });

        Assert.Equal("LeadterraAuthenticationFailed", ErrorId(result.TerminatingError!));
        Assert.Contains("authentication_failed", result.TerminatingError!.Exception.Message);
        Assert.Empty(result.Output);
    }

    [Fact]
    public void AWrongBaseUriIsEndpointNotFound()
    {
        var result = Run(
            "Connect-OutreachProvider -Provider Leadterra -ApiKey $key -BaseUri $uri; Get-LeadterraCampaignStats camp_1",
            new() { ["key"] = Secure(Key), ["uri"] = new Uri(Server.BaseUri, "wrong/") });

        Assert.Equal("LeadterraEndpointNotFound", ErrorId(Assert.Single(result.Errors)));
        Assert.Contains("-BaseUri", result.Errors[0].Exception.Message);
    }

    [Fact]
    public void TheKeyAppearsNowhereEvenWithVerboseAndDebug()
    {
        Server.MissingCampaigns("camp_missing");
        var runs = new List<PsResult>
        {
            Run("Connect-OutreachProvider -Provider Leadterra -ApiKey $key -BaseUri $uri -PassThru", new() { ["key"] = Secure(Key), ["uri"] = Server.BaseUri }, verbose: true, debug: true),
            Run("Get-LeadterraCampaignStats camp_1, camp_missing | Out-Default", verbose: true, debug: true),
        };

        Assert.Contains(runs[1].Verbose, v => v.Message.Contains("/v1/campaigns/camp_1/stats"));
        Assert.DoesNotContain(Key, Everything.Seen(runs, Session));
    }

    [Fact]
    public void TheViewShowsTheMetrics()
    {
        Connect();

        var result = Run("Get-LeadterraCampaignStats camp_123 | Out-Default");

        result.AssertNoErrors();
        // Queued is left to Format-List so that the table fits 80 columns.
        Assert.Matches(@"CampaignId\s+Enrolled\s+Sent\s+Delivered\s+Replied\s+Bounced\s+ReplyRate", result.HostPlainText);
        Assert.Matches(@"camp_123\s+500\s+480\s+471\s+38\s+9\s+8[.,]0\s?%", result.HostPlainText);
    }

    [Fact]
    public async Task StoppingWhileTheServerHangsEndsPromptly()
    {
        Connect();

        await Stopping.AssertStopsPromptlyWhileTheServerHangsAsync(Session, Server, "'a_1', 'a_2', 'a_3' | Get-LeadterraCampaignStats");
    }
}
