using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using OutreachStats.Http;
using OutreachStats.Model;
using OutreachStats.Providers.Lemlist;
using Xunit;
using Xunit.Sdk;

namespace OutreachStats.Tests.Client;

// The shared pieces of the client-level tests: a scripted fake server, a harness that wires a
// LemlistClient to it on a fake clock, the documented example bodies, and small assertion helpers.

/// <summary>One answer of the fake server; it may await the request's token (to hang or fail).</summary>
internal delegate Task<HttpResponseMessage> Reply(HttpRequestMessage request, CancellationToken cancellationToken);

/// <summary>What the fake server saw of one request, with the fake time it arrived.</summary>
internal sealed record RecordedRequest(
    HttpMethod Method,
    Uri Uri,
    AuthenticationHeaderValue? Authorization,
    string Accept,
    string? ContentType,
    string Body,
    DateTimeOffset At);

/// <summary>
/// An HttpMessageHandler that records every request and answers from a script: the n-th request
/// gets the n-th reply, and the last reply repeats for every later request.
/// </summary>
internal sealed class ScriptedHandler : HttpMessageHandler
{
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private readonly List<RecordedRequest> _requests = new();
    private Reply[] _script = { Replies.Json(ApiExamples.SingleStats) };

    public ScriptedHandler(TimeProvider time) => _time = time;

    public IReadOnlyList<RecordedRequest> Requests
    {
        get { lock (_gate) return _requests.ToArray(); }
    }

    public int RequestCount
    {
        get { lock (_gate) return _requests.Count; }
    }

    public RecordedRequest Single() => Assert.Single(Requests);

    public void Script(params Reply[] replies)
    {
        if (replies.Length == 0) throw new ArgumentException("A script needs at least one reply.", nameof(replies));
        lock (_gate) _script = replies;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // The client's request content is in memory, so reading it here completes at once.
        var body = request.Content is null ? string.Empty : request.Content.ReadAsStringAsync(cancellationToken).GetAwaiter().GetResult();
        Reply reply;
        lock (_gate)
        {
            _requests.Add(new RecordedRequest(
                request.Method,
                request.RequestUri!,
                request.Headers.Authorization,
                request.Headers.Accept.ToString(),
                request.Content?.Headers.ContentType?.MediaType,
                body,
                _time.GetUtcNow()));
            reply = _script[Math.Min(_requests.Count - 1, _script.Length - 1)];
        }
        return reply(request, cancellationToken);
    }
}

/// <summary>Ready-made answers for <see cref="ScriptedHandler"/>.</summary>
internal static class Replies
{
    public static Reply Json(string body, HttpStatusCode status = HttpStatusCode.OK) => Content(status, body, "application/json");

    public static Reply Text(HttpStatusCode status, string body) => Content(status, body, "text/plain");

    public static Reply Html(HttpStatusCode status, string body) => Content(status, body, "text/html");

    public static Reply Status(HttpStatusCode status) => Content(status, string.Empty, "text/plain");

    public static Reply Content(HttpStatusCode status, string body, string mediaType) =>
        Answer(status, () => new StringContent(body, Encoding.UTF8, mediaType));

    /// <summary>A 200 with a JSON content type and no bytes at all.</summary>
    public static Reply EmptyJson() => Answer(HttpStatusCode.OK, () =>
    {
        var content = new ByteArrayContent(Array.Empty<byte>());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    });

