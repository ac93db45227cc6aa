using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace OutreachStats.Sandbox.Hosting;

/// <summary>One request to a provider endpoint, as its handler sees it.</summary>
internal sealed record ProviderRequest(HttpRequest Http, string? Key, KeyKind KeyKind, string? Body);

/// <summary>What every provider shares: how a key travels and how the provider says "too many requests".</summary>
internal interface IProviderApi
{
    SandboxProvider Provider { get; }

    /// <summary>The key as the request carries it, or null.</summary>
    string? KeyOf(HttpRequest request);

    /// <summary>The provider's 429 (the pipeline adds Retry-After).</summary>
    SandboxResponse TooManyRequests();

    /// <summary>Headers every answer carries about the key's window (lemlist's four); most providers send none.</summary>
    void AddRateHeaders(SandboxResponse response, RateDecision decision)
    {
    }

    void Map(IEndpointRouteBuilder routes, ProviderPipeline pipeline);
}

/// <summary>
/// The way of every provider request: count it, wait the configured latency, check the key's rate
/// limit, let the provider answer, apply a scripted fault, write. Handlers stay pure functions of
/// the request; everything a test scripts happens here.
/// </summary>
internal sealed class ProviderPipeline
{
    private static readonly string HtmlPage = ProxyPage("502 Bad Gateway");
    private static readonly string NotFoundPage = ProxyPage("404 Not Found");

    private readonly SandboxOptions _options;
    private readonly SandboxCounters _counters;
    private readonly SandboxFaults _faults;
    private readonly SandboxRequests _requests;
    private readonly RateLimiter _limiter;
    private readonly ILogger _logger;

    public ProviderPipeline(SandboxOptions options, SandboxCounters counters, SandboxFaults faults, SandboxRequests requests, RateLimiter limiter, ILogger logger)
    {
        _options = options;
        _counters = counters;
        _faults = faults;
        _requests = requests;
        _limiter = limiter;
        _logger = logger;
    }

    /// <param name="endpoint">The documented route, the counters' name for it.</param>
    /// <param name="campaignIds">The campaigns the request names, for faults aimed at campaigns.</param>
    public async Task RunAsync(
        HttpContext context, IProviderApi api, string endpoint,
        Func<HttpRequest, string?, IReadOnlyList<string>> campaignIds,
        Func<ProviderRequest, SandboxResponse> handle)
    {
        var request = context.Request;
        var key = api.KeyOf(request);
        var keyKind = SandboxKeys.Classify(api.Provider, key);
        var body = await BodyOfAsync(context);
        var ids = campaignIds(request, body);
        Record(request, api.Provider, endpoint, key, body, ids);
        var (faultDelay, fault) = _faults.Take(api.Provider, ids);
        var status = 0;
        try
        {
            var delay = _options.Latency + faultDelay;
            if (delay > TimeSpan.Zero) await Task.Delay(delay, context.RequestAborted);

            var response = Answer(api, new ProviderRequest(request, key, keyKind, body), handle);
            if (fault is not null) response = Apply(fault, response, api);
            status = response.Status;
            // Counted before the answer is written: a client that has its answer must find it counted.
            _counters.Record(api.Provider, endpoint, key, status, ids.Count, fault is not null);
            await WriteAsync(context, response, fault);
        }
        finally
        {
            // 499 (nginx's "client closed request"): the caller left, or the handler failed, before an answer.
            if (status == 0) _counters.Record(api.Provider, endpoint, key, 499, ids.Count, fault is not null);
            _logger.LogInformation("{Method} {Path}{Query} -> {Status}{Fault}", request.Method, request.Path, request.QueryString, status,
                fault is null ? string.Empty : $" (fault {fault.Kind})");
        }
    }

    /// <summary>
    /// A path no provider serves: kept in the request log like a provider request (a client that
    /// builds a wrong URL must show there), then the web server's HTML "404 Not Found" page, as a
    /// provider's server or its gateway answers an unknown URL. Under /_sandbox, a bare 404.
    /// </summary>
    public async Task UnknownPathAsync(HttpContext context)
    {
        var request = context.Request;
        context.Response.StatusCode = 404;
        if (request.Path.StartsWithSegments(ControlEndpoints.Root)) return;
        var provider = SandboxProviders.All.Where(p => request.Path.StartsWithSegments(p.BasePath())).Cast<SandboxProvider?>().FirstOrDefault();
        Record(request, provider, endpoint: null, key: null, await BodyOfAsync(context), []);
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(NotFoundPage, context.RequestAborted);
    }

