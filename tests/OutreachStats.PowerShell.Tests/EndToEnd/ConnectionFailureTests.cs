using System.Management.Automation;
using System.Net;
using System.Net.Sockets;
using OutreachStats.PowerShell.Tests.Infrastructure;
using OutreachStats.Sandbox;
using Xunit;

namespace OutreachStats.PowerShell.Tests.EndToEnd;

/// <summary>
/// A failure that is the connection's (a key without the permission, lemlist's "Bad team", a
/// server that cannot be reached, a connection closed mid-command) ends the command with one
/// terminating error after the first campaign's retries, once every answer already received is
/// written. A campaign's own failure, however unforeseen, is that campaign's error only.
/// </summary>
public sealed class ConnectionFailureTests : SandboxTestBase
{
    protected override SandboxOptions Options => new() { Seed = 5, CampaignsPerProvider = 60 };

    [Theory]
    [InlineData(SandboxProvider.Leadlex, SandboxKeys.LeadlexWithoutCampaignsRead, "Get-LeadlexCampaignStats", "LeadlexInsufficientPermissions", ErrorCategory.PermissionDenied)]
    [InlineData(SandboxProvider.Lemlist, SandboxKeys.LemlistWithoutTeam, "Get-LemlistCampaignStats", "LemlistBadRequest", ErrorCategory.InvalidArgument)]
    public void AKeyThatCannotReadAnyCampaignEndsTheCommandAtTheFirst(SandboxProvider provider, string key, string cmdlet, string errorId, ErrorCategory category)
    {
        Connect(provider, key);
        var ids = Ids(provider, 12);

        var result = Run($"$ids | {cmdlet}", new() { ["ids"] = ids });

        Assert.Empty(result.Output);
        Assert.Empty(result.Errors);
        var error = Assert.IsType<ErrorRecord>(result.TerminatingError);
        Assert.Equal(errorId, ErrorId(error));
        Assert.Equal(category, error.CategoryInfo.Category);
        Assert.Equal(ids[0], error.TargetObject);
        // Only what was already in flight when the first answer came: not one request per campaign.
        Assert.InRange(Requests(provider).Count, 1, 4);
    }

    [Fact]
    public void AnswersReceivedBeforeTheConnectionFailedAreWrittenFirst()
    {
        Connect(SandboxProvider.Leadlex);
        var ids = Ids(SandboxProvider.Leadlex, 8);
        // The third campaign's answer is the missing permission, and comes last of those in flight.
        Sandbox.Faults.Add(new FaultRule { Provider = SandboxProvider.Leadlex, Kind = FaultKind.Delay, DelayMilliseconds = 400, CampaignIds = [ids[2]] });
        Sandbox.Faults.Add(new FaultRule
        {
            Provider = SandboxProvider.Leadlex, Kind = FaultKind.Status, Status = 403, CampaignIds = [ids[2]],
            Body = """{"error":{"code":"insufficient_permissions","message":"Missing campaigns:read permission"}}""", ContentType = "application/json",
        });

        var result = Run("$ids | Get-LeadlexCampaignStats", new() { ["ids"] = ids });

        var written = result.Output.Select(o => (string)Prop(o, "CampaignId")!).ToList();
        Assert.Equal(ids.Take(2), written.Take(2));
        // Campaigns 4 and 5 were answered while the third was still on its way: they are written too.
        Assert.Contains(ids[3], written);
        Assert.DoesNotContain(ids[2], written);
        Assert.Empty(result.Errors);
        Assert.Equal("LeadlexInsufficientPermissions", ErrorId(result.TerminatingError!));
        Assert.Equal(ids[2], result.TerminatingError!.TargetObject);
    }

    [Theory]
    [InlineData("Leadterra", "Get-LeadterraCampaignStats")]
    [InlineData("Lemlist", "Get-LemlistBatchStats")]
    [InlineData("Smartlead", "Get-SmartleadCampaignStatistics")]
    public void AServerThatRefusesConnectionsEndsTheCommandAfterTheFirstCampaignsRetries(string provider, string cmdlet)
    {
        var closedPort = ClosedPort();
        var ids = provider == "Smartlead" ? Enumerable.Range(1, 20).Select(i => (object)(long)i).ToArray() : Enumerable.Range(1, 20).Select(i => (object)$"cam_{i:D4}").ToArray();
        var connect = Run("Connect-OutreachProvider -Provider $provider -ApiKey $key -BaseUri $uri -MaximumRetryCount 2 -RetryBaseDelaySeconds 0.05", new()
        {
            ["provider"] = provider,
            ["key"] = Secure(KeyOf(Enum.Parse<SandboxProvider>(provider))),
            ["uri"] = new Uri($"http://127.0.0.1:{closedPort}/"),
        });
        connect.AssertNoErrors();

        var result = Run($"$ids | {cmdlet}", new() { ["ids"] = ids });

        Assert.Empty(result.Output);
        Assert.Empty(result.Errors);
        Assert.Equal(provider + "ConnectionFailed", ErrorId(result.TerminatingError!));
        Assert.Equal(ErrorCategory.ConnectionError, result.TerminatingError!.CategoryInfo.Category);
        Assert.Contains("3 attempts", result.TerminatingError.Exception.Message);
    }

