using System.Management.Automation;
using OutreachStats.PowerShell.Tests.Infrastructure;
using OutreachStats.Sandbox;
using OutreachStats.Testing;
using Xunit;

namespace OutreachStats.PowerShell.Tests;

/// <summary>Connect-OutreachProvider, Get-OutreachConnection, Disconnect-OutreachProvider and -Connection.</summary>
public sealed class ConnectionTests : LemlistTestBase
{
    [Fact]
    public void ConnectWithApiKeyPassThruShowsProviderBaseUriAndAMaskedHint()
    {
        var result = Run(
            "Connect-OutreachProvider -Provider Lemlist -ApiKey $key -BaseUri $uri -PassThru",
            new() { ["key"] = Secure(Key), ["uri"] = BaseUri });

        result.AssertNoErrors();
        var connection = Assert.Single(result.Output);
        Assert.Equal(ConnectionTypeName, TypeOf(connection));
        Assert.Equal("Lemlist", Prop(connection, "Provider")!.ToString());
        Assert.Equal(BaseUri, Prop(connection, "BaseUri"));
        var hint = Assert.IsType<string>(Prop(connection, "KeyHint"));
        Assert.Equal("****" + Key[^4..], hint);
        Assert.DoesNotContain(Key, hint);
        Assert.Empty(AllRequests());

        var id = Ids(1)[0];
        var stats = Run("Get-LemlistCampaignStats $id", new() { ["id"] = id });
        stats.AssertNoErrors();
        Assert.Equal(id, Prop(Assert.Single(stats.Output), "CampaignId"));
        Assert.Equal(SandboxClient.Basic(Key).ToString(), Assert.Single(Requests()).Authorization);
    }

    [Fact]
    public void ConnectWithCredentialUsesThePasswordAsTheKey()
    {
        var result = Run(
            "Connect-OutreachProvider -Provider Lemlist -Credential ([pscredential]::new('ignored-user', $key)) -BaseUri $uri -PassThru",
            new() { ["key"] = Secure(Key), ["uri"] = BaseUri });

        result.AssertNoErrors();
        Assert.Equal("****" + Key[^4..], Prop(Assert.Single(result.Output), "KeyHint"));

        var stats = Run("Get-LemlistCampaignStats $id", new() { ["id"] = Ids(1)[0] });
        stats.AssertNoErrors();
        Assert.Single(stats.Output);
        // lemlist's Basic auth: empty user, the key as password, whatever the credential's user name.
        Assert.Equal(SandboxClient.Basic(Key).ToString(), Assert.Single(Requests()).Authorization);
    }

    [Fact]
    public void GetOutreachConnectionListsTheConnectionAndDisconnectRemovesIt()
    {
        Connect();

        var listed = Run("Get-OutreachConnection");
        listed.AssertNoErrors();
        var connection = Assert.Single(listed.Output);
        Assert.Equal(ConnectionTypeName, TypeOf(connection));
        Assert.Equal(BaseUri, Prop(connection, "BaseUri"));
        Assert.Single(Run("Get-OutreachConnection -Provider Lemlist").Output);
        Assert.Empty(Run("Get-OutreachConnection -Provider Smartlead").Output);

        var disconnect = Run("Disconnect-OutreachProvider -Provider Lemlist");
        disconnect.AssertNoErrors();
        Assert.Empty(Run("Get-OutreachConnection").Output);

        var stats = Run("Get-LemlistCampaignStats cam_1");
        Assert.NotNull(stats.TerminatingError);
        Assert.Equal("OutreachNotConnected", ErrorId(stats.TerminatingError!));
        Assert.Contains("Connect-OutreachProvider -Provider Lemlist", stats.TerminatingError!.Exception.Message);
        Assert.Empty(stats.Output);
        Assert.Empty(AllRequests());
    }

    [Fact]
    public void WithoutAnyConnectionTheStatsCmdletsSayHowToConnect()
    {
        foreach (var cmdlet in new[] { "Get-LemlistCampaignStats", "Get-LemlistBatchStats" })
        {
            var result = Run(cmdlet + " cam_1");
            Assert.Equal("OutreachNotConnected", ErrorId(result.TerminatingError!));
            Assert.Equal(ErrorCategory.InvalidOperation, result.TerminatingError!.CategoryInfo.Category);
            Assert.Contains("Connect-OutreachProvider -Provider Lemlist", result.TerminatingError.Exception.Message);
        }
        Assert.Empty(AllRequests());
    }

    [Theory]
    [InlineData("http://example.com")]
    [InlineData("http://example.com/api")]
    [InlineData("http://10.1.2.3:8080")]
    public void PlainHttpToANonLoopbackHostIsRefused(string uri)
    {
        var result = Run(
            "Connect-OutreachProvider -Provider Lemlist -ApiKey $key -BaseUri $uri -PassThru",
            new() { ["key"] = Secure(Key), ["uri"] = new Uri(uri) });

        Assert.NotNull(result.TerminatingError);
        Assert.Equal("OutreachInvalidBaseUri", ErrorId(result.TerminatingError!));
        Assert.Equal(ErrorCategory.InvalidArgument, result.TerminatingError!.CategoryInfo.Category);
        Assert.Empty(result.Output);
        Assert.Empty(Run("Get-OutreachConnection").Output);
    }