    private static async Task<string?> BodyOfAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentLength is not > 0 && request.Headers.TransferEncoding.Count == 0) return null;
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync(context.RequestAborted);
    }

    private void Record(HttpRequest request, SandboxProvider? provider, string? endpoint, string? key, string? body, IReadOnlyList<string> campaignIds) =>
        _requests.Record(new SandboxRequest(
            provider,
            endpoint,
            request.Method,
            request.Path.Value ?? string.Empty,
            request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal),
            request.Headers.Authorization.Count > 0 ? request.Headers.Authorization.ToString() : null,
            key,
            body,
            campaignIds,
            _options.TimeProvider.GetUtcNow()));

    private SandboxResponse Answer(IProviderApi api, ProviderRequest request, Func<ProviderRequest, SandboxResponse> handle)
    {
        var throttled = request.KeyKind == KeyKind.Throttled;
        var limit = _options.RateLimitOf(api.Provider) ?? (throttled ? new RateLimit(0, TimeSpan.FromMinutes(1)) : null);
        if (limit is null) return handle(request);

        var decision = _limiter.Check(api.Provider, request.Key ?? string.Empty, limit);
        // The throttled key is always past the limit, whatever its window says.
        if (throttled) decision = decision with { Allowed = false, Remaining = 0 };
        var response = decision.Allowed
            ? handle(request)
            : api.TooManyRequests().WithHeader("Retry-After", decision.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture));
        api.AddRateHeaders(response, decision);
        return response;
    }

    private static SandboxResponse Apply(FaultRule fault, SandboxResponse real, IProviderApi api)
    {
        SandboxResponse faulted;
        switch (fault.Kind)
        {
            case FaultKind.Status:
                var body = fault.Body ?? string.Empty;
                var type = fault.ContentType ?? (body.Length == 0 ? null : LooksLikeJson(body) ? SandboxResponse.JsonType : SandboxResponse.TextType);
                faulted = new SandboxResponse(fault.Status!.Value, type, Encoding.UTF8.GetBytes(body));
                break;
            case FaultKind.RateLimited:
                faulted = api.TooManyRequests().WithHeader("Retry-After", fault.RetryAfterDate is { } date
                    ? date.ToUniversalTime().ToString("r", CultureInfo.InvariantCulture)
                    : (fault.RetryAfterSeconds ?? 1).ToString(CultureInfo.InvariantCulture));
                break;
            case FaultKind.Html:
                faulted = new SandboxResponse(fault.Status ?? 200, "text/html; charset=utf-8", Encoding.UTF8.GetBytes(HtmlPage));
                break;
            case FaultKind.Empty:
                faulted = new SandboxResponse(fault.Status ?? 200, SandboxResponse.JsonType, []);
                break;
            case FaultKind.Truncated:
                faulted = new SandboxResponse(real.Status, real.ContentType, real.Body[..CutAt(real.Body, fault)]);
                break;
            case FaultKind.BatchEntryError or FaultKind.BatchEntryMissing when real.Status == 200 && real.IsJson:
                faulted = new SandboxResponse(real.Status, real.ContentType, Encoding.UTF8.GetBytes(WithEntryFault(JsonNode.Parse(real.Body)!.AsObject(), fault)));
                break;
            case FaultKind.LimitCapped when real.Status == 200 && real.IsJson:
                faulted = new SandboxResponse(real.Status, real.ContentType, Encoding.UTF8.GetBytes(WithLimitCapped(JsonNode.Parse(real.Body)!.AsObject(), fault.Limit!.Value)));
                break;
            case FaultKind.WrongTypes when real.IsJson && real.Body.Length > 0:
                var node = JsonNode.Parse(real.Body);
                faulted = new SandboxResponse(real.Status, real.ContentType, Encoding.UTF8.GetBytes(NumbersAsStrings(node)?.ToJsonString() ?? "null"));
                break;
            default:
                // Delay, Abort and SlowBody change the timing or the writing, not the answer; batch
                // entry faults change only a batch's 200 answer and a capped limit only a 200 page
                // (a single campaign's request, a 4xx or a 429 stays as it is, and still uses up
                // the rule's count).
                return real;
        }
        // The rate-limit headers (lemlist's) stay: a real server adds them in front of whatever fails.
        // A scripted status is the whole answer as written, Retry-After included or not (a 429
        // without one must be possible), so the real answer's Retry-After does not carry over.
        foreach (var header in real.Headers)
        {
            if (fault.Kind == FaultKind.Status && header.Key == "Retry-After") continue;
            faulted.Headers.TryAdd(header.Key, header.Value);
        }
        return faulted;
    }

    private static async Task WriteAsync(HttpContext context, SandboxResponse response, FaultRule? fault)
    {
        var http = context.Response;
        http.StatusCode = response.Status;
        foreach (var header in response.Headers) http.Headers[header.Key] = header.Value;
        if (response.ContentType is not null) http.ContentType = response.ContentType;
        http.ContentLength = response.Body.Length;
        var body = response.Body;
        var cancel = context.RequestAborted;
        switch (fault?.Kind)
        {
            case FaultKind.Abort:
                await http.Body.WriteAsync(body.AsMemory(0, CutAt(body, fault)), cancel);
                await http.Body.FlushAsync(cancel);
                context.Abort();
                break;
            case FaultKind.SlowBody:
                var chunks = fault.Chunks ?? 5;
                var pause = TimeSpan.FromMilliseconds(fault.ChunkDelayMilliseconds ?? 200);
                var size = (body.Length + chunks - 1) / chunks;
                for (var offset = 0; offset < body.Length; offset += size)
                {
                    if (offset > 0) await Task.Delay(pause, cancel);
                    await http.Body.WriteAsync(body.AsMemory(offset, Math.Min(size, body.Length - offset)), cancel);
                    await http.Body.FlushAsync(cancel);
                }
                break;
            default:
                await http.Body.WriteAsync(body, cancel);
                break;
        }
    }

    /// <summary>
    /// A lemlist batch answer with the rule's campaigns taken out of <c>results</c> and <c>errors</c>,
    /// and for BatchEntryError put back into <c>errors</c> with the rule's text (the documented
    /// <c>{campaignId, error}</c> shape). Campaigns the batch did not name stay out.
    /// </summary>
    private static string WithEntryFault(JsonObject answer, FaultRule fault)
    {
        var named = new List<string>();
        foreach (var array in new[] { answer["results"]?.AsArray(), answer["errors"]?.AsArray() })
        {
            if (array is null) continue;
            foreach (var entry in array.ToList())
            {
                var id = entry?["campaignId"]?.GetValue<string>();
                if (id is null || !fault.CampaignIds!.Contains(id, StringComparer.OrdinalIgnoreCase)) continue;
                array.Remove(entry);
                named.Add(id);
            }
        }
        if (fault.Kind == FaultKind.BatchEntryError)
        {
            foreach (var id in named)
            {
                answer["errors"]!.AsArray().Add(new JsonObject { ["campaignId"] = id, ["error"] = fault.Body ?? FaultRule.DefaultEntryError });
            }
        }
        return answer.ToJsonString();
    }

    /// <summary>A Smartlead page cut to its first <paramref name="cap"/> rows, echoing <paramref name="cap"/> as its limit when it asked for more.</summary>
    private static string WithLimitCapped(JsonObject page, int cap)
    {
        if (page["limit"]?.GetValue<int>() is not { } limit || limit <= cap || page["data"] is not JsonArray rows) return page.ToJsonString();
        while (rows.Count > cap) rows.RemoveAt(rows.Count - 1);
        page["limit"] = cap;
        return page.ToJsonString();
    }

    /// <summary>The page a web server in front of the provider writes for a status ("502 Bad Gateway").</summary>
    private static string ProxyPage(string status) =>
        $"<!DOCTYPE html>\n<html><head><title>{status}</title></head>\n"
        + $"<body><center><h1>{status}</h1></center><hr><center>sandbox-proxy</center></body></html>\n";

    private static int CutAt(byte[] body, FaultRule fault) => (int)(body.Length * (fault.Fraction ?? 0.5));

    private static bool LooksLikeJson(string body) => body.TrimStart() is ['{', ..] or ['[', ..];

    private static JsonNode? NumbersAsStrings(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var property in obj.ToList()) obj[property.Key] = NumbersAsStrings(property.Value?.DeepClone());
                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++) array[i] = NumbersAsStrings(array[i]?.DeepClone());
                return array;
            case JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.Number:
                return JsonValue.Create(value.ToJsonString());
            default:
                return node;
        }
    }
}
