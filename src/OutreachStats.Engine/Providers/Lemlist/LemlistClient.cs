using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using OutreachStats.Http;
using OutreachStats.Model;

namespace OutreachStats.Providers.Lemlist;

/// <summary>
/// lemlist's campaign statistics endpoints: GET /v2/campaigns/{campaignId}/stats and
/// POST /v2/campaigns/stats/batch, with Basic authentication (empty user, the key as password).
/// </summary>
internal sealed class LemlistClient : ProviderClient
{
    /// <summary>The most campaign IDs one batch request may carry.</summary>
    public const int MaxBatchSize = 100;

    /// <summary>Words of a batch error entry that mark it as worth asking again (see <see cref="IsTransientEntryError"/>).</summary>
    private static readonly string[] TransientWords =
    {
        "timeout", "timed out", "temporar", "unavailable", "try again", "retry", "rate limit", "too many", "internal", "server error", "ECONNRESET",
    };

    public LemlistClient(Uri baseUri, ApiTransport transport)
        : base(LemlistProvider.Definition, baseUri, transport)
    {
    }

    public async Task<LemlistCampaignStats> GetCampaignStatsAsync(string campaignId, LemlistStatsWindow window, Action<string>? log, CancellationToken cancellationToken)
    {
        var uri = new Uri(BaseAddress + "/v2/campaigns/" + Segment(campaignId) + "/stats?" + Query(window));
        log = ForCampaign(campaignId, log);
        var dto = await RequestAsync(
            () => Authorized(new HttpRequestMessage(HttpMethod.Get, uri)),
            response =>
            {
                var read = Parse(response, LemlistJsonContext.Default.LemlistStatsDto, campaignId);
                // The spec's single answer does not name its campaign; one that names another is not this campaign's.
                return read.CampaignId is { } answered && !string.Equals(answered, campaignId, StringComparison.Ordinal)
                    ? throw InvalidResponse(response, campaignId, $"it holds the statistics of campaign '{Transport.Redact(answered)}'")
                    : Valid(response, campaignId, read, Problem(read));
            },
            response => DocumentedFailure(response, campaignId),
            log, cancellationToken).ConfigureAwait(false);
        return ToModel(campaignId, dto, window);
    }

    /// <summary>
    /// Statistics of up to <see cref="MaxBatchSize"/> campaigns. Each campaign comes back, in the
    /// order asked, with its statistics or its own error. Campaigns whose entry failed transiently
    /// (see <see cref="IsTransientEntryError"/>) or whose entry is not valid are asked for again,
    /// alone together, as retries of the same call: one backoff, one retry count and one call
    /// timeout for the whole batch. The others keep the answer of the attempt they came back in.
    /// </summary>
    public async Task<IReadOnlyList<LemlistBatchEntry>> GetBatchStatsAsync(IReadOnlyList<string> campaignIds, LemlistStatsWindow window, Action<string>? log, CancellationToken cancellationToken)
    {
        if (campaignIds.Count is < 1 or > MaxBatchSize)
        {
            throw new ArgumentOutOfRangeException(nameof(campaignIds), $"A lemlist batch takes 1 to {MaxBatchSize} campaign IDs.");
        }
        // The batch's lines name its campaigns as its first and last ID (a batch holds up to 100).
        log = campaignIds.Count == 1 ? ForCampaign(campaignIds[0], log) : Naming($"Campaigns '{campaignIds[0]}' to '{campaignIds[campaignIds.Count - 1]}'", log);
        var settled = new Dictionary<string, LemlistBatchEntry>(StringComparer.Ordinal);
        var unsettled = campaignIds.Distinct(StringComparer.Ordinal).Select(id => new Unsettled(id, null, null)).ToList();
        log?.Invoke($"Batch of {unsettled.Count} campaign(s), {FormatDate(window.StartDate)} to {FormatDate(window.EndDate)}.");
        Reply<LemlistBatchResponseDto> reply;
        try
        {
            reply = await Transport.SendAsync(
                () => BatchRequest(unsettled.Select(u => u.Id).ToList(), window),
                response => Parse(response, LemlistJsonContext.Default.LemlistBatchResponseDto, null),
                log, cancellationToken,
                unfinished: dto =>
                {
                    var asked = unsettled.Select(u => u.Id).ToList();
                    unsettled = new List<Unsettled>();
                    foreach (var (id, entry, error, invalidWhy) in Match(asked, dto, window))
                    {
                        if (entry is not null) settled[id] = entry;
                        else unsettled.Add(new Unsettled(id, error, invalidWhy));
                    }
                    return unsettled.Count == 0 ? null
                        : $"{unsettled.Count} campaign(s) of the batch failed transiently ({Reason(unsettled[0])}), so they are asked for again";
                }).ConfigureAwait(false);
        }
        catch (OutreachApiException failure) when (settled.Count > 0)
        {
            // Campaigns settled by earlier attempts keep their answers; only the re-sent ones share the failure.
            foreach (var left in unsettled) settled[left.Id] = new LemlistBatchEntry(left.Id, null, failure.ForCampaign(left.Id));
            return campaignIds.Select(id => settled[id]).ToList();
        }
        if (!reply.Response.IsSuccess)
        {
            var failure = DocumentedFailure(reply.Response, null, "the batch request");
            if (settled.Count == 0) throw failure;
            foreach (var left in unsettled) settled[left.Id] = new LemlistBatchEntry(left.Id, null, failure.ForCampaign(left.Id));
        }
        foreach (var left in unsettled)
        {
            if (!settled.ContainsKey(left.Id)) settled[left.Id] = new LemlistBatchEntry(left.Id, null, GaveUp(left, reply.Response.Attempts));
        }
        return campaignIds.Select(id => settled[id]).ToList();
    }

