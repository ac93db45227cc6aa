using System;

namespace OutreachStats.Model;

/// <summary>
/// What a Smartlead statistics request asks for: the filters, the part of the rows (skip and
/// first, as PowerShell's -Skip and -First) and the page size. Times are UTC.
/// </summary>
internal sealed class SmartleadStatisticsQuery
{
    public DateTime? StartDate { get; set; }
    public DateTime? EndDate { get; set; }

    /// <summary>email_sequence_number, 1 to 20; null for every step.</summary>
    public int? SequenceNumber { get; set; }

    /// <summary>email_status (opened, clicked, replied, unsubscribed, bounced); empty for any.</summary>
    public string EmailStatus { get; set; } = string.Empty;

    /// <summary>Keep each per-send row's rendered message body (EmailMessage).</summary>
    public bool IncludeMessage { get; set; }

    /// <summary>Rows to skip from the start of the campaign's rows (the first offset).</summary>
    public ulong Skip { get; set; }

    /// <summary>Rows wanted at most; ulong.MaxValue for all.</summary>
    public ulong First { get; set; } = ulong.MaxValue;

    /// <summary>The total count is wanted even when no row is (-First 0 -IncludeTotalCount).</summary>
    public bool IncludeTotalCount { get; set; }

    /// <summary>Rows asked for per request (limit), 1 to 1000.</summary>
    public int PageSize { get; set; } = Providers.Smartlead.SmartleadClient.DefaultPageSize;
}
