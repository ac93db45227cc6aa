using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using OutreachStats.Http;
using OutreachStats.Model;

namespace OutreachStats.Providers.Smartlead;

/// <summary>
/// Smartlead's campaign statistics endpoint, GET /api/v1/campaigns/{campaign_id}/statistics,
/// authenticated by the api_key query parameter as documented (every URL the module shows masks
/// it). Rows are paged with offset and limit and read page by page: each page is handed on as
/// soon as it is checked, and the next is asked for only when the caller wants more.
/// </summary>
internal sealed class SmartleadClient : ProviderClient
{
    /// <summary>The most rows one request may ask for (limit), as documented.</summary>
    public const int MaxPageSize = 1000;

    /// <summary>
    /// Rows per request unless -PageSize says otherwise: the documented maximum, so a campaign
    /// costs as few requests of Smartlead's per-minute, per-hour and per-second limits as the API
    /// allows. A page of per-send rows with long messages is tens of MB, which the provider's
    /// response cap is sized for (<see cref="SmartleadProvider.MaxPageBytes"/>).
    /// </summary>
    public const int DefaultPageSize = MaxPageSize;

    public SmartleadClient(Uri baseUri, ApiTransport transport)
        : base(SmartleadProvider.Definition, baseUri, transport)
    {
    }