    /// <summary>A 429, with the Retry-After header exactly as given (seconds or an HTTP date) or none.</summary>
    public static Reply TooManyRequests(string? retryAfter = null) => (_, _) =>
    {
        var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Content = new StringContent("Too many requests", Encoding.UTF8, "text/plain") };
        if (retryAfter is not null) Assert.True(response.Headers.TryAddWithoutValidation("Retry-After", retryAfter));
        return Task.FromResult(response);
    };

    /// <summary>Headers, then a body shorter than its declared Content-Length: a connection cut mid-body.</summary>
    public static Reply CutShort() => Answer(HttpStatusCode.OK, () =>
    {
        var content = new StringContent("{\"nbLeads\":", Encoding.UTF8, "application/json");
        content.Headers.ContentLength = 1000;
        return content;
    });

    /// <summary>A body of <paramref name="bytes"/> bytes, with or without a declared length.</summary>
    public static Reply LargeJson(int bytes, bool declareLength) => Answer(HttpStatusCode.OK, () =>
    {
        var data = Encoding.UTF8.GetBytes("{\"nbLeads\":1" + new string(' ', bytes) + "}");
        HttpContent content = declareLength ? new ByteArrayContent(data) : new StreamContent(new UnseekableStream(data));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    });

    public static Reply Throws(Func<Exception> exception) => (_, _) => Task.FromException<HttpResponseMessage>(exception());

    /// <summary>Never answers; ends only when the request's token is cancelled (by the caller or the attempt timeout).</summary>
    /// <remarks>
    /// A task completed from the token's callback resumes its awaiter inline, inside the fake clock's
    /// Advance. A cancelled Task.Delay would resume it on the thread pool instead, and the clock could
    /// run on ahead of the call.
    /// </remarks>
    public static Reply NeverAnswers() => (_, cancellationToken) =>
    {
        var never = new TaskCompletionSource<HttpResponseMessage>();
        cancellationToken.Register(() => never.TrySetCanceled(cancellationToken));
        return never.Task;
    };

    private static Reply Answer(HttpStatusCode status, Func<HttpContent> content) =>
        (_, _) => Task.FromResult(new HttpResponseMessage(status) { Content = content() });

    /// <summary>A stream that cannot tell its length, so the response has no Content-Length.</summary>
    private sealed class UnseekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
    }
}

/// <summary>
/// A provider's transport on a <see cref="ScriptedHandler"/> and a <see cref="FakeTimeProvider"/>.
/// Each harness has its own API key by default, because RequestBudget.Open shares one budget
/// (and the clock of whoever created it first) per key across the whole process.
/// </summary>
internal abstract class ClientHarness : IDisposable
{
    protected ClientHarness(
        Func<ApiKey, HttpMessageHandler, bool, TransportOptions, ApiTransport> createTransport,
        Action<TransportOptions>? configure, string? key, FakeTimeProvider? time, Func<TransportOptions>? defaults = null)
    {
        Time = time ?? new FakeTimeProvider(new DateTimeOffset(2025, 3, 14, 9, 0, 0, TimeSpan.Zero));
        KeyText = key ?? TestKeys.Unique();
        Key = TestKeys.Create(KeyText);
        Options = defaults?.Invoke() ?? new TransportOptions();
        Options.TimeProvider = Time;
        configure?.Invoke(Options);
        Server = new ScriptedHandler(Time);
        Transport = createTransport(Key, Server, true, Options);
    }

    public FakeTimeProvider Time { get; }
    public string KeyText { get; }
    public ApiKey Key { get; }
    public TransportOptions Options { get; }
    public ScriptedHandler Server { get; }
    public ApiTransport Transport { get; }

    /// <summary>Everything the client passed to its log callback.</summary>
    public ConcurrentQueue<string> Log { get; } = new();

    public Action<string> LogSink => Log.Enqueue;

    /// <summary>What the fake server saw and the client logged, for a failure message.</summary>
    public string Describe() =>
        $"Requests at: [{string.Join(", ", Server.Requests.Select(r => r.At.ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture)))}]; log:"
        + string.Concat(Log.Select(line => Environment.NewLine + "  " + line));

    /// <summary>Fake time between request <paramref name="from"/> and request <paramref name="to"/> (0-based).</summary>
    public TimeSpan Gap(int from, int to) => Server.Requests[to].At - Server.Requests[from].At;

    /// <summary>A call run to its end on the fake clock.</summary>
    public Task<T> Run<T>(Task<T> call) => Time.RunUntilDone(call, Describe);

    public void Dispose()
    {
        Transport.Dispose();
        Key.Dispose();
    }
}

/// <summary>A LemlistClient on the scripted server and fake clock.</summary>
internal sealed class LemlistHarness : ClientHarness
{
    public static readonly Uri DefaultBase = new("https://api.lemlist.com/api");

