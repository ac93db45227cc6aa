using System;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace OutreachStats.Http;

/// <summary>
/// The HTTP side of one provider connection: one <see cref="HttpClient"/>, the key's shared
/// request budget, and a Polly pipeline that retries transient failures. Every attempt, retries
/// included, takes its place in the budget. Knows nothing of any provider's JSON or PowerShell.
/// </summary>
internal sealed class ApiTransport : IDisposable
{
    private static readonly ResiliencePropertyKey<Action<string>?> LogKey = new("OutreachStats.Log");

    /// <summary>A key-like query parameter quoted in free text (see <see cref="IsSecretName"/>), its value already masked or not.</summary>
    private static readonly Regex SecretQueryValue = new(
        @"(?<=[?&\s""'(]|^)(api_key|apikey|api%5Fkey|key|token|access_token)=[^&\s""'<>)]*",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private readonly HttpClient _http;
    private readonly RequestBudget.Lease _budgetLease;
    private readonly RequestBudget _budget;
    private readonly ResiliencePipeline _pipeline;
    private readonly TransportOptions _options;
    private readonly ApiKey _key;
    private readonly Func<string, TimeSpan?>? _retryAfterInBody;
    private volatile bool _disposed;
    // Cancelled when the connection closes, so calls still waiting (backoff, rate budget, an answer) end at once.
    private readonly CancellationTokenSource _closing = new();

    /// <param name="retryAfterInBody">
    /// The wait a 429's body asks for, for a provider that says it there (Smartlead's
    /// <c>retry_after</c>); read only when the answer has no Retry-After header.
    /// </param>
    public ApiTransport(string providerId, string providerName, ApiKey key, HttpMessageHandler handler, bool disposeHandler, TransportOptions options, Func<string, TimeSpan?>? retryAfterInBody = null)
    {
        ProviderId = providerId;
        ProviderName = providerName;
        _key = key;
        _options = options;
        _retryAfterInBody = retryAfterInBody;
        _http = new HttpClient(handler, disposeHandler) { Timeout = Timeout.InfiniteTimeSpan };
        _budgetLease = RequestBudget.Open(providerId, key.Fingerprint, options.RateLimit, options.RateLimitWindow, options.TimeProvider, options.FurtherRateLimits);
        _budget = _budgetLease.Budget;
        _pipeline = BuildPipeline(options);
    }

    /// <summary>The provider's identifier, first part of every ErrorId (for example "Lemlist").</summary>
    public string ProviderId { get; }

    /// <summary>The provider's name as its users write it, for messages (for example "lemlist").</summary>
    public string ProviderName { get; }

    public ApiKey Key => _key;

    public TransportOptions Options => _options;

    /// <summary>Connections one provider host may have open at once: more than a command and its retries ever use.</summary>
    internal const int MaxConnectionsPerHost = 64;

    /// <summary>
    /// A handler that never follows redirects (a key must not travel to another host) and allows
    /// <see cref="MaxConnectionsPerHost"/> connections to <paramref name="baseUri"/>'s host.
    /// Windows PowerShell 5.1 (.NET Framework) allows 2 per host by default, through the host's
    /// ServicePoint, which would cap throughput; on .NET the handler's own setting is what counts.
    /// </summary>
    public static HttpMessageHandler CreateDefaultHandler(Uri baseUri)
    {
        var servicePoint = ServicePointManager.FindServicePoint(baseUri);
        if (servicePoint.ConnectionLimit < MaxConnectionsPerHost) servicePoint.ConnectionLimit = MaxConnectionsPerHost;
        return new HttpClientHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            MaxConnectionsPerServer = MaxConnectionsPerHost,
            UseCookies = false,
        };
    }