    /// <summary>Times as Smartlead documents them: <c>2023-10-16 10:33:02.000Z</c>, UTC.</summary>
    public static string FormatDate(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// The campaign's statistics rows, page by page, from row <see cref="SmartleadStatisticsQuery.Skip"/>
    /// and at most <see cref="SmartleadStatisticsQuery.First"/> of them: the offset starts at Skip
    /// and no request asks for more rows than are still wanted, so no page beyond them is fetched.
    /// The first page always comes, even empty (it tells the total).
    /// A server may cap or ignore offset and limit; each page's envelope says which rows it holds,
    /// and the page is used as far as its rows are the ones asked for (<see cref="RowsAsked"/>).
    /// The next page is asked from the offset plus the rows received, so a capped limit only makes
    /// more pages. Paging ends when enough rows came; else at total_stats when the answer gives
    /// it, without it at an empty page or one shorter than the limit the server echoed.
    /// </summary>
    public async IAsyncEnumerable<SmartleadPage> GetStatisticsAsync(
        long campaignId, SmartleadStatisticsQuery query, Action<string>? log, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (campaignId < 1) throw new ArgumentOutOfRangeException(nameof(campaignId), $"{campaignId} cannot be a Smartlead campaign ID.");
        if (query.PageSize is < 1 or > MaxPageSize) throw new ArgumentOutOfRangeException(nameof(query), $"A Smartlead page holds 1 to {MaxPageSize} rows.");
        if (query.First == 0 && !query.IncludeTotalCount) yield break;

        var id = campaignId.ToString(CultureInfo.InvariantCulture);
        log = ForCampaign(id, log);
        var offset = (long)Math.Min(query.Skip, long.MaxValue);
        var wanted = query.First;
        for (var first = true; ; first = false)
        {
            // -First 0 -IncludeTotalCount still asks once (for one row) to learn the total.
            var limit = (int)Math.Min((ulong)query.PageSize, Math.Max(wanted, 1UL));
            var uri = new Uri(BaseAddress + "/api/v1/campaigns/" + id + "/statistics?" + Query(offset, limit, query));
            var answer = await GetAsync(uri, Json, response => CheckedAnswer(response, id, offset), id, log, cancellationToken).ConfigureAwait(false);
            // Checked after the call, not in it: asking again would bring the same rows from the same server.
            var rows = RowsAsked(answer, id, offset);

            var take = (int)Math.Min((ulong)rows.Count, wanted);
            var models = new List<object>(take);
            for (var i = 0; i < take; i++) models.Add(ToModel(campaignId, rows[i]!, query));
            var isLast = (ulong)take == wanted || rows.Count == 0 || answer.RowsEndWithThisPage;
            log?.Invoke($"rows {offset + 1} to {offset + rows.Count}"
                + (answer.Total is { } all ? $" of {all} (total_stats)" : string.Empty)
                + (answer.Limit < limit ? $"; Smartlead capped the page at {answer.Limit} rows where {limit} were asked for" : string.Empty)
                + (answer.Offset < offset ? $"; the page began at offset {answer.Offset}, so its rows before offset {offset} were left out" : string.Empty)
                + (isLast ? "; the last page wanted." : "."));

            yield return new SmartleadPage(first, models, answer.KnownTotal);
            if (isLast) yield break;
            wanted -= (ulong)take;
            offset += rows.Count;
        }
    }

    /// <summary>The query: the key, the page, then the filters given, with the names Smartlead documents.</summary>
    private string Query(long offset, int limit, SmartleadStatisticsQuery query)
    {
        var text = new StringBuilder()
            .Append("api_key=").Append(Uri.EscapeDataString(Transport.Key.Reveal()))
            .Append("&offset=").Append(offset.ToString(CultureInfo.InvariantCulture))
            .Append("&limit=").Append(limit.ToString(CultureInfo.InvariantCulture));
        if (query.SequenceNumber is { } step) text.Append("&email_sequence_number=").Append(step.ToString(CultureInfo.InvariantCulture));
        if (query.EmailStatus.Length > 0) text.Append("&email_status=").Append(Uri.EscapeDataString(query.EmailStatus));
        if (query.StartDate is { } start) text.Append("&sent_time_start_date=").Append(Uri.EscapeDataString(FormatDate(start)));
        if (query.EndDate is { } end) text.Append("&sent_time_end_date=").Append(Uri.EscapeDataString(FormatDate(end)));
        return text.ToString();
    }

    /// <summary>
    /// The page once its envelope is checked: ok is not false, data is an array of objects of a
    /// known shape, offset and limit are there (an offset from 0), total_stats is not negative,
    /// and no more rows came than the limit the server echoed. Anything else is an error for the
    /// campaign (retried as an answer that is not the documented JSON), never an empty or shifted page.
    /// </summary>
    private SmartleadAnswer CheckedAnswer(ApiResponse response, string campaignId, long offset)
    {
        var envelope = Parse(response, SmartleadJsonContext.Default.SmartleadEnvelopeDto, campaignId);
        if (envelope.Ok == false)
        {
            var said = ProviderErrorBody.Read(response.Body);
            var reason = string.Join(": ", new[] { said.Code, said.Message }).Trim(':', ' ');
            throw new OutreachApiException(ProviderId, OutreachErrorKind.CampaignFailed,
                $"{ProviderName} answered ok:false for campaign '{campaignId}' at offset {offset}"
                + (reason.Length > 0 ? ": " + Transport.Redact(reason) : " without a reason") + ".",
                campaignId, response.StatusCode, providerErrorCode: said.Code is null ? null : Transport.Redact(said.Code));
        }
        if (envelope.Data is not { } rows) throw InvalidResponse(response, campaignId, "it has no data array");
        if (envelope.Offset is not { } echoedOffset) throw InvalidResponse(response, campaignId, $"it has no offset, so the page asked for at offset {offset} cannot be checked");
        if (echoedOffset < 0) throw InvalidResponse(response, campaignId, $"its offset is {echoedOffset}");
        if (envelope.Limit is not { } echoedLimit) throw InvalidResponse(response, campaignId, $"it has no limit, so the page asked for at offset {offset} cannot be checked");
        if (rows.Count > echoedLimit) throw InvalidResponse(response, campaignId, $"it holds {rows.Count} rows where its limit is {echoedLimit}");
        if (envelope.TotalStats < 0) throw InvalidResponse(response, campaignId, $"its total_stats is {envelope.TotalStats}");
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i] is not { } row) throw InvalidResponse(response, campaignId, $"row {echoedOffset + i + 1} is null");
            if (!row.IsPerSend && !row.IsAggregate) throw InvalidResponse(response, campaignId, $"row {echoedOffset + i + 1} has none of the fields of a statistics row");
        }
        return new SmartleadAnswer(response, rows, echoedOffset, (int)Math.Min(echoedLimit, int.MaxValue), envelope.TotalStats);
    }

    /// <summary>
    /// The page's rows from row <paramref name="offset"/> + 1 on, as its echoed offset places them.
    /// Consistent, and used: a page that starts at the offset asked (whatever limit it echoes: a
    /// capped one gives fewer rows, an ignored one more, and the rows beyond those wanted are not
    /// used); a page that starts before it, less its rows before the offset (a server that ignores
    /// offset answers from row 1: its rows already read or skipped are never written twice); such
    /// a page whose rows all lie before the offset, when it shows that the rows end there (they
    /// are all read). Not consistent, an error for the campaign after the rows before it: a page
    /// that starts past the offset (the rows between would be skipped), and a page whose rows all
    /// lie before the offset while more rows follow them (the server does not page by offset).
    /// </summary>
    private List<SmartleadRowDto?> RowsAsked(SmartleadAnswer answer, string campaignId, long offset)
    {
        if (answer.Offset == offset) return answer.Rows;
        var mismatch = $"its offset is {answer.Offset} where {offset} was asked for";
        if (answer.Offset > offset)
        {
            throw InvalidResponse(answer.Response, campaignId, $"{mismatch}, so rows {offset + 1} to {answer.Offset} would be skipped");
        }
        var before = offset - answer.Offset;
        if (before < answer.Rows.Count) return answer.Rows.GetRange((int)before, answer.Rows.Count - (int)before);
        if (answer.RowsEndWithThisPage && (answer.Total ?? answer.Offset + answer.Rows.Count) <= offset) return new List<SmartleadRowDto?>();
        throw InvalidResponse(answer.Response, campaignId,
            $"{mismatch}, and its rows end at row {answer.Offset + answer.Rows.Count} while more follow: {ProviderName} does not seem to page by offset, so rows from {offset + 1} on cannot be read");
    }

    private static object ToModel(long campaignId, SmartleadRowDto row, SmartleadStatisticsQuery query)
    {
        if (!row.IsPerSend)
        {
            return new SmartleadSequenceStats(campaignId, query)
            {
                SequenceNumber = row.SequenceNumber ?? 0,
                Sent = row.Sent ?? 0,
                Opened = row.Opened ?? 0,
                Clicked = row.Clicked ?? 0,
                Replied = row.Replied ?? 0,
                Unsubscribed = row.Unsubscribed ?? 0,
                Bounced = row.Bounced ?? 0,
            };
        }
        return new SmartleadSendStats(campaignId, query)
        {
            StatsId = row.StatsId,
            LeadName = row.LeadName,
            LeadEmail = row.LeadEmail,
            LeadCategory = row.LeadCategory,
            SequenceNumber = row.SequenceNumber ?? 0,
            EmailCampaignSeqId = row.EmailCampaignSeqId,
            SeqVariantId = row.SeqVariantId,
            EmailSubject = row.EmailSubject,
            EmailMessage = query.IncludeMessage ? row.EmailMessage : null,
            SentTime = row.SentTime,
            OpenTime = row.OpenTime,
            ClickTime = row.ClickTime,
            ReplyTime = row.ReplyTime,
            OpenCount = row.OpenCount ?? 0,
            ClickCount = row.ClickCount ?? 0,
            Unsubscribed = row.IsUnsubscribed ?? false,
            Bounced = row.IsBounced ?? false,
            IgnoreReply = row.IgnoreReply ?? false,
        };
    }
}