    [Theory]
    [InlineData("ftp://127.0.0.1/")]
    [InlineData("https://api.lemlist.com/api?api_key=secret")]
    [InlineData("https://api.lemlist.com/api#secret")]
    [InlineData("https://user:secret@api.lemlist.com/api")]
    [InlineData("http://user:secret@example.com/api")]
    public void ABaseUriThatIsNotAPlainHttpsServerUrlIsRefusedWithoutRepeatingWhatItCarries(string uri)
    {
        var result = Run(
            "Connect-OutreachProvider -Provider Lemlist -ApiKey $key -BaseUri $uri",
            new() { ["key"] = Secure(Key), ["uri"] = new Uri(uri) });

        var error = result.TerminatingError!;
        Assert.Equal("OutreachInvalidBaseUri", ErrorId(error));
        // A credential or key put in the URL by mistake must not be echoed into $Error or logs.
        Assert.DoesNotContain("secret", error.ToString());
        Assert.DoesNotContain("secret", error.Exception.ToString());
        Assert.DoesNotContain("secret", error.TargetObject?.ToString() ?? string.Empty);
        Assert.Empty(Run("Get-OutreachConnection").Output);
    }

    [Fact]
    public void AnEmptyKeyIsRefused()
    {
        var result = Run(
            "Connect-OutreachProvider -Provider Lemlist -ApiKey $key -BaseUri $uri",
            new() { ["key"] = new System.Security.SecureString(), ["uri"] = BaseUri });

        Assert.NotNull(result.TerminatingError);
        Assert.Equal("OutreachEmptyApiKey", ErrorId(result.TerminatingError!));
        Assert.Empty(Run("Get-OutreachConnection").Output);
    }

    [Fact]
    public void AConnectionOfAnotherProviderIsRefused()
    {
        var result = Run(
            """
            $smartlead = Connect-OutreachProvider -Provider Smartlead -ApiKey $key -BaseUri $uri -PassThru
            Get-LemlistCampaignStats -CampaignId cam_1 -Connection $smartlead
            """,
            new() { ["key"] = Secure(Key), ["uri"] = BaseUri });

        Assert.Equal("OutreachConnectionProviderMismatch", ErrorId(result.TerminatingError!));
        Assert.Empty(AllRequests());
    }

    [Fact]
    public async Task TwoConnectionsSideBySideReachTheirOwnServersWithTheirOwnKeys()
    {
        // The same seed: the other sandbox has the same campaigns.
        await using var other = await SandboxServer.StartAsync(Options);
        var otherKey = KeyOf(Provider) + "-other";
        var ids = Ids(4);

        var result = Run(
            """
            $a = Connect-OutreachProvider -Provider Lemlist -ApiKey $keyA -BaseUri $uriA -PassThru
            $b = Connect-OutreachProvider -Provider Lemlist -ApiKey $keyB -BaseUri $uriB -PassThru
            Get-LemlistCampaignStats -CampaignId $ids[0] -Connection $a
            Get-LemlistCampaignStats -CampaignId $ids[1] -Connection $b
            Get-LemlistBatchStats -CampaignId $ids[2] -Connection $a
            """,
            new()
            {
                ["keyA"] = Secure(Key), ["uriA"] = BaseUri,
                ["keyB"] = Secure(otherKey), ["uriB"] = other.BaseUri(Provider),
                ["ids"] = ids,
            });

        result.AssertNoErrors();
        Assert.Equal(ids[..3], result.Values("CampaignId").Cast<string>());
        var here = Requests();
        Assert.Equal(2, here.Count);
        Assert.Equal([ids[0]], here[0].CampaignIds);
        Assert.Equal("/v2/campaigns/stats/batch", here[1].Endpoint);
        Assert.Equal([ids[2]], here[1].CampaignIds);
        Assert.All(here, r => Assert.Equal(Key, r.Key));
        var onOther = Assert.Single(other.Requests.Snapshot());
        Assert.Equal([ids[1]], onOther.CampaignIds);
        Assert.Equal(otherKey, onOther.Key);

        // The later Connect-OutreachProvider is the session's default.
        var viaDefault = Run("Get-LemlistCampaignStats $ids[3]");
        viaDefault.AssertNoErrors();
        Assert.Contains(other.Requests.Snapshot(), r => r.CampaignIds.SequenceEqual([ids[3]]));
        Assert.Equal(2, Requests().Count);
    }

    [Fact]
    public void AClosedConnectionPassedAsConnectionIsRefused()
    {
        var result = Run(
            """
            $c = Connect-OutreachProvider -Provider Lemlist -ApiKey $key -BaseUri $uri -PassThru
            Disconnect-OutreachProvider -Connection $c
            Get-LemlistCampaignStats -CampaignId cam_1 -Connection $c
            """,
            new() { ["key"] = Secure(Key), ["uri"] = BaseUri });

        Assert.NotNull(result.TerminatingError);
        Assert.Equal("OutreachConnectionClosed", ErrorId(result.TerminatingError!));
        Assert.Contains("Connect-OutreachProvider -Provider Lemlist", result.TerminatingError!.Exception.Message);
        Assert.Empty(result.Output);
        Assert.Empty(AllRequests());
        Assert.Empty(Run("Get-OutreachConnection").Output);
    }

    [Fact]
    public void ConnectionsAreNotSharedBetweenRunspaces()
    {
        Connect();
        using var other = PowerShellSession.Start();

        var result = other.Run("Get-LemlistCampaignStats cam_1");

        Assert.Equal("OutreachNotConnected", ErrorId(result.TerminatingError!));
        Assert.Empty(other.Run("Get-OutreachConnection").Output);
        Assert.Empty(AllRequests());
    }
}
