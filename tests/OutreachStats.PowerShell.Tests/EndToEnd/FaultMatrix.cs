using System.Management.Automation;
using OutreachStats.Sandbox;
using Xunit;

namespace OutreachStats.PowerShell.Tests.EndToEnd;

/// <summary>How long a fault stays on its campaign.</summary>
public enum FaultMode
{
    /// <summary>The campaign's next request only (Count = 1): a retry must bring the right data.</summary>
    Transient,

    /// <summary>Every request about the campaign: exactly one clear error for it (or, where stated, the right data).</summary>
    Persistent,
}

/// <summary>A provider cmdlet of the matrix and the campaigns it is run over.</summary>
/// <param name="Script">Run with $ids bound to the campaign IDs, as a user pipes them in.</param>
/// <param name="Campaigns">How many of the sandbox's campaigns the run asks for.</param>
/// <param name="FaultedIndex">The campaign the fault is aimed at.</param>
/// <param name="FailedByPersistentFault">The campaigns (as indexes) a persistent fault on the faulted one must fail, each with one error.</param>
public sealed record MatrixCmdlet(
    string Name, string Label, SandboxProvider Provider, string Script, int Campaigns, int FaultedIndex, IReadOnlyList<int> FailedByPersistentFault);

/// <summary>What a persistent fault must end in for one cmdlet.</summary>
/// <param name="Kind">The OutreachErrorKind name; the ErrorId is the provider's name then this.</param>
/// <param name="Happened">Text the message must hold that says what went wrong.</param>
/// <param name="ToDo">Text the message must hold that says what to do.</param>
/// <param name="DataBecause">Set when the fault must still yield the right data: why.</param>
public sealed record PersistentOutcome(string? Kind, ErrorCategory Category, string Happened, string ToDo, string? DataBecause = null)
{
    public static PersistentOutcome Data(string because) => new(null, ErrorCategory.NotSpecified, string.Empty, string.Empty, because);
}

/// <summary>A fault the sandbox can inject, and what a persistent one must end in for each provider.</summary>
/// <param name="Rule">The rule for a provider, before it is aimed at a campaign and given a count.</param>
public sealed record MatrixFault(string Name, Func<SandboxProvider, FaultRule> Rule, Func<SandboxProvider, PersistentOutcome> Persistent);

/// <summary>
/// The cells of the fault matrix: every provider cmdlet × every fault the sandbox injects × both
/// modes. Connections use fast settings (see <see cref="ConnectSettings"/>) so that retries,
/// Retry-After waits and attempt timeouts keep the whole matrix to a few minutes.
/// </summary>
public static class FaultMatrix
{
    /// <summary>Retries after the first attempt; a persistent fault is therefore met this many times plus one.</summary>
    public const int MaximumRetryCount = 2;

    /// <summary>
    /// Two retries, short backoff, one second per attempt. Only lemlist is paced, by its documented
    /// 20 per 2 s; the others get a high limit (the sandbox enforces none for them here).
    /// </summary>
    public static string ConnectSettings(SandboxProvider provider) =>
        $"-MaximumRetryCount {MaximumRetryCount} -RetryBaseDelaySeconds 0.05 -AttemptTimeoutSeconds 1"
        + (provider == SandboxProvider.Lemlist ? string.Empty : " -RateLimit 1000 -RateLimitWindowSeconds 1");

    // A fixed lemlist window: without -EndDate it ends "now", and the reference run and the
    // faulted run would ask for different windows.
    private const string LemlistWindow = "-StartDate 2024-07-01 -EndDate 2026-06-30";

    public static readonly IReadOnlyList<MatrixCmdlet> Cmdlets =
    [
        new("Get-LemlistCampaignStats", "LemlistCampaign", SandboxProvider.Lemlist,
            $"$ids | Get-LemlistCampaignStats {LemlistWindow}", Campaigns: 3, FaultedIndex: 1, FailedByPersistentFault: [1]),
        // 102 campaigns make two batch requests: the first 100, then campaigns 100 and 101. The
        // fault rides in the second batch, so a persistent one fails both of its campaigns (one
        // error each) and the first batch's 100 still come out.
        new("Get-LemlistBatchStats", "LemlistBatch", SandboxProvider.Lemlist,
            $"$ids | Get-LemlistBatchStats {LemlistWindow}", Campaigns: 102, FaultedIndex: 100, FailedByPersistentFault: [100, 101]),
        // Every sandbox Smartlead campaign answers the documented per-step rows here, one page each.
        new("Get-SmartleadCampaignStatistics", "Smartlead", SandboxProvider.Smartlead,
            "$ids | Get-SmartleadCampaignStatistics", Campaigns: 3, FaultedIndex: 1, FailedByPersistentFault: [1]),
        new("Get-LeadlexCampaignStats", "Leadlex", SandboxProvider.Leadlex,
            "$ids | Get-LeadlexCampaignStats", Campaigns: 3, FaultedIndex: 1, FailedByPersistentFault: [1]),
        new("Get-LeadterraCampaignStats", "Leadterra", SandboxProvider.Leadterra,
            "$ids | Get-LeadterraCampaignStats", Campaigns: 3, FaultedIndex: 1, FailedByPersistentFault: [1]),
    ];

