using System;
using System.Management.Automation;
using System.Net;
using System.Security;
using OutreachStats.Connections;
using OutreachStats.Http;
using OutreachStats.Model;
using OutreachStats.Providers;

namespace OutreachStats.Cmdlets;

/// <summary>
/// Connect-OutreachProvider: holds a provider's API key for this PowerShell session and makes it
/// the default connection for that provider. No request is sent: the key is checked by the first
/// call that uses it.
/// </summary>
[Cmdlet(VerbsCommunications.Connect, "OutreachProvider", DefaultParameterSetName = ApiKeySet, HelpUri = OnlineHelp.ProjectUri + "#connect-outreachprovider")]
[OutputType(typeof(OutreachConnection))]
public sealed class ConnectOutreachProviderCommand : PSCmdlet
{
    private const string ApiKeySet = "ApiKey";
    private const string CredentialSet = "Credential";

    // Boxed: PowerShell loads this class before the module's loader can supply the engine, which
    // defines OutreachProvider, and a field of that enum type would need it then.
    private object _provider = default(OutreachProvider);

    [Parameter(Mandatory = true, Position = 0)]
    public OutreachProvider Provider
    {
        get => (OutreachProvider)_provider;
        set => _provider = value;
    }

    [Parameter(Mandatory = true, Position = 1, ParameterSetName = ApiKeySet)]
    [ValidateNotNull]
    public SecureString ApiKey { get; set; } = null!;

