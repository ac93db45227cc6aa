using OutreachStats.Http;
using OutreachStats.Model;
using OutreachStats.Providers;
using Xunit;

namespace OutreachStats.Tests.Client;

/// <summary>Every provider is one definition in one table, and shared code asks it.</summary>
public sealed class ProviderTableTests
{
    [Fact]
    public void EveryProviderHasExactlyOneDefinition()
    {
        Assert.Equal(Enum.GetValues<OutreachProvider>(), ProviderTable.All.Select(d => d.Provider).Order());
        Assert.All(Enum.GetValues<OutreachProvider>(), p => Assert.Same(ProviderTable.All.Single(d => d.Provider == p), ProviderTable.For(p)));
    }

    [Theory]
    [InlineData(OutreachProvider.Lemlist, "https://api.lemlist.com/api")]
    [InlineData(OutreachProvider.Smartlead, "https://server.smartlead.ai/")]
    [InlineData(OutreachProvider.Leadlex, "https://data.leadlex.com/functions/v1/api-gateway")]
    [InlineData(OutreachProvider.Leadterra, "https://app.leadterra.co/")]
    public void EachDefinitionCarriesItsDocumentedServer(OutreachProvider provider, string uri)
    {
        Assert.Equal(new Uri(uri), ProviderTable.For(provider).DocumentedBaseUri);
        Assert.Equal(new Uri(uri), Connections.OutreachConnection.DefaultBaseUri(provider));
    }

    [Theory]
    [InlineData("Leadlex", OutreachErrorKind.AccessDenied, "LeadlexInsufficientPermissions")]
    [InlineData("Leadlex", OutreachErrorKind.KeyRejected, "LeadlexInvalidKey")]
    [InlineData("Leadterra", OutreachErrorKind.KeyRejected, "LeadterraAuthenticationFailed")]
    [InlineData("Leadterra", OutreachErrorKind.BadRequest, "LeadterraInvalidRequest")]
    [InlineData("Lemlist", OutreachErrorKind.KeyRejected, "LemlistKeyRejected")]
    [InlineData("Smartlead", OutreachErrorKind.InternalError, "SmartleadInternalError")]
    public void ErrorIdsAreTheProviderThenItsDocumentedCodeOrTheKind(string provider, OutreachErrorKind kind, string errorId)
    {
        Assert.Equal(errorId, ProviderTable.ErrorId(provider, kind));
    }

    [Theory]
    [InlineData(20, 2.0, true)]
    [InlineData(10, 1.0, true)]
    [InlineData(21, 2.0, false)]
    [InlineData(20, 1.0, false)]
    public void LemlistsDefinitionRefusesLimitsThatCouldPassItsOwn(int limit, double windowSeconds, bool allowed)
    {
        var problem = ProviderTable.For(OutreachProvider.Lemlist).LimitProblem(new TransportOptions { RateLimit = limit, RateLimitWindow = TimeSpan.FromSeconds(windowSeconds) });

        Assert.Equal(allowed, problem is null);
        Assert.Null(ProviderTable.For(OutreachProvider.Smartlead).LimitProblem(new TransportOptions { RateLimit = 1000, RateLimitWindow = TimeSpan.FromSeconds(1) }));
    }
}