    public LemlistHarness(Action<TransportOptions>? configure = null, string? key = null, Uri? baseUri = null, FakeTimeProvider? time = null)
        : base(LemlistProvider.Definition.CreateTransport, configure, key, time)
    {
        Client = new LemlistClient(baseUri ?? DefaultBase, Transport);
    }

    public LemlistClient Client { get; }

    /// <summary>One single-campaign call, run to its end on the fake clock.</summary>
    public Task<LemlistCampaignStats> GetStatsAsync(string campaignId = "cam_123", LemlistStatsWindow? window = null, CancellationToken cancellationToken = default) =>
        Run(Client.GetCampaignStatsAsync(campaignId, window ?? Windows.Plain(), LogSink, cancellationToken));

    /// <summary>One batch call, run to its end on the fake clock.</summary>
    public Task<IReadOnlyList<LemlistBatchEntry>> GetBatchAsync(IReadOnlyList<string> campaignIds, LemlistStatsWindow? window = null, CancellationToken cancellationToken = default) =>
        Run(Client.GetBatchStatsAsync(campaignIds, window ?? Windows.Plain(), LogSink, cancellationToken));

    public Task<OutreachApiException> StatsFailureAsync(string campaignId = "cam_123") =>
        Assert.ThrowsAsync<OutreachApiException>(() => GetStatsAsync(campaignId));

    public Task<OutreachApiException> BatchFailureAsync(params string[] campaignIds) =>
        Assert.ThrowsAsync<OutreachApiException>(() => GetBatchAsync(campaignIds));
}

internal static class TestKeys
{
    /// <summary>A key no other test uses, so no two tests share a rate budget.</summary>
    public static string Unique(string prefix = "test-key-") => prefix + Guid.NewGuid().ToString("N");

    /// <summary>A key shaped like the brief's example, unique per test: sk-super-secret- and 16 hex digits.</summary>
    public static string UniqueSecret() => "sk-super-secret-" + Guid.NewGuid().ToString("N").Substring(0, 16);

    public static ApiKey Create(string text) => new(new NetworkCredential(string.Empty, text).SecurePassword);
}

internal static class Windows
{
    /// <summary>The documented example window: 2024-01-07T22:00:00.000Z to 2025-07-10T21:59:59.999Z.</summary>
    public static readonly DateTime Start = new(2024, 1, 7, 22, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime End = new(2025, 7, 10, 21, 59, 59, 999, DateTimeKind.Utc);

    public static LemlistStatsWindow Plain() => new(Start, End, null, null, null);

    public static LemlistStatsWindow Filtered(string? sendUser = "usr_OcIHizJyIeaDxicQP|email@example.com", string? abVersion = "A", params string[] channels) =>
        new(Start, End, sendUser, abVersion, channels.Length == 0 ? new[] { "email", "linkedin" } : channels);
}

internal static class FakeClock
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Advances the fake clock in small steps until <paramref name="task"/> ends, so retries, backoff,
    /// Retry-After and the rate budget all play out in fake time. Bounded, so a hang fails the test:
    /// by ten minutes of fake time, or <paramref name="fakeTimeLimit"/> for a run meant to be longer.
    /// </summary>
    public static async Task<T> RunUntilDone<T>(this FakeTimeProvider time, Task<T> task, Func<string>? describe = null, TimeSpan? fakeTimeLimit = null)
    {
        await AdvanceUntilDone(time, task, describe, fakeTimeLimit ?? DefaultFakeTimeLimit);
        return await task;
    }

    public static async Task RunUntilDone(this FakeTimeProvider time, Task task, Func<string>? describe = null, TimeSpan? fakeTimeLimit = null)
    {
        await AdvanceUntilDone(time, task, describe, fakeTimeLimit ?? DefaultFakeTimeLimit);
        await task;
    }