/// <summary>
/// A page as the server answered it, its envelope checked: its rows, where it says they start
/// (<see cref="Offset"/>) and how many it says a page holds (<see cref="Limit"/>), which may not
/// be what was asked for.
/// </summary>
internal sealed class SmartleadAnswer
{
    public SmartleadAnswer(ApiResponse response, List<SmartleadRowDto?> rows, long offset, int limit, long? total)
    {
        Response = response;
        Rows = rows;
        Offset = offset;
        Limit = limit;
        Total = total;
    }

    public ApiResponse Response { get; }

    public List<SmartleadRowDto?> Rows { get; }

    public long Offset { get; }

    public int Limit { get; }

    /// <summary>total_stats, when the answer gives it.</summary>
    public long? Total { get; }

    /// <summary>No rows follow this page's: by total_stats when given, else it is shorter than its own limit (or empty).</summary>
    public bool RowsEndWithThisPage => Total is { } total ? Offset + Rows.Count >= total : Rows.Count < Limit || Rows.Count == 0;

    /// <summary>The campaign's number of rows: total_stats, or, without it, what a short page that is not empty (or the very start) shows; null when unknown.</summary>
    public long? KnownTotal => Total ?? (Rows.Count < Limit && (Rows.Count > 0 || Offset == 0) ? Offset + Rows.Count : null);
}

/// <summary>One checked page of a campaign's rows.</summary>
internal sealed class SmartleadPage
{
    public SmartleadPage(bool isFirst, IReadOnlyList<object> rows, long? knownTotal)
    {
        IsFirst = isFirst;
        Rows = rows;
        KnownTotal = knownTotal;
    }

    /// <summary>The first page of the campaign: the one after which -IncludeTotalCount writes the total.</summary>
    public bool IsFirst { get; }

    /// <summary><see cref="SmartleadSequenceStats"/> and <see cref="SmartleadSendStats"/> rows, in the answer's order, only those wanted.</summary>
    public IReadOnlyList<object> Rows { get; }

    /// <summary>The campaign's number of rows: total_stats, or, without it, what a short page shows; null when unknown.</summary>
    public long? KnownTotal { get; }
}
