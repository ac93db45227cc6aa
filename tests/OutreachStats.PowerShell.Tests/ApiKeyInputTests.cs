using System.Management.Automation;
using OutreachStats.PowerShell.Tests.Infrastructure;
using OutreachStats.Sandbox;
using Xunit;

namespace OutreachStats.PowerShell.Tests;

/// <summary>
/// Keys as they come from environment variables, files and secret stores: white space around them
/// is removed (verbose says so), a key its provider's way of sending cannot carry is refused by
/// Connect-OutreachProvider before any request, and the key shows nowhere, whichever way it is given.
/// </summary>
public sealed class ApiKeyInputTests : SandboxTestBase
{
    protected override SandboxOptions Options => new() { Seed = 7, CampaignsPerProvider = 10 };

    /// <summary>Each way Connect-OutreachProvider takes a key, with the key in $key (a SecureString).</summary>
    private static readonly string[] Connects =
    {
        "Connect-OutreachProvider -Provider $provider -ApiKey $key -BaseUri $uri",
        "Connect-OutreachProvider $provider $key -BaseUri $uri",
        "Connect-OutreachProvider -Provider $provider -Credential ([pscredential]::new('any name', $key)) -BaseUri $uri",
    };

    public static TheoryData<string> KeyInputs => new(Connects);

    public static TheoryData<SandboxProvider, string, string> PaddedKeys()
    {
        var data = new TheoryData<SandboxProvider, string, string>();
        var paddings = new[] { ("", "\n"), ("", "\r\n"), (" ", " "), ("\t", "\r\n"), ("\u00a0", "") };
        var i = 0;
        foreach (var provider in Enum.GetValues<SandboxProvider>())
        {
            foreach (var input in Connects)
            {
                var (before, after) = paddings[i++ % paddings.Length];
                data.Add(provider, input, before + "{key}" + after);
            }
        }
        return data;
    }

    private Dictionary<string, object?> Variables(SandboxProvider provider, string key) => new()
    {
        ["provider"] = provider.ToString(),
        ["key"] = Secure(key),
        ["uri"] = Sandbox.BaseUri(provider),
        ["id"] = Ids(provider, 1)[0],
    };

    /// <summary>The provider's statistics cmdlet for one campaign, whose answer proves the key worked.</summary>
    private static string StatsCommand(SandboxProvider provider) => provider switch
    {
        SandboxProvider.Lemlist => "Get-LemlistCampaignStats $id",
        SandboxProvider.Smartlead => "Get-SmartleadCampaignStatistics $id -First 1",
        SandboxProvider.Leadlex => "Get-LeadlexCampaignStats $id",
        _ => "Get-LeadterraCampaignStats $id",
    };

    [Theory]
    [MemberData(nameof(PaddedKeys))]
    public void WhiteSpaceAroundTheKeyIsRemovedVerboseSaysSoAndTheKeyWorks(SandboxProvider provider, string connect, string padded)
    {
        var key = KeyOf(provider);
        var variables = Variables(provider, padded.Replace("{key}", key));

        var connected = Run(connect, variables, verbose: true);
        var stats = Run(StatsCommand(provider), variables, verbose: true);

        connected.AssertNoErrors();
        stats.AssertNoErrors();
        Assert.NotEmpty(stats.Output);
        Assert.Contains(connected.Verbose, v => v.Message.Contains("white space or a line break around it"));
        Assert.All(Requests(provider), r => Assert.Equal(key, r.Key));
        var seen = Everything.Seen(new[] { connected, stats }, Session);
        Assert.DoesNotContain(key, seen);
        Assert.DoesNotContain(key[^12..], seen);
    }

    [Theory]
    [MemberData(nameof(KeyInputs))]
    public void AKeyWithNothingAroundItSaysNothingOfTrimming(string connect)
    {
        var result = Run(connect, Variables(SandboxProvider.Leadterra, KeyOf(SandboxProvider.Leadterra)), verbose: true);

        result.AssertNoErrors();
        Assert.DoesNotContain(result.Verbose, v => v.Message.Contains("white space"));
    }

    [Theory]
    [InlineData(SandboxProvider.Lemlist, " \r\n")]
    [InlineData(SandboxProvider.Smartlead, "\t")]
    [InlineData(SandboxProvider.Leadlex, "\n")]
    public void AKeyOfOnlyWhiteSpaceIsEmpty(SandboxProvider provider, string key)
    {
        foreach (var connect in Connects)
        {
            var result = Run(connect, Variables(provider, key));

            var error = result.TerminatingError ?? throw new Xunit.Sdk.XunitException("Expected a terminating error; got " + result.Describe());
            Assert.Equal("OutreachEmptyApiKey", ErrorId(error));
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        }
        Assert.Empty(Run("Get-OutreachConnection").Output);
    }

    /// <summary>
    /// Inside the key (white space around it is removed): lemlist's Basic credential takes ASCII
    /// and spaces, a Bearer header visible ASCII only.
    /// </summary>
    [Theory]
    [InlineData(SandboxProvider.Lemlist, "-é", "outside ASCII")]
    [InlineData(SandboxProvider.Lemlist, "\n-second-line", "line break")]
    [InlineData(SandboxProvider.Lemlist, "-\u0007", "control character")]
    [InlineData(SandboxProvider.Leadlex, " -two-words", "HTTP header")]
    [InlineData(SandboxProvider.Leadterra, "-\u00e9\n", "HTTP header")]
    public void AKeyItsProviderCannotCarryIsRefusedByConnectBeforeAnyRequest(SandboxProvider provider, string oddity, string said)
    {
        var key = KeyOf(provider) + oddity;
        foreach (var connect in Connects)
        {
            var result = Run(connect, Variables(provider, key), verbose: true);

            var error = result.TerminatingError ?? throw new Xunit.Sdk.XunitException("Expected a terminating error; got " + result.Describe());
            Assert.Equal("OutreachInvalidApiKey", ErrorId(error));
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Equal(connect.Contains("-Credential") ? "Credential" : "ApiKey", Assert.IsAssignableFrom<ArgumentException>(error.Exception).ParamName);
            Assert.Contains(said, error.Exception.Message);
            Assert.Matches(@"at position \d+ of \d+", error.Exception.Message);
            Assert.DoesNotContain(KeyOf(provider)[^12..], Everything.Seen(new[] { result }, Session));
        }
        Assert.Empty(Run("Get-OutreachConnection").Output);
        Assert.Empty(AllRequests());
    }

    [Fact]
    public void LemlistTakesASpaceInsideTheKeyWhichItsBasicCredentialCarries()
    {
        var result = Run("Connect-OutreachProvider -Provider Lemlist -ApiKey $key -BaseUri $uri -PassThru", Variables(SandboxProvider.Lemlist, "two words"));

        result.AssertNoErrors();
        Assert.Single(result.Output);
    }
}