    private static readonly TimeSpan DefaultFakeTimeLimit = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Advances the fake clock on a thread-pool thread: with no synchronization context and the default
    /// scheduler, everything the due timers wake runs inline, before this completes. Advanced from a
    /// test's own thread (xunit's context), .NET would queue those continuations to the thread pool
    /// instead, and the clock could run on ahead of the code under test.
    /// </summary>
    public static Task AdvanceAsync(this FakeTimeProvider time, TimeSpan by) => Task.Run(() => time.Advance(by));

    /// <summary>
    /// Ten minutes of fake time pass in milliseconds, faster than a busy machine may schedule the
    /// code the last timers woke; so once they have passed, the call gets real seconds to finish
    /// before it counts as hung. The clock keeps moving then, at a pace the code can follow: a call
    /// that was only slow may still be waiting for a window to pass (Smartlead's per second).
    /// </summary>
    private static Task AdvanceUntilDone(FakeTimeProvider time, Task task, Func<string>? describe, TimeSpan limit) => Task.Run(async () =>
    {
        var deadline = time.GetUtcNow() + limit;
        while (!task.IsCompleted && time.GetUtcNow() < deadline)
        {
            time.Advance(Step);
            await Task.Yield();
        }
        var settle = TimeSpan.FromSeconds(30);
        var settling = System.Diagnostics.Stopwatch.StartNew();
        while (!task.IsCompleted && settling.Elapsed < settle)
        {
            time.Advance(Step);
            await Task.Delay(10);
        }
        if (!task.IsCompleted)
        {
            throw new XunitException($"The call was still running after {limit} of fake time and {settle} of real time. {describe?.Invoke()}");
        }
    });

    /// <summary>The most instants that fall within any span of length <paramref name="span"/> (half-open).</summary>
    public static int MostWithinAnySpan(IEnumerable<DateTimeOffset> instants, TimeSpan span)
    {
        var sorted = instants.OrderBy(t => t).ToArray();
        var most = 0;
        for (int first = 0, last = 0; first < sorted.Length; first++)
        {
            while (last < sorted.Length && sorted[last] - sorted[first] < span) last++;
            most = Math.Max(most, last - first);
        }
        return most;
    }
}

internal static class Queries
{
    /// <summary>The query's parameters, names and values percent-decoded (a '+' stays a '+').</summary>
    public static Dictionary<string, string> Of(Uri uri) =>
        uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => p.Length > 1 ? Uri.UnescapeDataString(p[1]) : string.Empty);

    /// <summary>The value of one parameter exactly as it travels, still percent-encoded.</summary>
    public static string Raw(Uri uri, string name) =>
        uri.Query.TrimStart('?').Split('&').Select(pair => pair.Split('=', 2)).Single(p => p[0] == name)[1];
}

/// <summary>The example bodies of lemlist's OpenAPI documents, as JSON.</summary>
internal static class ApiExamples
{
    /// <summary>The counts of the documented example response (single and batch alike).</summary>
    public static void AssertDocumentedCounts(OutreachStats.Model.LemlistCampaignStats stats)
    {
        Assert.Equal(32, stats.NbLeads);
        Assert.Equal(32, stats.NbLeadsLaunched);
        Assert.Equal(32, stats.NbLeadsReached);
        Assert.Equal(31, stats.NbLeadsOpened);
        Assert.Equal(4, stats.NbLeadsInteracted);
        Assert.Equal(16, stats.NbLeadsAnswered);
        Assert.Equal(1, stats.NbLeadsInterested);
        Assert.Equal(0, stats.NbLeadsNotInterested);
        Assert.Equal(1, stats.Unsubscribed);
        Assert.Equal(1, stats.NbLeadsInterrupted);
        Assert.Equal(72, stats.Sent);
        Assert.Equal(0, stats.MessagesNotSent);
        Assert.Equal(0, stats.Bounced);
        Assert.Equal(72, stats.Delivered);
        Assert.Equal(47, stats.Opened);
        Assert.Equal(4, stats.Clicked);
        Assert.Equal(16, stats.Replied);
        Assert.Equal(0, stats.InvitationAccepted);
        Assert.Equal(0, stats.MeetingBooked);
        // The common rates are the counts over Sent.
        Assert.Equal(47.0 / 72, stats.OpenRate);
        Assert.Equal(4.0 / 72, stats.ClickRate);
        Assert.Equal(16.0 / 72, stats.ReplyRate);
        Assert.Equal(0.0, stats.BounceRate);
    }

