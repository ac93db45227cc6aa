namespace OutreachStats.Sandbox;

/// <summary>What a fault does to a provider's answer.</summary>
public enum FaultKind
{
    /// <summary>Waits <see cref="FaultRule.DelayMilliseconds"/> before answering as usual.</summary>
    Delay,

    /// <summary>Answers <see cref="FaultRule.Status"/> with <see cref="FaultRule.Body"/> (or no body).</summary>
    Status,

    /// <summary>Answers 429 with Retry-After in seconds, or as an HTTP date when <see cref="FaultRule.RetryAfterDate"/> is set.</summary>
    RateLimited,

    /// <summary>Writes the first part of the real body, then drops the connection.</summary>
    Abort,

    /// <summary>Sends only the first part of the real body, as a complete response: JSON cut short.</summary>
    Truncated,

    /// <summary>An HTML page (a proxy's or a portal's), status 200 unless <see cref="FaultRule.Status"/> says otherwise.</summary>
    Html,

    /// <summary>The status (200 unless <see cref="FaultRule.Status"/> says otherwise) with a JSON content type and no body.</summary>
    Empty,

    /// <summary>The real JSON with every number turned into a string ("sent": "12").</summary>
    WrongTypes,

    /// <summary>The real body in <see cref="FaultRule.Chunks"/> pieces, <see cref="FaultRule.ChunkDelayMilliseconds"/> apart.</summary>
    SlowBody,

    /// <summary>
    /// lemlist's batch only: the rule's campaigns come back in the answer's <c>errors</c> array, with
    /// <see cref="FaultRule.Body"/> as the error text (default <see cref="FaultRule.DefaultEntryError"/>).
    /// </summary>
    BatchEntryError,

    /// <summary>lemlist's batch only: the rule's campaigns are in neither <c>results</c> nor <c>errors</c>.</summary>
    BatchEntryMissing,

    /// <summary>
    /// Smartlead only: a page holds at most <see cref="FaultRule.Limit"/> rows, the first of those
    /// asked for, and its envelope echoes that limit, as a server that caps <c>limit</c> below the
    /// documented 1000 does. A page asked for with a limit within the cap is unchanged.
    /// </summary>
    LimitCapped,
}

/// <summary>
/// A scripted misbehaviour of one provider: for the requests about given campaigns, or for any
/// request, for the next <see cref="Count"/> of them (after <see cref="StartAfter"/> have passed) or until removed. Rules apply in the order
/// added; every matching Delay adds up, and the first matching rule of another kind applies.
/// </summary>
public sealed record FaultRule
{
    /// <summary>The error text of a <see cref="FaultKind.BatchEntryError"/> without a <see cref="Body"/>.</summary>
    public const string DefaultEntryError = "Internal error while computing stats, please retry";

    public required SandboxProvider Provider { get; init; }

    public required FaultKind Kind { get; init; }

    /// <summary>Only requests naming one of these campaigns (a batch naming any of them); null: every request.</summary>
    public IReadOnlyList<string>? CampaignIds { get; init; }

    /// <summary>How many matching requests get the fault; null: all of them until the rule is removed.</summary>
    public int? Count { get; init; }

    /// <summary>
    /// How many matching requests pass unchanged before the rule applies, as a server that turns
    /// slow or fails part-way (on a later page of a campaign); null: none.
    /// </summary>
    public int? StartAfter { get; init; }

    public int? Status { get; init; }

    public string? Body { get; init; }

    /// <summary>The Content-Type of <see cref="Body"/>; text/plain unless the body is JSON.</summary>
    public string? ContentType { get; init; }

    public int? RetryAfterSeconds { get; init; }

    public DateTimeOffset? RetryAfterDate { get; init; }

    public int? DelayMilliseconds { get; init; }

    public int? Chunks { get; init; }

    public int? ChunkDelayMilliseconds { get; init; }

    /// <summary>The most rows a <see cref="FaultKind.LimitCapped"/> page holds.</summary>
    public int? Limit { get; init; }

    /// <summary>How much of the body Abort and Truncated send, 0 to 1 (default a half).</summary>
    public double? Fraction { get; init; }

    /// <summary>Null when the rule can be applied, otherwise why not.</summary>
    internal string? Problem() => Kind switch
    {
        FaultKind.Delay when DelayMilliseconds is not > 0 => "a delay fault needs delayMilliseconds > 0",
        FaultKind.Status when Status is not (>= 100 and <= 599) => "a status fault needs a status from 100 to 599",
        FaultKind.Html or FaultKind.Empty when Status is not null and not (>= 100 and <= 599) => "status must be from 100 to 599",
        FaultKind.RateLimited when RetryAfterSeconds is < 0 => "retryAfterSeconds must not be negative",
        FaultKind.SlowBody when Chunks is < 2 || ChunkDelayMilliseconds is < 0 => "a slow body needs chunks ≥ 2 and chunkDelayMilliseconds ≥ 0",
        FaultKind.Abort or FaultKind.Truncated when Fraction is < 0 or >= 1 => "fraction must be from 0 up to (not including) 1",
        FaultKind.BatchEntryError or FaultKind.BatchEntryMissing when Provider != SandboxProvider.Lemlist => "batch entry faults are for lemlist's batch only",
        FaultKind.BatchEntryError or FaultKind.BatchEntryMissing when CampaignIds is not { Count: > 0 } => "a batch entry fault needs campaignIds",
        FaultKind.LimitCapped when Provider != SandboxProvider.Smartlead => "a capped limit is for Smartlead's paging only",
        FaultKind.LimitCapped when Limit is not >= 1 => "a capped limit needs limit ≥ 1",
        _ when Count is < 1 => "count must be at least 1",
        _ when StartAfter is < 0 => "startAfter must not be negative",
        _ => null,
    };
}

/// <summary>A rule as the sandbox holds it, with its ID and how many requests it may still take.</summary>
public sealed record ActiveFault(int Id, FaultRule Rule, int? Remaining);
