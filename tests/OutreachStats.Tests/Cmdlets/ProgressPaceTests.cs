using OutreachStats.Cmdlets;
using OutreachStats.Connections;
using OutreachStats.Http;
using OutreachStats.Model;
using OutreachStats.Providers;
using OutreachStats.Tests.Client;
using Xunit;

namespace OutreachStats.Tests.Cmdlets;

/// <summary>The time left that progress shows, and when it says the module's own default limit paces a run.</summary>
public sealed class ProgressPaceTests
{
    private static OutreachConnection Connection(OutreachProvider provider, Action<TransportOptions>? change = null)
    {
        var options = ProviderTable.For(provider).DefaultOptions();
        change?.Invoke(options);
        return new OutreachConnection(provider, new Uri("https://example.test/"), TestKeys.Create(TestKeys.Unique()), DateTime.Now, options);
    }

    [Fact]
    public void TheTimeLeftIsTheRequestsLeftOverTheBudgetsRate()
    {
        // lemlist: 20 requests per 2 s, so 100 single campaigns take at least 10 s; 2,001 in batches of 100 are 21 requests, 2.1 s.
        Assert.Equal(10, ProgressPace.For(Connection(OutreachProvider.Lemlist), 1).SecondsRemaining(100, 0, TimeSpan.Zero));
        Assert.Equal(3, ProgressPace.For(Connection(OutreachProvider.Lemlist), 100).SecondsRemaining(2001, 0, TimeSpan.Zero));
        // Leadterra at its default 60 per minute: 90 campaigns are 90 s at best.
        Assert.Equal(90, ProgressPace.For(Connection(OutreachProvider.Leadterra), 1).SecondsRemaining(90, 0, TimeSpan.Zero));
    }

    [Fact]
    public void ARunSlowerThanItsBudgetIsEstimatedFromWhatItTookSoFar()
    {
        var pace = ProgressPace.For(Connection(OutreachProvider.Lemlist), 1);

        // 10 campaigns done in 20 s is 2 s each, slower than the budget's 0.1 s: 50 left take 100 s.
        Assert.Equal(100, pace.SecondsRemaining(50, 10, TimeSpan.FromSeconds(20)));
        // Faster so far than the budget allows (the first window is free): the budget decides.
        Assert.Equal(5, pace.SecondsRemaining(50, 10, TimeSpan.FromSeconds(0.5)));
    }

    [Theory]
    [InlineData(OutreachProvider.Leadlex)]
    [InlineData(OutreachProvider.Leadterra)]
    public void TheModulesOwnDefaultForAProviderThatPublishesNoLimitIsNamedWithHowToRaiseIt(OutreachProvider provider)
    {
        var pace = ProgressPace.For(Connection(provider), 1);

        Assert.Contains("default of 60 requests per 60 s", pace.DefaultLimitNote);
        Assert.Contains("Connect-OutreachProvider -RateLimit", pace.DefaultLimitNote);
        Assert.True(pace.BudgetBinds(61));
        Assert.False(pace.BudgetBinds(60));
    }

    [Fact]
    public void APublishedLimitOrOneTheUserChoseNeedsNoNote()
    {
        Assert.Null(ProgressPace.For(Connection(OutreachProvider.Lemlist), 1).DefaultLimitNote);
        Assert.Null(ProgressPace.For(Connection(OutreachProvider.Smartlead), 1).DefaultLimitNote);
        Assert.Null(ProgressPace.For(Connection(OutreachProvider.Leadlex, o => o.RateLimit = 300), 1).DefaultLimitNote);
    }
}