    /// <summary>Dates as lemlist documents them: UTC ISO 8601 with milliseconds.</summary>
    public static string FormatDate(DateTime utc) => CommonMetrics.Iso(utc);

    private static string Query(LemlistStatsWindow window)
    {
        var query = new StringBuilder()
            .Append("startDate=").Append(Uri.EscapeDataString(FormatDate(window.StartDate)))
            .Append("&endDate=").Append(Uri.EscapeDataString(FormatDate(window.EndDate)));
        if (window.SendUser.Length > 0) query.Append("&sendUser=").Append(Uri.EscapeDataString(window.SendUser));
        if (window.ABVersion.Length > 0) query.Append("&ABSelected=").Append(Uri.EscapeDataString(window.ABVersion));
        if (window.ChannelList.Length > 0)
        {
            var channels = JsonSerializer.Serialize(window.ChannelList, LemlistJsonContext.Default.StringArray);
            query.Append("&channels=").Append(Uri.EscapeDataString(channels));
        }
        return query.ToString();
    }

    private HttpRequestMessage BatchRequest(IReadOnlyList<string> campaignIds, LemlistStatsWindow window)
    {
        var body = JsonSerializer.Serialize(new LemlistBatchRequestDto
        {
            CampaignIds = campaignIds.ToList(),
            StartDate = FormatDate(window.StartDate),
            EndDate = FormatDate(window.EndDate),
            SendUser = NullIfEmpty(window.SendUser),
            ABSelected = NullIfEmpty(window.ABVersion),
            Channels = window.ChannelList.Length == 0 ? null : window.ChannelList,
        }, LemlistJsonContext.Default.LemlistBatchRequestDto);
        return Authorized(new HttpRequestMessage(HttpMethod.Post, new Uri(BaseAddress + "/v2/campaigns/stats/batch"))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        });
    }

    private HttpRequestMessage Authorized(HttpRequestMessage request)
    {
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Transport.Key.BasicCredential());
        return Json(request);
    }

    /// <summary>
    /// Each requested campaign with its entry (statistics, or an error that asking again would
    /// not change), or with no entry when it is to be asked for again: then with lemlist's
    /// transient error text, or with why the answer for it is not valid (missing from the answer,
    /// listed twice with different numbers, counts that are not statistics: see <see cref="AnswerRules"/>).
    /// </summary>
    private List<(string Id, LemlistBatchEntry? Entry, string? TransientError, string? InvalidWhy)> Match(IReadOnlyList<string> requested, LemlistBatchResponseDto dto, LemlistStatsWindow window)
    {
        var results = new Dictionary<string, LemlistStatsDto>(StringComparer.Ordinal);
        var contradicted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var result in dto.Results ?? new List<LemlistStatsDto?>())
        {
            if (result?.CampaignId is not { } id) continue;
            if (!results.TryGetValue(id, out var first)) results.Add(id, result);
            else if (!SameNumbers(first, result)) contradicted.Add(id);
        }
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var error in dto.Errors ?? new List<LemlistBatchErrorDto?>())
        {
            if (error?.CampaignId is { } id && !errors.ContainsKey(id)) errors.Add(id, error.Error ?? "no reason given");
        }

        var matched = new List<(string, LemlistBatchEntry?, string?, string?)>(requested.Count);
        foreach (var id in requested)
        {
            if (results.TryGetValue(id, out var stats))
            {
                var invalidWhy = contradicted.Contains(id) ? "the answer lists it twice with different numbers" : Problem(stats);
                matched.Add(invalidWhy is null
                    ? (id, new LemlistBatchEntry(id, ToModel(id, stats, window), null), null, null)
                    : (id, null, null, invalidWhy));
            }
            else if (!errors.TryGetValue(id, out var error))
            {
                matched.Add((id, null, null, "the answer has neither statistics nor an error for it"));
            }
            else if (IsTransientEntryError(error))
            {
                matched.Add((id, null, error, null));
            }
            else
            {
                matched.Add((id, new LemlistBatchEntry(id, null, new OutreachApiException(ProviderId,
                    IsNotFound(error) ? OutreachErrorKind.CampaignNotFound : OutreachErrorKind.CampaignFailed,
                    $"{ProviderName} returned no statistics for campaign '{id}': {Transport.Redact(error)}",
                    id)), null, null));
            }
        }
        return matched;
    }

    private static bool SameNumbers(LemlistStatsDto first, LemlistStatsDto second) =>
        JsonSerializer.Serialize(first, LemlistJsonContext.Default.LemlistStatsDto) == JsonSerializer.Serialize(second, LemlistJsonContext.Default.LemlistStatsDto);

    /// <summary>
    /// lemlist does not document which batch errors pass. A campaign missing from the answer is
    /// transient; an error saying "not found" is permanent; any other error is transient when its
    /// text says so (timeout, timed out, temporar…, unavailable, try again, retry, rate limit, too
    /// many, internal, server error, ECONNRESET), otherwise permanent.
    /// </summary>
    internal static bool IsTransientEntryError(string error) =>
        !IsNotFound(error) && TransientWords.Any(word => error.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0);

    private static bool IsNotFound(string error) => error.IndexOf("not found", StringComparison.OrdinalIgnoreCase) >= 0;

    /// <summary>A campaign of a batch still to be asked for: with lemlist's transient error, or why its entry is not valid.</summary>
    private readonly struct Unsettled
    {
        public Unsettled(string id, string? error, string? invalidWhy)
        {
            Id = id;
            Error = error;
            InvalidWhy = invalidWhy;
        }

        public string Id { get; }
        public string? Error { get; }
        public string? InvalidWhy { get; }
    }

    /// <summary>A transient failure or an invalid entry that outlasted every attempt.</summary>
    private OutreachApiException GaveUp(Unsettled left, int attempts) => left.Error is null
        ? new OutreachApiException(ProviderId, OutreachErrorKind.InvalidResponse,
            $"{ProviderName}'s batch answer for campaign '{left.Id}' is not valid ({ApiTransport.Attempts(attempts)}): {left.InvalidWhy}.",
            left.Id, remedy: Remedy.RetryLaterOrAskAlone)
        : new OutreachApiException(ProviderId, OutreachErrorKind.CampaignFailed,
            $"{ProviderName} returned no statistics for campaign '{left.Id}' ({ApiTransport.Attempts(attempts)}): {Transport.Redact(left.Error).TrimEnd('.')}. The error looks temporary.",
            left.Id, remedy: Remedy.RetryLaterOrAskAlone);

    /// <summary>Why one campaign is asked for again, for the log.</summary>
    private string Reason(Unsettled left) =>
        $"'{left.Id}': " + (left.Error is null ? left.InvalidWhy : Transport.Redact(left.Error));

    /// <summary>Why a campaign's statistics are not valid (see <see cref="AnswerRules"/>), or null; a step's counts may not be negative either.</summary>
    private static string? Problem(LemlistStatsDto stats)
    {
        if (AnswerRules.Problem(stats.Counts()) is { } problem) return problem;
        foreach (var step in stats.Steps ?? new List<LemlistStepDto>())
        {
            if (step is not null && AnswerRules.Problem(step.Counts(), requireCounts: false) is { } stepProblem)
            {
                return $"step {step.Index}: {stepProblem}";
            }
        }
        return null;
    }

    private static LemlistCampaignStats ToModel(string campaignId, LemlistStatsDto dto, LemlistStatsWindow window)
    {
        var stats = new LemlistCampaignStats(campaignId, window)
        {
            NbLeads = dto.NbLeads ?? 0,
            NbLeadsLaunched = dto.NbLeadsLaunched ?? 0,
            NbLeadsReached = dto.NbLeadsReached ?? 0,
            NbLeadsOpened = dto.NbLeadsOpened ?? 0,
            NbLeadsInteracted = dto.NbLeadsInteracted ?? 0,
            NbLeadsAnswered = dto.NbLeadsAnswered ?? 0,
            NbLeadsInterested = dto.NbLeadsInterested ?? 0,
            NbLeadsNotInterested = dto.NbLeadsNotInterested ?? 0,
            Unsubscribed = dto.NbLeadsUnsubscribed ?? 0,
            NbLeadsInterrupted = dto.NbLeadsInterrupted ?? 0,
            Sent = dto.MessagesSent ?? 0,
            MessagesNotSent = dto.MessagesNotSent ?? 0,
            Bounced = dto.MessagesBounced ?? 0,
            Delivered = dto.Delivered ?? 0,
            Opened = dto.Opened ?? 0,
            Clicked = dto.Clicked ?? 0,
            Replied = dto.Replied ?? 0,
            InvitationAccepted = dto.InvitationAccepted ?? 0,
            MeetingBooked = dto.MeetingBooked ?? 0,
        };
        var steps = new List<LemlistStepStats>(dto.Steps?.Count ?? 0);
        foreach (var step in dto.Steps ?? new List<LemlistStepDto>())
        {
            if (step is null) continue;
            steps.Add(new LemlistStepStats(campaignId, window)
            {
                Index = step.Index ?? 0,
                SequenceId = step.SequenceId,
                SequenceStep = step.SequenceStep ?? 0,
                AbTest = step.AbTest,
                TaskType = step.TaskType,
                ConditionLabel = step.ConditionLabel,
                Invited = step.Invited ?? 0,
                Sent = step.Sent ?? 0,
                Delivered = step.Delivered ?? 0,
                Opened = step.Opened ?? 0,
                Clicked = step.Clicked ?? 0,
                Replied = step.Replied ?? 0,
                NotDelivered = step.NotDelivered ?? 0,
                Bounced = step.Bounced ?? 0,
                Unsubscribed = step.Unsubscribed ?? 0,
            });
        }
        stats.Steps = new LemlistStepCollection(steps);
        return stats;
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}

/// <summary>One campaign of a batch answer: its statistics, or why there are none.</summary>
internal sealed class LemlistBatchEntry
{
    public LemlistBatchEntry(string campaignId, LemlistCampaignStats? stats, OutreachApiException? error)
    {
        CampaignId = campaignId;
        Stats = stats;
        Error = error;
    }

    public string CampaignId { get; }
    public LemlistCampaignStats? Stats { get; }
    public OutreachApiException? Error { get; }
}
