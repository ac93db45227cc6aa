using System.Management.Automation;
using OutreachStats.PowerShell.Tests.Infrastructure;
using OutreachStats.Sandbox;
using Xunit;

namespace OutreachStats.PowerShell.Tests;

/// <summary>Get-LeadterraCampaignStats in pipelines a user would type, against the sandbox's Leadterra.</summary>
public sealed class LeadterraTests : LeadterraTestBase
{
    [Fact]
    public async Task IdsByValueAndByPropertyNameComeOutWithEveryField()
    {
        Connect();
        var ids = Ids(3);

        var result = Run("$ids[0], [pscustomobject]@{ CampaignId = $ids[1] }, [pscustomobject]@{ Id = $ids[2] } | Get-LeadterraCampaignStats", new() { ["ids"] = ids });

        result.AssertNoErrors();
        Assert.All(result.Output, o => Assert.Equal(StatsTypeName, TypeOf(o)));
        Assert.Equal(ids, result.Values("CampaignId").Cast<string>());
        Assert.Equal("Leadterra", Prop(result.Output[0], "Provider"));
        for (var i = 0; i < ids.Length; i++) AssertFieldsMatch(await AnswerAsync(ids[i]), result.Output[i]);
        Assert.All(Requests(), r => Assert.Equal("Bearer " + Key, r.Authorization));
        Assert.Contains(Requests(), r => r.Path == $"/leadterra/v1/campaigns/{ids[0]}/stats");
    }

    [Fact]
    public void DocumentedErrorsAreNonTerminatingWithTheirCode()
    {
        Connect();
        Sandbox.Faults.Add(new FaultRule
        {
            Provider = Provider, Kind = FaultKind.Status, Status = 400, CampaignIds = ["camp_bad"],
            Body = """{"error":{"code":"invalid_request","message":"The request was malformed or contained unexpected parameters."}}""",
        });

        var result = Run("$id, 'camp_missing', 'camp_bad' | Get-LeadterraCampaignStats -ErrorVariable failed -ErrorAction SilentlyContinue; $failed.Count",
            new() { ["id"] = Ids(1)[0] });

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
        Connect(Provider, SandboxKeys.Revoked(Provider));

        var result = Run("$ids | Get-LeadterraCampaignStats", new() { ["ids"] = Ids(3) });

        Assert.Equal("LeadterraAuthenticationFailed", ErrorId(result.TerminatingError!));
        Assert.Contains("authentication_failed", result.TerminatingError!.Exception.Message);
        Assert.Empty(result.Output);
    }

    [Fact]
    public void AWrongBaseUriIsEndpointNotFound()
    {
        var result = Run(
            "Connect-OutreachProvider -Provider Leadterra -ApiKey $key -BaseUri $uri; Get-LeadterraCampaignStats $id",
            new() { ["key"] = Secure(Key), ["uri"] = new Uri(BaseUri.AbsoluteUri + "/wrong/"), ["id"] = Ids(1)[0] });

        Assert.Equal("LeadterraEndpointNotFound", ErrorId(Assert.Single(result.Errors)));
        // What PowerShell shows, wherever the module puts its advice (the exception's message or ErrorDetails).
        Assert.Contains("-BaseUri", result.Errors[0].ToString());
        Assert.Null(Assert.Single(Requests()).Endpoint);
    }

    [Fact]
    public void TheKeyAppearsNowhereEvenWithVerboseAndDebug()
    {
        var id = Ids(1)[0];
        var runs = new List<PsResult>
        {
            Run("Connect-OutreachProvider -Provider Leadterra -ApiKey $key -BaseUri $uri -PassThru", new() { ["key"] = Secure(Key), ["uri"] = BaseUri }, verbose: true, debug: true),
            Run("Get-LeadterraCampaignStats $id, camp_missing | Out-Default", new() { ["id"] = id }, verbose: true, debug: true),
        };

        Assert.Contains(runs[1].Verbose, v => v.Message.Contains($"/v1/campaigns/{id}/stats"));
        Assert.DoesNotContain(Key, Everything.Seen(runs, Session));
    }

    [Fact]
    public async Task TheViewShowsTheMetrics()
    {
        Connect();
        var id = Ids(1)[0];

        var result = Run("Get-LeadterraCampaignStats $id | Out-Default", new() { ["id"] = id });

        result.AssertNoErrors();
        // TotalEnrolled and Leadterra's own rates over delivered are left to Format-List so that the table fits 80 columns.
        Assert.Matches(@"CampaignId\s+Sent\s+Delivered\s+Replied\s+Bounced\s+ReplyRate\s+Queued", result.HostPlainText);
        var answer = await AnswerAsync(id);
        var counts = new[] { "sent", "delivered", "replied", "bounced" }.Select(name => answer.GetProperty(name).GetRawText());
        var replyRate = answer.GetProperty("replied").GetDouble() / answer.GetProperty("sent").GetDouble();
        Assert.Matches($@"{id}\s+{string.Join(@"\s+", counts)}\s+{PercentPattern(replyRate)}\s+{answer.GetProperty("queued")}", result.HostPlainText);
    }

    [Fact]
    public async Task StoppingWhileTheServerHangsEndsPromptly()
    {
        Connect();
        Sandbox.Faults.Add(Stopping.AnswersAMinuteLate(Provider));

        await Stopping.AssertStopsPromptlyAsync(Session, Sandbox, Provider, "'a_1', 'a_2', 'a_3' | Get-LeadterraCampaignStats");
    }
}
