using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OutreachStats.PowerShell.Tests.Infrastructure;

/// <summary>One request as the fake server received it.</summary>
public sealed record RecordedRequest(
    string Method,
    string Path,
    string QueryString,
    IReadOnlyDictionary<string, string> Query,
    string? Authorization,
    string Body,
    TimeSpan ArrivedAt)
{
    /// <summary>The campaign ID of a single-campaign request (from the path), else null.</summary>
    public string? CampaignId => FakeLemlistServer.SingleCampaignId(Path);

    /// <summary>The campaignIds of a batch request's JSON body.</summary>
    public IReadOnlyList<string> BatchCampaignIds =>
        JsonNode.Parse(Body)?["campaignIds"]?.AsArray().Select(n => n!.GetValue<string>()).ToList() ?? new List<string>();

    /// <summary>A string field of a batch request's JSON body, or null.</summary>
    public string? BodyField(string name) => JsonNode.Parse(Body)?[name] is JsonValue value ? value.GetValue<string>() : null;

    /// <summary>The JSON text of a field of the batch request's body, or null.</summary>
    public string? BodyJson(string name) => JsonNode.Parse(Body)?[name]?.ToJsonString();
}

/// <summary>
/// A lemlist stand-in on Kestrel, bound to 127.0.0.1 on a free port, speaking the two documented
/// statistics routes: GET /v2/campaigns/{campaignId}/stats and POST /v2/campaigns/stats/batch,
/// with Basic authentication (empty user, the key as password). It records every request and is
/// scripted per test: which campaigns exist, per-campaign answers, 429s, latency and hangs.
/// One instance per test.
/// </summary>
public sealed class FakeLemlistServer : IAsyncDisposable
{
    /// <summary>The documented example response (lemlist-campaign-stats.md), 3 steps.</summary>
    public const string ExampleStatsJson = """
        {
          "nbLeads": 32, "nbLeadsLaunched": 32, "nbLeadsReached": 32, "nbLeadsOpened": 31,
          "nbLeadsInteracted": 4, "nbLeadsAnswered": 16, "nbLeadsInterested": 1, "nbLeadsNotInterested": 0,
          "nbLeadsUnsubscribed": 1, "nbLeadsInterrupted": 1, "messagesSent": 72, "messagesNotSent": 0,
          "messagesBounced": 0, "delivered": 72, "opened": 47, "clicked": 4, "replied": 16,
          "invitationAccepted": 0, "meetingBooked": 0,
          "steps": [
            { "index": 1, "sequenceId": "seq_rH5RD3fMkkt2gM3YC", "sequenceStep": 0, "taskType": "linkedinSend",
              "invited": 0, "sent": 32, "delivered": 32, "opened": 15, "clicked": 0, "replied": 15,
              "notDelivered": 0, "bounced": 0, "unsubscribed": 1 },
            { "index": 2, "sequenceId": "seq_rH5RD3fMkkt2gM3YC", "sequenceStep": 1,
              "invited": 0, "sent": 20, "delivered": 20, "opened": 17, "clicked": 1, "replied": 1,
              "notDelivered": 0, "bounced": 0, "unsubscribed": 0 },
            { "index": 3, "sequenceId": "seq_rH5RD3fMkkt2gM3YC", "sequenceStep": 2,
              "invited": 0, "sent": 20, "delivered": 20, "opened": 15, "clicked": 3, "replied": 0,
              "notDelivered": 0, "bounced": 0, "unsubscribed": 0 }
          ]
        }
        """;

    private const string StatsPrefix = "/v2/campaigns/";
    private const string StatsSuffix = "/stats";
    private const string BatchPath = "/v2/campaigns/stats/batch";

    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping = new();
    private CancellationTokenSource _releaseHangs = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentDictionary<string, CannedAnswer> _overrides = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _arrived = new(0);
    private int _rateLimitedRemaining;
    private int _retryAfterSeconds = 1;

    private FakeLemlistServer(WebApplication app, string apiKey)
    {
        _app = app;
        ApiKey = apiKey;
    }

    /// <summary>The key the server accepts.</summary>
    public string ApiKey { get; }

    /// <summary>The server's root, as given to Connect-OutreachProvider -BaseUri.</summary>
    public Uri BaseUri { get; private set; } = null!;

