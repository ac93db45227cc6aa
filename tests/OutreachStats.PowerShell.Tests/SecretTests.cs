using OutreachStats.PowerShell.Tests.Infrastructure;
using OutreachStats.Sandbox;
using OutreachStats.Testing;
using Xunit;

namespace OutreachStats.PowerShell.Tests;

/// <summary>The API key never reaches anything a user can see, print, log or export.</summary>
public sealed class SecretTests : LemlistTestBase
{
    /// <summary>lemlist answers the campaign with this status and a body that quotes the key.</summary>
    private void EchoTheKey(string campaignId, int status, string body) =>
        Sandbox.Faults.Add(new FaultRule { Provider = Provider, Kind = FaultKind.Status, Status = status, CampaignIds = [campaignId], Body = body });

    [Fact]
    public void TheKeyAppearsNowhereEvenWithVerboseAndDebugAndKeyEchoingErrors()
    {
        var secret = Key;
        var authorization = SandboxClient.Basic(secret);
        var ids = Ids(2);
        EchoTheKey("cam_400", 400, $"Bad params: the API key {secret} is not allowed to read this team");
        EchoTheKey("cam_401", 401, $"Unauthorized: key {secret} was revoked");
        var variables = new Dictionary<string, object?> { ["key"] = Secure(secret), ["uri"] = BaseUri, ["ids"] = ids, ["missing"] = Missing };

        var runs = new List<PsResult>
        {
            Run("$c = Connect-OutreachProvider -Provider Lemlist -ApiKey $key -BaseUri $uri -PassThru; $c", variables, verbose: true, debug: true),
            Run("Get-OutreachConnection", verbose: true, debug: true),
            Run("Get-LemlistCampaignStats $ids[0]", verbose: true, debug: true),
            Run("Get-LemlistCampaignStats $ids[0] -PerStep", verbose: true, debug: true),
            Run("Get-LemlistBatchStats $ids[1]", verbose: true, debug: true),
            Run("Get-LemlistCampaignStats $missing", verbose: true, debug: true),
            Run("Get-LemlistCampaignStats cam_400", verbose: true, debug: true),
            Run("Get-LemlistBatchStats cam_400", verbose: true, debug: true),
            Run("Get-LemlistCampaignStats cam_401", verbose: true, debug: true),
            Run("$c | Out-Default; Get-OutreachConnection | Out-Default", verbose: true, debug: true),
            Run("$Error | ForEach-Object { $_.ToString(); $_.Exception.ToString(); $_.FullyQualifiedErrorId; \"$($_.ErrorDetails)\" }"),
        };

        // The scenario really happened: objects came out, each failure was reported, verbose was on.
        Assert.Contains(runs[2].Output, o => TypeOf(o) == StatsTypeName);
        Assert.Equal("LemlistCampaignNotFound", ErrorId(Assert.Single(runs[5].Errors)));
        Assert.Equal("LemlistBadRequest", ErrorId(Assert.Single(runs[6].Errors)));
        Assert.Contains("is not allowed to read this team", runs[6].Errors[0].Exception.Message);
        Assert.Equal("LemlistKeyRejected", ErrorId(runs[8].TerminatingError!));
        Assert.Contains("was revoked", runs[8].TerminatingError!.Exception.Message);
        var statsUrl = $"GET {BaseUri.AbsoluteUri}/v2/campaigns/{ids[0]}/stats?startDate=";
        Assert.Contains(runs[2].Verbose, v => v.Message.Contains(statsUrl));
        Assert.Contains(statsUrl, Session.HostText);
        Assert.Contains(Requests(), r => r.Authorization == authorization.ToString());
        Assert.NotEmpty(runs[10].Output);

        var text = Everything.Seen(runs, Session);

        Assert.DoesNotContain(secret, text);
        Assert.DoesNotContain(authorization.Parameter!, text);
        Assert.Contains("****" + secret[^4..], text);
    }

    // What Format-List * -Force would print (that cmdlet is not in the test engine): every property,
    // hidden ones included, of every object the module returns, and of the exception behind an error.
    [Fact]
    public async Task NoPropertyOfAnyReturnedObjectOrErrorHoldsTheKey()
    {
        var id = Ids(1)[0];
        var result = Run(
            """
            function Show-Everything($value) {
                foreach ($p in $value.PSObject.Properties) { "$($p.Name)=$($p.Value)" }
                "$value"
            }
            $c = Connect-OutreachProvider -Provider Lemlist -ApiKey $key -BaseUri $uri -PassThru -RateLimit 5
            Show-Everything $c
            Get-OutreachConnection | ForEach-Object { Show-Everything $_ }
            $s = Get-LemlistCampaignStats $id
            Show-Everything $s
            $s.Steps | ForEach-Object { Show-Everything $_ }
            Get-LemlistCampaignStats $id -PerStep | ForEach-Object { Show-Everything $_ }
            Get-LemlistCampaignStats $missing -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures | ForEach-Object { Show-Everything $_; Show-Everything $_.Exception; Show-Everything $_.CategoryInfo }
            """,
            new() { ["key"] = Secure(Key), ["uri"] = BaseUri, ["id"] = id, ["missing"] = Missing });

        result.AssertNoErrors();
        var text = string.Join("\n", result.Output.Select(o => o.ToString()));
        // The walk really saw the objects: the connection's settings, the numbers and the error.
        Assert.Contains("RateLimit=5", text);
        Assert.Contains("NbLeads=" + (await AnswerAsync(id)).GetProperty("nbLeads").GetInt32(), text);
        Assert.Contains("ErrorId=LemlistCampaignNotFound", text);
        Assert.DoesNotContain(Key, text);
        Assert.DoesNotContain(SandboxClient.Basic(Key).Parameter!, text);
    }
}
