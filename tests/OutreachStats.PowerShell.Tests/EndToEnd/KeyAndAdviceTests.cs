using System.Management.Automation;
using OutreachStats.PowerShell.Tests.Infrastructure;
using OutreachStats.Sandbox;
using Xunit;

namespace OutreachStats.PowerShell.Tests.EndToEnd;

/// <summary>
/// A key a provider cannot take is refused by Connect-OutreachProvider, before any request; what
/// to do about a failure is said by the cmdlets, after the engine's account of what happened.
/// </summary>
public sealed class KeyAndAdviceTests : SandboxTestBase
{
    protected override SandboxOptions Options => new() { Seed = 7, CampaignsPerProvider = 10 };

    [Theory]
    [InlineData("Leadlex", " inner-space")]
    [InlineData("Leadterra", "line\nbreak")]
    [InlineData("Leadlex", "non-ASCII-é")]
    public void ABearerKeyThatAHeaderCannotCarryIsRefusedBeforeAnyRequest(string provider, string oddity)
    {
        var key = SandboxKeys.Valid(Enum.Parse<SandboxProvider>(provider)) + oddity;

        var result = Run("Connect-OutreachProvider -Provider $provider -ApiKey $key -BaseUri $uri", new()
        {
            ["provider"] = provider,
            ["key"] = LemlistTestBase.Secure(key),
            ["uri"] = Sandbox.BaseUri(Enum.Parse<SandboxProvider>(provider)),
        });

        var error = result.TerminatingError!;
        Assert.Equal("OutreachInvalidApiKey", ErrorId(error));
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("HTTP header", error.Exception.Message);
        Assert.DoesNotContain("Kq7Vw2", error.ToString());
        Assert.Empty(Run("Get-OutreachConnection").Output);
        Assert.Equal(0, Sandbox.Counters.Snapshot()[Enum.Parse<SandboxProvider>(provider)].Requests);
    }

    [Fact]
    public void TheAdviceFollowsTheMessageAndIsTheRecommendedAction()
    {
        Connect(SandboxProvider.Leadterra, SandboxKeys.Revoked(SandboxProvider.Leadterra));
        var id = Sandbox.Campaigns(SandboxProvider.Leadterra, 0, 1)[0].Id;

        var result = Run("Get-LeadterraCampaignStats $id", new() { ["id"] = id });

        var error = result.TerminatingError!;
        Assert.Equal("LeadterraAuthenticationFailed", ErrorId(error));
        Assert.DoesNotContain("Connect-OutreachProvider", error.Exception.Message);
        Assert.Equal("Check the key, then run Connect-OutreachProvider -Provider Leadterra again.", error.ErrorDetails.RecommendedAction);
        Assert.Equal(error.Exception.Message + " " + error.ErrorDetails.RecommendedAction, error.ToString());
    }
}