    /// <summary>Which campaigns exist; every campaign by default.</summary>
    public Func<string, bool> CampaignExists { get; set; } = _ => true;

    /// <summary>Delay before answering a request for a campaign (null for a batch request).</summary>
    public Func<string?, TimeSpan> Latency { get; set; } = _ => TimeSpan.Zero;

    /// <summary>When set, every request waits this long before any answer (until the client goes away or the server stops).</summary>
    public TimeSpan? Hang { get; set; }

    /// <summary>Every request received so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _requests.ToList();

    public static async Task<FakeLemlistServer> StartAsync(string apiKey)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(5));
        var app = builder.Build();
        var server = new FakeLemlistServer(app, apiKey);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.BaseUri = new Uri(address.Replace("[::]", "127.0.0.1") + "/");
        return server;
    }

    /// <summary>Only these campaigns exist.</summary>
    public void OnlyCampaigns(params string[] ids)
    {
        var set = new HashSet<string>(ids, StringComparer.Ordinal);
        CampaignExists = set.Contains;
    }

    /// <summary>Every campaign exists except these.</summary>
    public void MissingCampaigns(params string[] ids)
    {
        var set = new HashSet<string>(ids, StringComparer.Ordinal);
        CampaignExists = id => !set.Contains(id);
    }

    /// <summary>
    /// Answers requests for <paramref name="campaignId"/> with this status and body (after the
    /// key is checked). A batch request containing the campaign gets the same answer as a whole.
    /// </summary>
    public void Override(string campaignId, int status, string body, string contentType = "text/plain; charset=utf-8") =>
        _overrides[campaignId] = new CannedAnswer(status, body, contentType);

    /// <summary>The next <paramref name="count"/> requests get 429 with Retry-After.</summary>
    public void RateLimitNext(int count, int retryAfterSeconds = 1)
    {
        Volatile.Write(ref _retryAfterSeconds, retryAfterSeconds);
        Volatile.Write(ref _rateLimitedRemaining, count);
    }

    /// <summary>Ends every hang and latency wait now (the waiting requests are aborted), and stops hanging.</summary>
    public void ReleaseHangs()
    {
        Hang = null;
        Interlocked.Exchange(ref _releaseHangs, new CancellationTokenSource()).Cancel();
    }

    /// <summary>Waits until at least <paramref name="count"/> requests have arrived.</summary>
    public async Task WaitForRequestsAsync(int count, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (_requests.Count < count)
        {
            try
            {
                await _arrived.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Expected {count} request(s) within {timeout}, got {_requests.Count}.");
            }
        }
    }

    /// <summary>The Authorization header lemlist expects for <paramref name="key"/>.</summary>
    public static string BasicAuthorization(string key) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(":" + key));

    internal static string? SingleCampaignId(string path) =>
        path.StartsWith(StatsPrefix, StringComparison.Ordinal) && path.EndsWith(StatsSuffix, StringComparison.Ordinal)
        && path.Length > StatsPrefix.Length + StatsSuffix.Length && path != BatchPath
            ? path.Substring(StatsPrefix.Length, path.Length - StatsPrefix.Length - StatsSuffix.Length)
            : null;

    public async ValueTask DisposeAsync()
    {
        _stopping.Cancel();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _app.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
        }
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var arrived = _clock.Elapsed;
        string body;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync();
        }
        var path = request.Path.Value ?? string.Empty;
        var recorded = new RecordedRequest(
            request.Method,
            path,
            request.QueryString.Value ?? string.Empty,
            request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal),
            request.Headers.Authorization.Count > 0 ? request.Headers.Authorization.ToString() : null,
            body,
            arrived);
        _requests.Enqueue(recorded);
        _arrived.Release();

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token, Volatile.Read(ref _releaseHangs).Token);
        try
        {
            if (Hang is { } hang) await Task.Delay(hang, linked.Token);
            var latency = Latency(recorded.CampaignId);
            if (latency > TimeSpan.Zero) await Task.Delay(latency, linked.Token);
        }
        catch (OperationCanceledException)
        {
            context.Abort();
            return;
        }

        if (TakeRateLimited())
        {
            context.Response.Headers.RetryAfter = Volatile.Read(ref _retryAfterSeconds).ToString();
            context.Response.Headers["X-RateLimit-Limit"] = "20";
            context.Response.Headers["X-RateLimit-Remaining"] = "0";
            await Text(context, 429, "Too Many Requests");
            return;
        }

        if (!string.Equals(recorded.Authorization, BasicAuthorization(ApiKey), StringComparison.Ordinal))
        {
            context.Response.StatusCode = 401;
            return;
        }

        var campaignId = recorded.CampaignId;
        if (campaignId is not null)
        {
            if (request.Method != HttpMethods.Get)
            {
                await Text(context, 405, "Bad method");
                return;
            }
            await SingleAsync(context, campaignId, recorded);
            return;
        }
        if (path == BatchPath)
        {
            if (request.Method != HttpMethods.Post)
            {
                await Text(context, 405, "Bad method");
                return;
            }
            await BatchAsync(context, body);
            return;
        }
        await Text(context, 404, "Not Found");
    }

    private bool TakeRateLimited()
    {
        while (true)
        {
            var remaining = Volatile.Read(ref _rateLimitedRemaining);
            if (remaining <= 0) return false;
            if (Interlocked.CompareExchange(ref _rateLimitedRemaining, remaining - 1, remaining) == remaining) return true;
        }
    }

    private async Task SingleAsync(HttpContext context, string campaignId, RecordedRequest request)
    {
        if (_overrides.TryGetValue(campaignId, out var canned))
        {
            await canned.WriteAsync(context);
            return;
        }
        if (!request.Query.TryGetValue("startDate", out var start) || !request.Query.TryGetValue("endDate", out var end)
            || !IsIsoDate(start) || !IsIsoDate(end))
        {
            await Text(context, 400, "Bad params: startDate and endDate are required");
            return;
        }
        if (!CampaignExists(campaignId))
        {
            await Text(context, 404, "Campaign not found");
            return;
        }
        await Json(context, ExampleStatsJson);
    }

    private async Task BatchAsync(HttpContext context, string body)
    {
        JsonNode? json;
        try
        {
            json = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            await Text(context, 400, "Bad params: campaignIds must be a non-empty array");
            return;
        }
        if (json?["campaignIds"] is not JsonArray idsNode || idsNode.Count == 0)
        {
            await Text(context, 400, "Bad params: campaignIds must be a non-empty array");
            return;
        }
        if (idsNode.Count > 100)
        {
            await Text(context, 400, "Bad params: campaignIds must contain at most 100 items");
            return;
        }
        if (json["startDate"]?.GetValue<string>() is not { } start || json["endDate"]?.GetValue<string>() is not { } end
            || !IsIsoDate(start) || !IsIsoDate(end))
        {
            await Text(context, 400, "Bad params: startDate and endDate are required");
            return;
        }
        var ids = idsNode.Select(n => n!.GetValue<string>()).ToList();
        foreach (var id in ids)
        {
            if (_overrides.TryGetValue(id, out var canned))
            {
                await canned.WriteAsync(context);
                return;
            }
        }
        var results = new JsonArray();
        var errors = new JsonArray();
        foreach (var id in ids)
        {
            if (CampaignExists(id))
            {
                var stats = JsonNode.Parse(ExampleStatsJson)!.AsObject();
                stats.Insert(0, "campaignId", id);
                results.Add(stats);
            }
            else
            {
                errors.Add(new JsonObject { ["campaignId"] = id, ["error"] = "Campaign not found" });
            }
        }
        await Json(context, new JsonObject { ["results"] = results, ["errors"] = errors }.ToJsonString());
    }

    private static bool IsIsoDate(string value) =>
        DateTime.TryParseExact(value, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out _);

    private static Task Text(HttpContext context, int status, string text) =>
        new CannedAnswer(status, text, "text/plain; charset=utf-8").WriteAsync(context);

    private static Task Json(HttpContext context, string json) =>
        new CannedAnswer(200, json, "application/json; charset=utf-8").WriteAsync(context);

    private sealed record CannedAnswer(int Status, string Body, string ContentType)
    {
        public async Task WriteAsync(HttpContext context)
        {
            context.Response.StatusCode = Status;
            context.Response.ContentType = ContentType;
            await context.Response.WriteAsync(Body);
        }
    }
}