    /// <summary>
    /// Sends the request <paramref name="createRequest"/> builds (once per attempt) and returns the
    /// final reply: a success, or the last answer once retries are spent or not allowed, all
    /// within one call timeout. A success is handed to <paramref name="read"/> within its attempt;
    /// when the reader finds the body cut off or not the documented JSON, the call is retried like
    /// a server error, and the reader's error is thrown once retries are spent. When
    /// <paramref name="unfinished"/> finds part of a success still to ask for (it says why), the
    /// call is retried the same way, with the same backoff and deadline: the request the next
    /// attempt builds asks for what is left. Failures with no answer become <see cref="OutreachApiException"/>.
    /// </summary>
    public async Task<Reply<T>> SendAsync<T>(
        Func<HttpRequestMessage> createRequest, Func<ApiResponse, T> read, Action<string>? log, CancellationToken cancellationToken, Func<T, string?>? unfinished = null)
    {
        using var call = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closing.Token);
        var context = ResilienceContextPool.Shared.Get(call.Token);
        var attempts = new StrongBox<int>();
        // Every message passes the mask, whatever a server put into it.
        context.Properties.Set(LogKey, log is null ? null : message => log(Redact(message)));
        try
        {
            var reply = await _pipeline.ExecuteAsync(
                static async (ctx, state) =>
                {
                    var attempt = ++state.attempts.Value;
                    return await state.transport.AttemptAsync(state.createRequest, state.read, state.unfinished, attempt, ctx.Properties.GetValue(LogKey, null), ctx.CancellationToken).ConfigureAwait(false);
                },
                context,
                (transport: this, createRequest, read, unfinished, attempts)).ConfigureAwait(false);
            if (reply.Unreadable is { } unreadable) throw unreadable;
            return reply;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (TimeoutRejectedException ex)
        {
            throw new OutreachApiException(ProviderId, OutreachErrorKind.Timeout,
                $"{ProviderName} did not finish the call within {Seconds(_options.CallTimeout)} ({Attempts(attempts.Value)}, waits for the rate limit and between retries included).",
                innerException: ex, remedy: Remedy.RetryLaterOrLongerCallTimeout);
        }
        catch (AttemptTimeoutException ex)
        {
            throw new OutreachApiException(ProviderId, OutreachErrorKind.Timeout,
                $"{ProviderName} did not answer within {Seconds(_options.AttemptTimeout)} ({Attempts(attempts.Value)}).",
                innerException: ex, remedy: Remedy.RetryLaterOrLongerAttemptTimeout);
        }
        catch (Exception ex) when (_disposed && ex is OperationCanceledException or ObjectDisposedException or HttpRequestException or IOException)
        {
            throw new OutreachApiException(ProviderId, OutreachErrorKind.ConnectionClosed,
                $"The {ProviderName} connection was closed while this command was using it.", remedy: Remedy.Reconnect);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            throw new OutreachApiException(ProviderId, OutreachErrorKind.ConnectionFailed,
                $"Could not reach {ProviderName} ({Attempts(attempts.Value)}): {Sentence(Redact(Innermost(ex).Message))}",
                connectionWide: WhyUnreachable(ex) != Unreachable.No, remedy: Remedy.CheckNetwork);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>
    /// Removes the key from any text that may reach a user: every run of it, in every form and
    /// encoding the module sends it in (see <see cref="SecretMask"/>), whether or not the
    /// connection is still open. The value of any key-like query parameter quoted in the text is
    /// masked as well.
    /// </summary>
    public string Redact(string text) =>
        string.IsNullOrEmpty(text) ? text : SecretQueryValue.Replace(_key.Mask.Apply(text), "$1=****");

    /// <summary>
    /// The start of a response body on one line, for an error message. The key is masked before
    /// the cut, over more than is kept, so a run of the key that the cut splits is masked too.
    /// </summary>
    public string Excerpt(ApiResponse response, int maxLength = 160)
    {
        var body = response.Body.Length > 2 * maxLength ? response.Body.Substring(0, 2 * maxLength) : response.Body;
        var flat = Redact(body.Replace("\r", " ").Replace("\n", " ")).Trim();
        return flat.Length <= maxLength ? flat : flat.Substring(0, maxLength) + "…";
    }

    public void Dispose()
    {
        _disposed = true;
        _closing.Cancel();
        _http.Dispose();
        _budgetLease.Dispose();
        _closing.Dispose();
    }

    /// <summary>Why no request can reach a server: such a failure is the connection's, not a campaign's.</summary>
    internal enum Unreachable
    {
        /// <summary>Reachable, as far as the failure tells (a connection reset, an answer cut off).</summary>
        No,
        Refused,
        NameNotResolved,
        TlsFailed,
    }

    internal static Unreachable WhyUnreachable(Exception exception)
    {
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is System.Security.Authentication.AuthenticationException) return Unreachable.TlsFailed;
            if (inner is System.Net.Sockets.SocketException socket)
            {
                switch (socket.SocketErrorCode)
                {
                    case System.Net.Sockets.SocketError.ConnectionRefused: return Unreachable.Refused;
                    case System.Net.Sockets.SocketError.HostNotFound:
                    case System.Net.Sockets.SocketError.NoData: return Unreachable.NameNotResolved;
                }
            }
        }
        return Unreachable.No;
    }

