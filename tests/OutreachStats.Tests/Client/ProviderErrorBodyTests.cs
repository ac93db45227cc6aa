using OutreachStats.Providers;
using Xunit;

namespace OutreachStats.Tests.Client;

/// <summary>The undocumented shapes of JSON error bodies, read into a code and a message.</summary>
public sealed class ProviderErrorBodyTests
{
    [Theory]
    [InlineData("""{"error":{"code":"campaign_not_found","message":"No campaign"}}""", "campaign_not_found", "No campaign")]
    [InlineData("""{"error":"campaign_not_found","message":"No campaign"}""", "campaign_not_found", "No campaign")]
    [InlineData("""{"code":"campaign_not_found","message":"No campaign"}""", "campaign_not_found", "No campaign")]
    [InlineData("""{"error":"campaign_not_found"}""", "campaign_not_found", null)]
    [InlineData("""{"error":"Campaign does not exist"}""", null, "Campaign does not exist")]
    [InlineData("""{"error":{"message":"nested only"},"code":"outer"}""", "outer", "nested only")]
    [InlineData("""{"code":404,"message":"Not here"}""", "404", "Not here")]
    [InlineData("""{"message":"just a message"}""", null, "just a message")]
    [InlineData("""{"ok":false}""", null, null)]
    [InlineData("""{"error":["a"]}""", null, null)]
    [InlineData("Not Found", null, null)]
    [InlineData("<html>404</html>", null, null)]
    [InlineData("", null, null)]
    [InlineData("{ broken", null, null)]
    public void EveryShapeGivesItsCodeAndMessage(string body, string? code, string? message)
    {
        var error = ProviderErrorBody.Read(body);

        Assert.Equal(code, error.Code);
        Assert.Equal(message, error.Message);
    }
}