    /// <summary>GET /v2/campaigns/{campaignId}/stats, 200 example.</summary>
    public const string SingleStats = """
        {
          "nbLeads": 32,
          "nbLeadsLaunched": 32,
          "nbLeadsReached": 32,
          "nbLeadsOpened": 31,
          "nbLeadsInteracted": 4,
          "nbLeadsAnswered": 16,
          "nbLeadsInterested": 1,
          "nbLeadsNotInterested": 0,
          "nbLeadsUnsubscribed": 1,
          "nbLeadsInterrupted": 1,
          "messagesSent": 72,
          "messagesNotSent": 0,
          "messagesBounced": 0,
          "delivered": 72,
          "opened": 47,
          "clicked": 4,
          "replied": 16,
          "invitationAccepted": 0,
          "meetingBooked": 0,
          "steps": [
            {
              "index": 1,
              "sequenceId": "seq_rH5RD3fMkkt2gM3YC",
              "sequenceStep": 0,
              "taskType": "linkedinSend",
              "invited": 0,
              "sent": 32,
              "delivered": 32,
              "opened": 15,
              "clicked": 0,
              "replied": 15,
              "notDelivered": 0,
              "bounced": 0,
              "unsubscribed": 1
            },
            {
              "index": 2,
              "sequenceId": "seq_rH5RD3fMkkt2gM3YC",
              "sequenceStep": 1,
              "invited": 0,
              "sent": 20,
              "delivered": 20,
              "opened": 17,
              "clicked": 1,
              "replied": 1,
              "notDelivered": 0,
              "bounced": 0,
              "unsubscribed": 0
            },
            {
              "index": 3,
              "sequenceId": "seq_rH5RD3fMkkt2gM3YC",
              "sequenceStep": 2,
              "invited": 0,
              "sent": 20,
              "delivered": 20,
              "opened": 15,
              "clicked": 3,
              "replied": 0,
              "notDelivered": 0,
              "bounced": 0,
              "unsubscribed": 0
            }
          ]
        }
        """;

    /// <summary>POST /v2/campaigns/stats/batch, 200 example.</summary>
    public const string BatchStats = """
        {
          "results": [
            {
              "campaignId": "cam_123",
              "nbLeads": 32,
              "nbLeadsLaunched": 32,
              "nbLeadsReached": 32,
              "nbLeadsOpened": 31,
              "nbLeadsInteracted": 4,
              "nbLeadsAnswered": 16,
              "nbLeadsInterested": 1,
              "nbLeadsNotInterested": 0,
              "nbLeadsUnsubscribed": 1,
              "nbLeadsInterrupted": 1,
              "messagesSent": 72,
              "messagesNotSent": 0,
              "messagesBounced": 0,
              "delivered": 72,
              "opened": 47,
              "clicked": 4,
              "replied": 16,
              "invitationAccepted": 0,
              "meetingBooked": 0,
              "steps": [
                {
                  "index": 1,
                  "sequenceId": "seq_rH5RD3fMkkt2gM3YC",
                  "sequenceStep": 0,
                  "taskType": "linkedinSend",
                  "invited": 0,
                  "sent": 32,
                  "delivered": 32,
                  "opened": 15,
                  "clicked": 0,
                  "replied": 15,
                  "notDelivered": 0,
                  "bounced": 0,
                  "unsubscribed": 1
                }
              ]
            }
          ],
          "errors": []
        }
        """;

    /// <summary>A minimal batch answer: one result per (campaignId, nbLeads) pair and the given error entries.</summary>
    public static string Batch(IEnumerable<(string Id, int NbLeads)> results, IEnumerable<(string Id, string Error)> errors) =>
        System.Text.Json.JsonSerializer.Serialize(new
        {
            results = results.Select(r => new { campaignId = r.Id, nbLeads = r.NbLeads }),
            errors = errors.Select(e => new { campaignId = e.Id, error = e.Error }),
        });
}