    /// <summary>"1 attempt", "5 attempts": for messages.</summary>
    internal static string Attempts(int count) => count == 1 ? "1 attempt" : count + " attempts";

    private static string Sentence(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length == 0 || trimmed.EndsWith(".", StringComparison.Ordinal) ? trimmed : trimmed + ".";
    }

    private async Task<Reply<T>> AttemptAsync<T>(
        Func<HttpRequestMessage> createRequest, Func<ApiResponse, T> read, Func<T, string?>? unfinished, int attempt, Action<string>? log, CancellationToken cancellationToken)
    {
        using var slot = await _budget.AcquireAsync(cancellationToken, (waited, held) => log?.Invoke(held
            ? $"Waited {waited.TotalSeconds:0.00} s: another program is using this key, and {ProviderName} reported no more requests left for it (X-RateLimit-Remaining) until its rate-limit window reset (X-RateLimit-Reset)."
            : $"Waited {waited.TotalSeconds:0.00} s to stay within {ProviderName}'s rate limit ({_budget.Description}).")).ConfigureAwait(false);

        // The attempt's clock starts once it has its place in the budget: queueing is not the provider being slow.
        using var timer = _options.TimeProvider.CreateCancellationTokenSource(_options.AttemptTimeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        using var request = createRequest();
        log?.Invoke($"{request.Method} {RedactedUri(request.RequestUri)}");
        var started = _options.TimeProvider.GetTimestamp();
        ApiResponse answer;
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var body = await ReadBodyAsync(response, linked.Token).ConfigureAwait(false);
            var elapsed = _options.TimeProvider.GetElapsedTime(started);
            log?.Invoke($"{(int)response.StatusCode} {response.ReasonPhrase} from {ProviderName} in {elapsed.TotalMilliseconds:0} ms ({body.Length} characters).");
            var retryAfter = RetryAfter(response.Headers.RetryAfter)
                ?? (response.StatusCode == (HttpStatusCode)429 ? _retryAfterInBody?.Invoke(body) : null);
            KeepToWhatOthersLeave(response, retryAfter);
            answer = new ApiResponse(response.StatusCode, response.Content?.Headers.ContentType?.MediaType, body, retryAfter, attempt);
        }
        catch (Exception ex) when (timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested
            && ex is OperationCanceledException or IOException or HttpRequestException or ObjectDisposedException)
        {
            throw new AttemptTimeoutException(_options.AttemptTimeout);
        }
        if (!answer.IsSuccess) return new Reply<T>(answer, default!, null, null);
        T value;
        try
        {
            value = read(answer);
        }
        catch (OutreachApiException unreadable) when (unreadable.Kind == OutreachErrorKind.InvalidResponse)
        {
            return new Reply<T>(answer, default!, unreadable, null);
        }
        return new Reply<T>(answer, value, null, unfinished?.Invoke(value));
    }