    private static readonly PersistentOutcome StillRateLimited = new("RateLimited", ErrorCategory.LimitsExceeded, "429", "again later");

    private static readonly PersistentOutcome Unreadable = new("InvalidResponse", ErrorCategory.InvalidData, "answered 200", "try again later");

    public static readonly IReadOnlyList<MatrixFault> Faults =
    [
        // The provider's own 429 body, with no Retry-After. The sandbox puts lemlist's window
        // headers, Retry-After among them, on every lemlist answer, so lemlist's cells of this row
        // see lemlist's own Retry-After (the seconds until its window frees).
        new("429 without Retry-After", p => new FaultRule { Provider = p, Kind = FaultKind.Status, Status = 429, Body = RateLimitedBody(p) }, _ => StillRateLimited),
        new("429 Retry-After seconds", p => new FaultRule { Provider = p, Kind = FaultKind.RateLimited, RetryAfterSeconds = 1 }, _ => StillRateLimited),
        // HTTP dates have whole seconds: two seconds ahead is a wait of one to two seconds.
        new("429 Retry-After date", p => new FaultRule { Provider = p, Kind = FaultKind.RateLimited, RetryAfterDate = DateTimeOffset.UtcNow.AddSeconds(2) }, _ => StillRateLimited),
        ServerError(500),
        ServerError(502),
        ServerError(503),
        ServerError(504),
        new("abort mid-body", p => new FaultRule { Provider = p, Kind = FaultKind.Abort },
            _ => new("ConnectionFailed", ErrorCategory.ConnectionError, "Could not reach", "Check the network")),
        // Three pieces 800 ms apart: the body takes 1.6 s, past the 1 s attempt timeout.
        new("slow body past timeout", p => new FaultRule { Provider = p, Kind = FaultKind.SlowBody, Chunks = 3, ChunkDelayMilliseconds = 800 },
            _ => new("Timeout", ErrorCategory.OperationTimeout, "did not answer within 1 s", "-AttemptTimeoutSeconds")),
        new("truncated JSON", p => new FaultRule { Provider = p, Kind = FaultKind.Truncated }, _ => Unreadable),
        new("HTML page (200)", p => new FaultRule { Provider = p, Kind = FaultKind.Html }, _ => Unreadable with { Happened = "Content-Type text/html" }),
        new("empty 200", p => new FaultRule { Provider = p, Kind = FaultKind.Empty }, _ => Unreadable with { Happened = "the body is empty" }),
        new("wrong JSON types", p => new FaultRule { Provider = p, Kind = FaultKind.WrongTypes },
            p => p == SandboxProvider.Smartlead
                ? PersistentOutcome.Data("Smartlead's reader takes numbers written as strings, as Smartlead's live API sends some (SmartleadJsonConverters.cs).")
                : Unreadable with { Happened = "not the documented JSON" }),
    ];

    public static TheoryData<string, string, FaultMode> Cells()
    {
        var cells = new TheoryData<string, string, FaultMode>();
        foreach (var fault in Faults)
        {
            foreach (var cmdlet in Cmdlets)
            {
                foreach (var mode in Enum.GetValues<FaultMode>()) cells.Add(cmdlet.Name, fault.Name, mode);
            }
        }
        return cells;
    }

    public static int CellCount => Faults.Count * Cmdlets.Count * Enum.GetValues<FaultMode>().Length;

    public static MatrixCmdlet Cmdlet(string name) => Cmdlets.Single(c => c.Name == name);

    public static MatrixFault Fault(string name) => Faults.Single(f => f.Name == name);

    private static MatrixFault ServerError(int status) =>
        new(status.ToString(), p => new FaultRule { Provider = p, Kind = FaultKind.Status, Status = status },
            _ => new("ServerError", ErrorCategory.ResourceUnavailable, $"failed with {status}", "try again later"));

    /// <summary>Each provider's 429 body as its docs (or, for lemlist, its live API) write it.</summary>
    private static string RateLimitedBody(SandboxProvider provider) => provider switch
    {
        SandboxProvider.Lemlist => "Too many requests",
        SandboxProvider.Smartlead => """{"ok":false,"message":"Rate limit exceeded."}""",
        _ => """{"error":{"code":"rate_limited","message":"Rate limit exceeded"}}""",
    };
}
