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
    /// <summary>The campaign ID the request names (from its path), else null.</summary>
    public string? CampaignId { get; init; }

    /// <summary>The campaignIds of a batch request's JSON body.</summary>
    public IReadOnlyList<string> BatchCampaignIds =>
        JsonNode.Parse(Body)?["campaignIds"]?.AsArray().Select(n => n!.GetValue<string>()).ToList() ?? new List<string>();

    /// <summary>A string field of a batch request's JSON body, or null.</summary>
    public string? BodyField(string name) => JsonNode.Parse(Body)?[name] is JsonValue value ? value.GetValue<string>() : null;

    /// <summary>The JSON text of a field of the batch request's body, or null.</summary>
    public string? BodyJson(string name) => JsonNode.Parse(Body)?[name]?.ToJsonString();
}

/// <summary>
/// A provider stand-in on Kestrel, bound to 127.0.0.1 on a free port. It records every request
/// and is scripted per test: which campaigns exist, per-campaign answers, 429s, latency and
/// hangs. Each provider's fake adds its routes and authentication. One instance per test.
/// </summary>
public abstract class FakeServer : IAsyncDisposable
{
    private WebApplication _app = null!;
    private readonly CancellationTokenSource _stopping = new();
    private CancellationTokenSource _releaseHangs = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentDictionary<string, CannedAnswer> _overrides = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _arrived = new(0);
    private int _rateLimitedRemaining;
    private int _retryAfterSeconds = 1;

    protected FakeServer(string apiKey) => ApiKey = apiKey;

    /// <summary>The key the server accepts.</summary>
    public string ApiKey { get; }

    /// <summary>The server's root, as given to Connect-OutreachProvider -BaseUri.</summary>
    public Uri BaseUri { get; private set; } = null!;

    /// <summary>Which campaigns exist; every campaign by default.</summary>
    public Func<string, bool> CampaignExists { get; set; } = _ => true;

    /// <summary>Delay before answering a request for a campaign (null for a request without one).</summary>
    public Func<string?, TimeSpan> Latency { get; set; } = _ => TimeSpan.Zero;

    /// <summary>When set, every request waits this long before any answer (until the client goes away or the server stops).</summary>
    public TimeSpan? Hang { get; set; }

    /// <summary>Every request received so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _requests.ToList();

    /// <summary>Starts <paramref name="server"/> on a free loopback port.</summary>
    protected static async Task<T> StartAsync<T>(T server) where T : FakeServer
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(5));
        var app = builder.Build();
        server._app = app;
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

    /// <summary>The campaign a request's path names, or null.</summary>
    protected abstract string? CampaignIdOf(string path);

    /// <summary>Whether the request carries this server's key, the provider's way.</summary>
    protected abstract bool IsAuthorized(RecordedRequest request);

    /// <summary>The provider's answer when the key is missing or wrong.</summary>
    protected virtual Task RejectKeyAsync(HttpContext context)
    {
        context.Response.StatusCode = 401;
        return Task.CompletedTask;
    }

    /// <summary>Answers an authorised request that no override took.</summary>
    protected abstract Task RouteAsync(HttpContext context, RecordedRequest request);

    /// <summary>Writes the override for <paramref name="campaignId"/>, if there is one.</summary>
    protected async Task<bool> TryOverrideAsync(HttpContext context, string campaignId)
    {
        if (!_overrides.TryGetValue(campaignId, out var canned)) return false;
        await canned.WriteAsync(context);
        return true;
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
            arrived)
        {
            CampaignId = CampaignIdOf(path),
        };
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
            context.Response.Headers["X-RateLimit-Remaining"] = "0";
            await Text(context, 429, "Too Many Requests");
            return;
        }
        if (!IsAuthorized(recorded))
        {
            await RejectKeyAsync(context);
            return;
        }
        if (recorded.CampaignId is { } id && await TryOverrideAsync(context, id)) return;
        await RouteAsync(context, recorded);
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

    protected static Task Text(HttpContext context, int status, string text) =>
        new CannedAnswer(status, text, "text/plain; charset=utf-8").WriteAsync(context);

    protected static Task Json(HttpContext context, string json, int status = 200) =>
        new CannedAnswer(status, json, "application/json; charset=utf-8").WriteAsync(context);

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
