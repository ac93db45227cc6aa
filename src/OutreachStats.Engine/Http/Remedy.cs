namespace OutreachStats.Http;

/// <summary>
/// What a user can do about a failure, named without the cmdlets' words: the cmdlet layer
/// phrases it with its commands and parameters (ErrorAdvice), so renaming a parameter never
/// touches the engine.
/// </summary>
internal enum Remedy
{
    /// <summary>Nothing to add to the message.</summary>
    None,
    /// <summary>Check the key, then connect again.</summary>
    CheckKeyAndReconnect,
    /// <summary>Connect again: the connection was closed.</summary>
    Reconnect,
    /// <summary>The server URL given is probably wrong.</summary>
    CheckServerUrl,
    /// <summary>A proxy in front of the server may be rewriting requests.</summary>
    CheckProxy,
    /// <summary>A proxy or a wrong server URL can cause this; otherwise try again later.</summary>
    CheckProxyOrRetryLater,
    /// <summary>The network, a proxy or the server URL.</summary>
    CheckNetwork,
    /// <summary>Wait until the time the provider named, or allow longer Retry-After waits.</summary>
    RetryLaterOrWaitLonger,
    /// <summary>Someone else may use the key: later, a lower rate limit, or less at once.</summary>
    RetryLaterOrLowerRateLimit,
    /// <summary>Try again later, or allow a call more time.</summary>
    RetryLaterOrLongerCallTimeout,
    /// <summary>Try again later, check the network path, or allow an attempt more time.</summary>
    RetryLaterOrLongerAttemptTimeout,
    /// <summary>Try again later, or ask for the campaign alone (lemlist's batch).</summary>
    RetryLaterOrAskAlone,
}