    [Fact]
    public void ANameThatDoesNotResolveIsNotRetried()
    {
        Run("Connect-OutreachProvider -Provider Leadterra -ApiKey $key -BaseUri 'https://outreachstats-no-such-host.invalid/' -MaximumRetryCount 4", new()
        {
            ["key"] = Secure(KeyOf(SandboxProvider.Leadterra)),
        }).AssertNoErrors();

        var result = Run("'camp_1', 'camp_2', 'camp_3' | Get-LeadterraCampaignStats");

        Assert.Equal("LeadterraConnectionFailed", ErrorId(result.TerminatingError!));
        Assert.Contains("1 attempt)", result.TerminatingError!.Exception.Message);
        Assert.Empty(result.Errors);
    }

    // A server that answers https with plain HTTP: the TLS handshake fails, which a retry would not mend.
    [Fact]
    public void ATlsFailureIsNotRetriedAndEndsTheCommand()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var accepted = 0;
        _ = Task.Run(async () =>
        {
            while (true)
            {
                TcpClient client;
                try { client = await listener.AcceptTcpClientAsync(); }
                catch (Exception ex) when (ex is SocketException or ObjectDisposedException) { return; }
                Interlocked.Increment(ref accepted);
                using (client)
                {
                    var plain = System.Text.Encoding.ASCII.GetBytes("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                    try { await client.GetStream().WriteAsync(plain); } catch (IOException) { }
                }
            }
        });
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        Run("Connect-OutreachProvider -Provider Leadterra -ApiKey $key -BaseUri $uri -MaximumRetryCount 4 -RetryBaseDelaySeconds 0.05", new()
        {
            ["key"] = Secure(KeyOf(SandboxProvider.Leadterra)),
            ["uri"] = new Uri($"https://127.0.0.1:{port}/"),
        }).AssertNoErrors();

        var result = Run("'camp_1', 'camp_2', 'camp_3' | Get-LeadterraCampaignStats");

        Assert.Equal("LeadterraConnectionFailed", ErrorId(result.TerminatingError!));
        Assert.Contains("1 attempt)", result.TerminatingError!.Exception.Message);
        Assert.Empty(result.Errors);
        Assert.Equal(1, Volatile.Read(ref accepted));
    }

    [Fact]
    public void ACharsetTheRuntimeRefusesIsReadAsUtf8AndTheCampaignsBehindItStillCome()
    {
        Connect(SandboxProvider.Leadterra);
        var ids = Ids(SandboxProvider.Leadterra, 6);
        var body = $$"""{"campaignId":"{{ids[1]}}","totalEnrolled":5,"sent":4,"delivered":4,"bounced":0,"replied":1,"queued":1,"openRate":0.5,"replyRate":0.25}""";
        Sandbox.Faults.Add(new FaultRule { Provider = SandboxProvider.Leadterra, Kind = FaultKind.Status, Status = 200, CampaignIds = [ids[1]], Body = body, ContentType = "application/json; charset=utf-7" });

        var result = Run("$ids | Get-LeadterraCampaignStats", new() { ["ids"] = ids });

        result.AssertNoErrors();
        Assert.Equal(ids, result.Output.Select(o => (string)Prop(o, "CampaignId")!));
        Assert.Equal(5, Prop(result.Output[1], "TotalEnrolled"));
    }

    [Fact]
    public void DisconnectDuringABatchsReSendRoundWritesTheCampaignsAnsweredInTheFirst()
    {
        var key = KeyOf(SandboxProvider.Lemlist);
        var connection = (PSObject)Run("Connect-OutreachProvider -Provider Lemlist -ApiKey $key -BaseUri $uri -RetryBaseDelaySeconds 3 -PassThru", new()
        {
            ["key"] = Secure(key),
            ["uri"] = Sandbox.BaseUri(SandboxProvider.Lemlist),
        }).Output.Single();
        var ids = Ids(SandboxProvider.Lemlist, 10);
        Sandbox.Faults.Add(new FaultRule { Provider = SandboxProvider.Lemlist, Kind = FaultKind.BatchEntryError, CampaignIds = [ids[4]] });

        using var ps = Session.CreatePowerShell("try { $ids | Get-LemlistBatchStats -Connection $connection } catch { throw }");
        Session.SetVariable("ids", ids);
        Session.SetVariable("connection", connection);
        var output = new PSDataCollection<PSObject>();
        var invocation = ps.BeginInvoke<PSObject, PSObject>(null, output);
        // Round 1 is answered; the re-send of the failed entry waits 3 s: the connection closes meanwhile.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (LemlistCounters.Requests < 1 && DateTime.UtcNow < deadline) Thread.Sleep(20);
        Thread.Sleep(300);
        using (var other = PowerShellSession.Start())
        {
            other.Run("Disconnect-OutreachProvider -Connection $c", new() { ["c"] = connection }).AssertNoErrors();
        }
        var terminating = Assert.ThrowsAny<RuntimeException>(() => ps.EndInvoke(invocation)).ErrorRecord;

        Assert.Equal(ids.Where((_, i) => i != 4), output.Select(o => (string)Prop(o, "CampaignId")!));
        Assert.Equal("LemlistConnectionClosed", ErrorId(terminating));
        Assert.Equal(ids[4], terminating.TargetObject);
        Assert.Equal(1, LemlistCounters.Requests);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
