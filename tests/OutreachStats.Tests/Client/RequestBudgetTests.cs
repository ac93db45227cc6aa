using System.Net;
using Microsoft.Extensions.Time.Testing;
using OutreachStats.Http;
using Xunit;

namespace OutreachStats.Tests.Client;

/// <summary>lemlist's documented limit, 20 requests per 2 s per key, held on a fake clock.</summary>
public sealed class RequestBudgetTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan RealTimeBound = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 14, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task TwentyStartAtOnceAndTheTwentyFirstWaitsTwoSecondsFromTheFirstAnswer()
    {
        var budget = new RequestBudget(20, Window, _time);

        var slots = new List<IDisposable>();
        for (var i = 0; i < 20; i++)
        {
            var acquired = budget.AcquireAsync(CancellationToken.None);
            Assert.True(acquired.IsCompletedSuccessfully, $"acquisition {i + 1} waited");
            slots.Add(await acquired);
        }
        TimeSpan? reported = null;
        var twentyFirst = budget.AcquireAsync(CancellationToken.None, (waited, _) => reported = waited);

        // Every slot is in flight: nothing frees one but an answer.
        await _time.AdvanceAsync(TimeSpan.FromSeconds(5));
        Assert.False(twentyFirst.IsCompleted);
        slots[0].Dispose();
        // The waiter wakes on the thread pool (slow on a loaded machine) and then takes its timer;
        // should the clock move first, the waiter only finds less of the window left.
        await Task.Delay(50);
        await _time.AdvanceAsync(Window - TimeSpan.FromMilliseconds(1));
        Assert.False(twentyFirst.IsCompleted);
        Assert.Null(reported);
        await _time.AdvanceAsync(TimeSpan.FromMilliseconds(1));
        (await twentyFirst.WaitAsync(RealTimeBound)).Dispose();
        // Reported once it has its slot: the whole wait, for the answer and then the window.
        Assert.Equal(TimeSpan.FromSeconds(5) + Window, reported);
        foreach (var slot in slots) slot.Dispose();
    }

    // A request arrives at the server somewhere between taking its slot and its answer, so a slot
    // counts until a window after the answer: then no 21 arrivals fit in 2 s, whatever the delays.
    [Fact]
    public async Task ASlotCountsUntilAWindowAfterItsAnswer()
    {
        var budget = new RequestBudget(1, Window, _time);
        var slot = await budget.AcquireAsync(CancellationToken.None);
        await _time.AdvanceAsync(TimeSpan.FromSeconds(3));
        var next = budget.AcquireAsync(CancellationToken.None);

        slot.Dispose();
        await _time.AdvanceAsync(Window - TimeSpan.FromMilliseconds(1));
        Assert.False(next.IsCompleted);
        await _time.AdvanceAsync(TimeSpan.FromMilliseconds(1));
        (await next.WaitAsync(RealTimeBound)).Dispose();
    }

    // Two runspaces may connect the same key with different -RateLimit settings: one budget must
    // serve both, and it must not be looser than either asked for.
    [Fact]
    public void ConnectionsOfOneKeyShareOneBudgetHoldingTheStrictestLimitAndWindow()
    {
        var key = Guid.NewGuid().ToString("N");

        using var first = RequestBudget.Open("Lemlist", key, 20, Window, _time);
        using var second = RequestBudget.Open("Lemlist", key, 10, TimeSpan.FromSeconds(1), _time);
        using var third = RequestBudget.Open("Lemlist", key, 15, TimeSpan.FromSeconds(3), _time);
        using var otherProvider = RequestBudget.Open("Smartlead", key, 20, Window, _time);
        using var otherKey = RequestBudget.Open("Lemlist", key + "-other", 20, Window, _time);

        Assert.Same(first.Budget, second.Budget);
        Assert.Same(first.Budget, third.Budget);
        Assert.Equal(10, first.Budget.Limit);
        Assert.Equal(TimeSpan.FromSeconds(3), first.Budget.Window);
        Assert.NotSame(first.Budget, otherProvider.Budget);
        Assert.NotSame(first.Budget, otherKey.Budget);
    }

    [Fact]
    public void ClosingTheStrictConnectionGivesTheOthersTheirOwnLimitBack()
    {
        var key = Guid.NewGuid().ToString("N");
        using var roomy = RequestBudget.Open("Lemlist", key, 20, Window, _time);
        var strict = RequestBudget.Open("Lemlist", key, 1, TimeSpan.FromSeconds(5), _time);
        Assert.Equal(1, roomy.Budget.Limit);

        strict.Dispose();

        Assert.Equal(20, roomy.Budget.Limit);
        Assert.Equal(Window, roomy.Budget.Window);
    }

    [Fact]
    public async Task ANewConnectionAfterTheLastClosedInheritsWhatTheProviderStillCountsThenStartsAfresh()
    {
        var key = Guid.NewGuid().ToString("N");
        var strict = RequestBudget.Open("Lemlist", key, 1, Window, _time);
        (await strict.Budget.AcquireAsync(CancellationToken.None)).Dispose();
        strict.Dispose();

        // Within the window the provider still counts that request: the same budget, and the new
        // connection's own limit, not the closed one's.
        using (var soon = RequestBudget.Open("Lemlist", key, 20, Window, _time))
        {
            Assert.Same(strict.Budget, soon.Budget);
            Assert.Equal(20, soon.Budget.Limit);
            Assert.Equal((1, 0), soon.Budget.Usage());
        }

        _time.Advance(Window);
        using var later = RequestBudget.Open("Lemlist", key, 20, Window, _time);
        Assert.NotSame(strict.Budget, later.Budget);
        Assert.Equal((0, 0), later.Budget.Usage());
    }

    [Fact]
    public async Task AWaiterHeldByAStrictLimitStartsWhenThatConnectionCloses()
    {
        var key = Guid.NewGuid().ToString("N");
        using var roomy = RequestBudget.Open("Lemlist", key, 20, Window, _time);
        var strict = RequestBudget.Open("Lemlist", key, 1, TimeSpan.FromMinutes(1), _time);
        var held = await roomy.Budget.AcquireAsync(CancellationToken.None);
        var waiting = roomy.Budget.AcquireAsync(CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        strict.Dispose();

        (await waiting.WaitAsync(RealTimeBound)).Dispose();
        held.Dispose();
    }

    [Fact]
    public async Task DisposingASlotTwiceReleasesItOnce()
    {
        var budget = new RequestBudget(2, Window, _time);
        var slot = await budget.AcquireAsync(CancellationToken.None);
        slot.Dispose();
        slot.Dispose();

        Assert.True(budget.AcquireAsync(CancellationToken.None).IsCompletedSuccessfully);
        Assert.False(budget.AcquireAsync(CancellationToken.None).IsCompleted);
    }

    // A sliding window: the 21st may start once the *first* answer leaves the window, not at a fixed boundary.
    [Fact]
    public async Task TheWindowSlidesFromEachEarlierAnswer()
    {
        var budget = new RequestBudget(20, Window, _time);
        (await budget.AcquireAsync(CancellationToken.None)).Dispose();
        await _time.AdvanceAsync(TimeSpan.FromMilliseconds(500));
        for (var i = 0; i < 19; i++) (await budget.AcquireAsync(CancellationToken.None)).Dispose();

        var waits = new List<TimeSpan>();
        var twentyFirst = budget.AcquireAsync(CancellationToken.None, (waited, _) => waits.Add(waited));
        Assert.Empty(waits);

        await _time.AdvanceAsync(TimeSpan.FromMilliseconds(1500));
        (await twentyFirst.WaitAsync(RealTimeBound)).Dispose();
        Assert.Equal(new[] { TimeSpan.FromMilliseconds(1500) }, waits);

        // Now 19 answers at 0.5 s and one at 2.0 s: the next may start at 2.5 s.
        waits.Clear();
        var twentySecond = budget.AcquireAsync(CancellationToken.None, (waited, _) => waits.Add(waited));
        await _time.AdvanceAsync(TimeSpan.FromMilliseconds(499));
        Assert.False(twentySecond.IsCompleted);
        await _time.AdvanceAsync(TimeSpan.FromMilliseconds(1));
        (await twentySecond.WaitAsync(RealTimeBound)).Dispose();
        Assert.Equal(new[] { TimeSpan.FromMilliseconds(500) }, waits);
    }

    [Fact]
    public async Task AHundredAcquisitionsNeverPutMoreThanTwentyInAnyTwoSecondsAndLoseNoTime()
    {
        var budget = new RequestBudget(20, Window, _time);
        var begin = _time.GetUtcNow();

        var starts = await _time.RunUntilDone(Task.WhenAll(Enumerable.Range(0, 100).Select(_ => StartAsync(budget))));

        Assert.Equal(20, FakeClock.MostWithinAnySpan(starts, Window));
        // Five full windows: the last twenty start at 8 s, not later.
        Assert.Equal(TimeSpan.FromSeconds(8), starts.Max() - begin);
    }

    [Fact]
    public async Task CancellingAWaitingAcquisitionEndsItAtOnceAndTakesNoSlot()
    {
        var budget = new RequestBudget(20, Window, _time);
        var slots = new List<IDisposable>();
        for (var i = 0; i < 20; i++) slots.Add(await budget.AcquireAsync(CancellationToken.None));
        using var cancellation = new CancellationTokenSource();
        var waiting = budget.AcquireAsync(cancellation.Token);

        cancellation.Cancel();

        // No fake time passes and no slot is released: it must end on the cancellation alone.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(RealTimeBound));
        foreach (var slot in slots) slot.Dispose();
        await _time.AdvanceAsync(Window);
        for (var i = 0; i < 20; i++) Assert.True(budget.AcquireAsync(CancellationToken.None).IsCompletedSuccessfully);
    }

    [Fact]
    public async Task AnAlreadyCancelledTokenDoesNotWaitForASlot()
    {
        var budget = new RequestBudget(1, Window, _time);
        using var held = await budget.AcquireAsync(CancellationToken.None);

        var waiting = budget.AcquireAsync(new CancellationToken(canceled: true));

        Assert.True(waiting.IsCanceled);
    }

    [Fact]
    public async Task FortyFiveCallsThroughTheClientNeverPutMoreThanTwentyStartsInAnyTwoSeconds()
    {
        using var h = new LemlistHarness(o => { o.RateLimit = 20; o.RateLimitWindow = Window; });

        var calls = Enumerable.Range(0, 45).Select(i => h.Client.GetCampaignStatsAsync("cam_" + i, Windows.Plain(), h.LogSink, CancellationToken.None));
        await h.Time.RunUntilDone(Task.WhenAll(calls), h.Describe);

        var starts = h.Server.Requests.Select(r => r.At).ToArray();
        Assert.Equal(45, starts.Length);
        Assert.Equal(20, FakeClock.MostWithinAnySpan(starts, Window));
        Assert.Equal(TimeSpan.FromSeconds(4), starts.Max() - starts.Min());
        Assert.Contains(h.Log, line => line.Contains("': Waited ") && line.Contains("20 requests per 2 s"));
    }

    [Fact]
    public async Task TwoConnectionsWithTheSameKeyShareOneBudget()
    {
        var key = TestKeys.Unique();
        using var first = new LemlistHarness(o => { o.RateLimit = 3; o.RateLimitWindow = TimeSpan.FromSeconds(10); }, key);
        using var second = new LemlistHarness(o => { o.RateLimit = 3; o.RateLimitWindow = TimeSpan.FromSeconds(10); }, key, time: first.Time);
        var begin = first.Time.GetUtcNow();

        for (var i = 0; i < 3; i++) await first.GetStatsAsync();
        await second.GetStatsAsync();

        Assert.True(second.Server.Single().At - begin >= TimeSpan.FromSeconds(10), "the second connection did not wait for the key's budget");
    }

    [Fact]
    public async Task EveryRetryTakesASlotInTheBudget()
    {
        using var h = new LemlistHarness(o =>
        {
            o.RateLimit = 2;
            o.RateLimitWindow = TimeSpan.FromSeconds(10);
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(10);
        });
        h.Server.Script(Replies.Text(HttpStatusCode.ServiceUnavailable, "busy"), Replies.Text(HttpStatusCode.ServiceUnavailable, "busy"), Replies.Json(ApiExamples.SingleStats));

        await h.GetStatsAsync();

        Assert.Equal(3, h.Server.RequestCount);
        Assert.True(h.Gap(0, 1) < TimeSpan.FromSeconds(1), $"first retry came after {h.Gap(0, 1)}");
        Assert.True(h.Gap(0, 2) >= TimeSpan.FromSeconds(10), $"the third attempt started {h.Gap(0, 2)} after the first, inside the budget's window");
    }

    private async Task<DateTimeOffset> StartAsync(RequestBudget budget)
    {
        // An instant request: its answer comes as it starts.
        (await budget.AcquireAsync(CancellationToken.None).ConfigureAwait(false)).Dispose();
        return _time.GetUtcNow();
    }
}