    /// <summary>
    /// Keeps this process from spending what another program leaves of the key's limit. When the
    /// provider counts more requests than this process made (X-RateLimit-Limit minus
    /// X-RateLimit-Remaining, as lemlist sends them), someone else uses the key too; then no more
    /// than what remains, less the requests already on their way, may start until
    /// X-RateLimit-Reset (<see cref="RequestBudget.Allow"/>). Alone on the key, the budget's own window already keeps within
    /// the limit, and holding would only slow the work. Without a reset that can be read (or
    /// with one past, since clocks differ, or beyond the Retry-After cap), the server's
    /// Retry-After decides the wait it names; with neither, one window.
    /// </summary>
    private void KeepToWhatOthersLeave(HttpResponseMessage response, TimeSpan? retryAfter)
    {
        if (RateLimitHeaders.Allowance(response.Headers) is not { } allowance) return;
        var (counted, inFlight) = _budget.Usage();
        var countedByProvider = (allowance.Limit ?? _budget.Limit) - allowance.Remaining;
        // This answer's own slot is still held: the others in flight are the rest.
        if (countedByProvider <= counted) return;
        var now = _options.TimeProvider.GetUtcNow();
        var untilReset = RateLimitHeaders.Reset(response.Headers, now) is { } reset ? reset - now : TimeSpan.Zero;
        var until = untilReset > TimeSpan.Zero && untilReset <= _options.MaxRetryAfter ? untilReset
            : retryAfter is { } asked && asked <= _options.MaxRetryAfter ? asked
            : _budget.Window;
        _budget.Allow(allowance.Remaining - (inFlight - 1), until);
    }