    [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
    [Credential]
    [ValidateNotNull]
    public PSCredential Credential { get; set; } = null!;

    [Parameter]
    [ValidateNotNull]
    public Uri BaseUri { get; set; } = null!;

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>
    /// Requests per -RateLimitWindowSeconds for this key (default: the provider's documented limit).
    /// A provider's further limits (Smartlead's per hour and per second) scale with it.
    /// </summary>
    [Parameter]
    [ValidateRange(1, 100000)]
    public int RateLimit { get; set; }

    [Parameter]
    [ValidateRange(0.1, 86400.0)]
    public double RateLimitWindowSeconds { get; set; }

    /// <summary>Retries after the first attempt for transient failures (default 4).</summary>
    [Parameter]
    [ValidateRange(0, 10)]
    public int MaximumRetryCount { get; set; }

    /// <summary>The first backoff between attempts, doubled each retry, with jitter (default 1).</summary>
    [Parameter]
    [ValidateRange(0.0, 300.0)]
    public double RetryBaseDelaySeconds { get; set; }

    /// <summary>The longest Retry-After waited out (default 120); a longer one is an error carrying the time to retry.</summary>
    [Parameter]
    [ValidateRange(0, 86400)]
    public int MaximumRetryAfterSeconds { get; set; }

    /// <summary>How long one attempt may take once it has its place in the rate budget (default 100).</summary>
    [Parameter]
    [Alias("TimeoutSec")]
    [ValidateRange(0.1, 86400.0)]
    public double AttemptTimeoutSeconds { get; set; }

    /// <summary>How long one call may take in all: attempts, backoff, rate-limit waits (default 600).</summary>
    [Parameter]
    [ValidateRange(1.0, 86400.0)]
    public double CallTimeoutSeconds { get; set; }

    protected override void ProcessRecord()
    {
        var baseUri = BaseUri ?? OutreachConnection.DefaultBaseUri(Provider);
        ValidateBaseUri(baseUri);
        var options = ResolveOptions();
        var key = TakeKey();
        var connection = new OutreachConnection(Provider, baseUri, key, DateTime.Now, options);
        ConnectionResolver.CurrentStore().SetDefault(connection);
        WriteVerbose($"{Provider} connection to {baseUri.AbsoluteUri} with key {connection.KeyHint} is now this session's default for {Provider}: "
            + $"at most {RateLimitRule.Describe(options.RateLimits)}, {options.MaxRetries} retries, "
            + $"{options.AttemptTimeout.TotalSeconds:0.###} s per attempt, {options.CallTimeout.TotalSeconds:0.###} s per call.");
        if (PassThru) WriteObject(connection);
    }

    /// <summary>
    /// The key given, without white space around it (verbose says so, never the key), refused
    /// when empty or when it holds what the provider's way of sending it cannot carry.
    /// </summary>
    private ApiKey TakeKey()
    {
        var (secret, parameter) = ParameterSetName == CredentialSet ? (Credential.Password, nameof(Credential)) : (ApiKey, nameof(ApiKey));
        var trimmed = false;
        var key = secret is null ? null : Http.ApiKey.Trimmed(secret, out trimmed);
        if (key is null)
        {
            ThrowTerminatingError(new ErrorRecord(
                new ArgumentException($"The {Provider} API key is empty or only white space. Pass the key as -ApiKey (a SecureString) or as the password of -Credential.", parameter),
                "OutreachEmptyApiKey", ErrorCategory.InvalidArgument, Provider));
        }
        if (trimmed) WriteVerbose("The API key had white space or a line break around it (as environment variables, files and secret stores often add); it is used without them.");
        if (ProviderTable.For(Provider).KeyProblem(key!.Reveal()) is { } keyProblem)
        {
            key.Dispose();
            ThrowTerminatingError(new ErrorRecord(
                new ArgumentException($"{keyProblem} {Provider} takes the key in an HTTP header: pass the key without it.", parameter),
                "OutreachInvalidApiKey", ErrorCategory.InvalidArgument, Provider));
        }
        return key;
    }

    /// <summary>The provider's defaults with the limits, retries and timeouts given here.</summary>
    private TransportOptions ResolveOptions()
    {
        var options = OutreachConnection.DefaultOptions(Provider);
        var bound = MyInvocation.BoundParameters;
        if (bound.ContainsKey(nameof(RateLimit)) || bound.ContainsKey(nameof(RateLimitWindowSeconds)))
        {
            options.ChangeRateLimit(
                bound.ContainsKey(nameof(RateLimit)) ? RateLimit : options.RateLimit,
                bound.ContainsKey(nameof(RateLimitWindowSeconds)) ? TimeSpan.FromSeconds(RateLimitWindowSeconds) : options.RateLimitWindow);
        }
        if (bound.ContainsKey(nameof(MaximumRetryCount))) options.MaxRetries = MaximumRetryCount;
        if (bound.ContainsKey(nameof(RetryBaseDelaySeconds))) options.RetryBaseDelay = TimeSpan.FromSeconds(RetryBaseDelaySeconds);
        if (bound.ContainsKey(nameof(MaximumRetryAfterSeconds))) options.MaxRetryAfter = TimeSpan.FromSeconds(MaximumRetryAfterSeconds);
        if (bound.ContainsKey(nameof(AttemptTimeoutSeconds))) options.AttemptTimeout = TimeSpan.FromSeconds(AttemptTimeoutSeconds);
        if (bound.ContainsKey(nameof(CallTimeoutSeconds))) options.CallTimeout = TimeSpan.FromSeconds(CallTimeoutSeconds);

        if (ProviderTable.For(Provider).LimitProblem(options) is { } limitProblem)
        {
            ThrowTerminatingError(new ErrorRecord(
                new ArgumentException($"{limitProblem} -RateLimit and -RateLimitWindowSeconds can only lower the provider's own limit (for example -RateLimit 10 to leave half to other programs).", nameof(RateLimit)),
                $"OutreachRateLimitAbove{Provider}Limit", ErrorCategory.InvalidArgument, options.RateLimit));
        }
        if (options.CallTimeout < options.AttemptTimeout)
        {
            ThrowTerminatingError(new ErrorRecord(
                new ArgumentException($"-CallTimeoutSeconds ({options.CallTimeout.TotalSeconds:0.###}) is shorter than -AttemptTimeoutSeconds ({options.AttemptTimeout.TotalSeconds:0.###}), so an attempt could never use its time. Give a call timeout at least as long as the attempt timeout.", nameof(CallTimeoutSeconds)),
                "OutreachCallTimeoutShorterThanAttempt", ErrorCategory.InvalidArgument, options.CallTimeout));
        }
        return options;
    }

    private void ValidateBaseUri(Uri baseUri)
    {
        string? problem = null;
        // What messages and the error record show of the URL: never its user info, query or
        // fragment, where a password or key may have been put by mistake.
        var shown = baseUri.IsAbsoluteUri ? baseUri.Scheme + "://" + baseUri.Authority + baseUri.AbsolutePath : "(a relative URL)";
        if (!baseUri.IsAbsoluteUri)
        {
            problem = $"-BaseUri must be an absolute URL such as {OutreachConnection.DefaultBaseUri(Provider)}.";
        }
        else if (baseUri.Scheme == Uri.UriSchemeHttp && !IsLoopback(baseUri))
        {
            problem = $"-BaseUri '{shown}' uses plain http, which would send the API key unencrypted. Use https; plain http is allowed only to this machine (localhost, 127.0.0.1, ::1).";
        }
        else if (baseUri.Scheme != Uri.UriSchemeHttp && baseUri.Scheme != Uri.UriSchemeHttps)
        {
            problem = $"-BaseUri '{shown}' must be an https URL.";
        }
        else if (!string.IsNullOrEmpty(baseUri.Query) || !string.IsNullOrEmpty(baseUri.Fragment) || !string.IsNullOrEmpty(baseUri.UserInfo))
        {
            problem = $"-BaseUri '{shown}' must not carry a query, a fragment or credentials: give the server URL only.";
        }
        if (problem is not null)
        {
            ThrowTerminatingError(new ErrorRecord(new ArgumentException(problem, nameof(BaseUri)), "OutreachInvalidBaseUri", ErrorCategory.InvalidArgument, shown));
        }
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback
        || string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(uri.DnsSafeHost, out var address) && IPAddress.IsLoopback(address));
}