    private async Task<string> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content is null) return string.Empty;
        var declared = response.Content.Headers.ContentLength;
        if (declared > _options.MaxResponseBytes) throw TooLarge();
        using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, 0, chunk.Length, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > _options.MaxResponseBytes) throw TooLarge();
            buffer.Write(chunk, 0, read);
        }
        if (declared is { } length && buffer.Length < length)
        {
            throw new IOException($"The response ended after {buffer.Length} of {length} bytes.");
        }
        var charset = response.Content.Headers.ContentType?.CharSet;
        var encoding = Encoding.UTF8;
        if (!string.IsNullOrEmpty(charset))
        {
            // A charset the runtime does not know or no longer supports (UTF-7 on .NET 5 and later) is read as UTF-8.
            try { encoding = Encoding.GetEncoding(charset!.Trim('"')); }
            catch (Exception ex) when (ex is ArgumentException or NotSupportedException) { encoding = Encoding.UTF8; }
        }
        return encoding.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private OutreachApiException TooLarge() => new(ProviderId, OutreachErrorKind.InvalidResponse,
        $"{ProviderName} sent a response larger than {_options.MaxResponseBytes:N0} bytes; it was not read.");

    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header)
    {
        if (header is null) return null;
        if (header.Delta is { } delta) return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (header.Date is { } date)
        {
            var wait = date - _options.TimeProvider.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
        return null;
    }

    /// <summary>
    /// One pipeline for every call, whatever its reply's type: a timeout for the whole call
    /// (retries and waits included; each attempt keeps its own clock, see AttemptAsync) around
    /// retries with exponential backoff and jitter, or the wait a Retry-After asks for.
    /// </summary>
    private ResiliencePipeline BuildPipeline(TransportOptions options)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = options.TimeProvider };
        builder.AddTimeout(options.CallTimeout);
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                ShouldHandle = args => new ValueTask<bool>(IsTransient(args.Outcome.Exception, args.Outcome.Result as IReply, args.Context.CancellationToken)),
                DelayGenerator = args => new ValueTask<TimeSpan?>(args.Outcome.Result is IReply reply ? AskedWait(reply.Response) : null),
                OnRetry = args =>
                {
                    args.Context.Properties.GetValue(LogKey, null)?.Invoke(
                        $"{Describe(args.Outcome.Exception, args.Outcome.Result as IReply)}; waiting {args.RetryDelay.TotalSeconds:0.00} s before attempt {args.AttemptNumber + 2} of {options.MaxRetries + 1}.");
                    return default;
                },
            });
        }
        return builder.Build();
    }

    private bool IsTransient(Exception? exception, IReply? reply, CancellationToken cancellationToken)
    {
        if (exception is not null)
        {
            if (cancellationToken.IsCancellationRequested || _disposed) return false;
            // A name that does not resolve and a TLS failure do not mend in seconds; a refusal may (a restart).
            if (WhyUnreachable(exception) is Unreachable.NameNotResolved or Unreachable.TlsFailed) return false;
            return exception is HttpRequestException or IOException or AttemptTimeoutException;
        }
        if (reply is null) return false;
        if (reply.Unreadable is not null || reply.Unfinished is not null) return true;
        if (AskedWait(reply.Response) > _options.MaxRetryAfter) return false;
        return IsTransientStatus(reply.Response.StatusCode);
    }

    /// <summary>
    /// The wait a 429 or 503 asks for with Retry-After, the statuses HTTP gives it a meaning for.
    /// lemlist puts Retry-After on every answer; on a 500 or a garbled 200 the backoff decides.
    /// </summary>
    private static TimeSpan? AskedWait(ApiResponse response) =>
        response.StatusCode is (HttpStatusCode)429 or HttpStatusCode.ServiceUnavailable ? response.RetryAfter : null;

    internal static bool IsTransientStatus(HttpStatusCode status) => (int)status switch
    {
        408 or 429 or 500 or 502 or 503 or 504 => true,
        _ => false,
    };

    /// <summary>What went wrong with an attempt, as a clause naming the provider, for the retry's log line.</summary>
    private string Describe(Exception? exception, IReply? reply) => exception is not null
        ? exception is AttemptTimeoutException ? $"{ProviderName} gave no answer within {Seconds(_options.AttemptTimeout)}" : $"the connection to {ProviderName} failed (" + Redact(Innermost(exception).Message) + ")"
        : reply!.Unreadable is not null
            ? $"{ProviderName} answered {(int)reply.Response.StatusCode} with a body that is cut off or not the documented JSON"
            : reply.Unfinished is { } unfinished
                ? $"{ProviderName} answered {(int)reply.Response.StatusCode}, but {unfinished}"
                : $"{ProviderName} answered {(int)reply.Response.StatusCode} {reply.Response.StatusCode}" + (AskedWait(reply.Response) is { } after ? $" with Retry-After {after.TotalSeconds:0.#} s" : string.Empty);

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";

    private static Exception Innermost(Exception exception)
    {
        while (exception.InnerException is not null) exception = exception.InnerException;
        return exception;
    }

    /// <summary>The request's address with every key-like query value masked.</summary>
    internal static string RedactedUri(Uri? uri)
    {
        if (uri is null) return string.Empty;
        var text = uri.AbsoluteUri;
        var queryStart = text.IndexOf('?');
        if (queryStart < 0) return text;
        var parts = text.Substring(queryStart + 1).Split('&');
        for (var i = 0; i < parts.Length; i++)
        {
            var equals = parts[i].IndexOf('=');
            var name = equals < 0 ? parts[i] : parts[i].Substring(0, equals);
            if (IsSecretName(Uri.UnescapeDataString(name))) parts[i] = name + "=****";
        }
        return text.Substring(0, queryStart + 1) + string.Join("&", parts);
    }

    private static bool IsSecretName(string name) =>
        name.Equals("api_key", StringComparison.OrdinalIgnoreCase)
        || name.Equals("apikey", StringComparison.OrdinalIgnoreCase)
        || name.Equals("key", StringComparison.OrdinalIgnoreCase)
        || name.Equals("token", StringComparison.OrdinalIgnoreCase)
        || name.Equals("access_token", StringComparison.OrdinalIgnoreCase);
}
