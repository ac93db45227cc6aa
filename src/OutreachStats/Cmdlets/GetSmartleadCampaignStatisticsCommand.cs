using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading.Tasks;
using OutreachStats.Model;
using OutreachStats.Providers.Smartlead;

namespace OutreachStats.Cmdlets;

/// <summary>
/// Get-SmartleadCampaignStatistics: GET /api/v1/campaigns/{campaign_id}/statistics, every page
/// by default, each row written as its page arrives. PowerShell's -Skip and -First choose part
/// of each campaign's rows (they become the offset and limits, so no unneeded page is fetched);
/// -IncludeTotalCount writes each campaign's total first. -Summary adds the rows up instead: one
/// row per campaign, or with -PerStep one per sequence step.
/// </summary>
[Cmdlet(VerbsCommon.Get, "SmartleadCampaignStatistics", SupportsPaging = true, HelpUri = OnlineHelp.ProjectUri + "#get-smartleadcampaignstatistics")]
[OutputType(typeof(SmartleadSendStats))]
[OutputType(typeof(SmartleadSequenceStats))]
[OutputType(typeof(SmartleadStatisticsSummary))]
public sealed class GetSmartleadCampaignStatisticsCommand : OutreachCmdlet<long>
{
    private SmartleadClient _client = null!;

    /// <summary>A campaign takes as many requests as it has pages, known only once read.</summary>
    private protected override int? CampaignsPerRequest => null;

    /// <summary>
    /// Campaigns read at once. Each holds a page (up to 1,000 rows, tens of MB as text) until its
    /// turn to be written; at the key's 60 a minute, 32 campaigns at once held about 1 GB while
    /// the budget, not the number in flight, set the pace. Two keep a page ready as the other is written.
    /// </summary>
    private protected override int MostInFlight => 2;
    private SmartleadStatisticsQuery _query = null!;

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [SmartleadCampaignId]
    [ValidateRange(1L, long.MaxValue)]
    public long[] CampaignId { get; set; } = null!;

    [Parameter]
    [ValidateRange(1, 20)]
    public int SequenceNumber { get; set; }

    [Parameter]
    [ValidateSet("opened", "clicked", "replied", "unsubscribed", "bounced")]
    public string EmailStatus { get; set; } = null!;

    [Parameter]
    [DateArgument]
    public DateTimeOffset StartDate { get; set; }

    [Parameter]
    [DateArgument]
    public DateTimeOffset EndDate { get; set; }

    [Parameter]
    [ValidateRange(1, SmartleadClient.MaxPageSize)]
    public int PageSize { get; set; } = SmartleadClient.DefaultPageSize;

    [Parameter]
    public SwitchParameter IncludeMessage { get; set; }

    [Parameter]
    public SwitchParameter Summary { get; set; }

    /// <summary>With -Summary: one row per sequence step instead of one per campaign, never both in one stream.</summary>
    [Parameter]
    public SwitchParameter PerStep { get; set; }

    protected override void BeginProcessing()
    {
        if (PerStep && !Summary)
        {
            ThrowTerminatingError(new ErrorRecord(
                new ArgumentException("-PerStep chooses the rows of -Summary: add -Summary for its sums per sequence step. Without -Summary the rows Smartlead sends are already per step or per send.", nameof(PerStep)),
                "SmartleadPerStepWithoutSummary", ErrorCategory.InvalidArgument, null));
        }
        _query = ResolveQuery();
        var connection = Connect(OutreachProvider.Smartlead);
        _client = connection.CreateClient<SmartleadClient>();
        WriteVerbose($"Smartlead at {connection.BaseUri.AbsoluteUri}, {_query.PageSize} rows per request"
            + (_query.StartDate is { } start ? $", sent after {SmartleadClient.FormatDate(start)}" : string.Empty)
            + (_query.EndDate is { } end ? $", sent before {SmartleadClient.FormatDate(end)}" : string.Empty)
            + (_query.SequenceNumber is { } step ? $", step {step}" : string.Empty)
            + (_query.EmailStatus.Length > 0 ? $", status {_query.EmailStatus}" : string.Empty)
            + (_query.Skip > 0 ? $", skipping {_query.Skip} row(s)" : string.Empty)
            + (_query.First != ulong.MaxValue ? $", at most {_query.First} row(s)" : string.Empty)
            + " per campaign.");
    }

    protected override void ProcessRecord()
    {
        foreach (var id in NewCampaignIds(CampaignId))
        {
            var summary = Summary ? new SmartleadSummaryBuilder(id, _query) : null;
            Requests.StartStream(
                id,
                token => _client.GetStatisticsAsync(id, _query, Log, token),
                page => WritePage(page, summary),
                summary is null ? null : () => WriteSummary(summary.Build()));
        }
    }

    private Task WriteSummary((SmartleadStatisticsSummary Campaign, IReadOnlyList<SmartleadStatisticsSummary> Steps) summary) =>
        PerStep ? Pipeline.WriteObject(summary.Steps, enumerateCollection: true) : Pipeline.WriteObject(summary.Campaign);

    private async Task WritePage(SmartleadPage page, SmartleadSummaryBuilder? summary)
    {
        if (page.IsFirst && PagingParameters.IncludeTotalCount)
        {
            // Exact when Smartlead gives total_stats (or the rows visibly end); otherwise unknown.
            await Pipeline.WriteObject(page.KnownTotal is { } total
                ? PagingParameters.NewTotalCount((ulong)total, 1.0)
                : PagingParameters.NewTotalCount(0, 0.0)).ConfigureAwait(false);
        }
        if (summary is null)
        {
            await Pipeline.WriteObject(page.Rows, enumerateCollection: true).ConfigureAwait(false);
            return;
        }
        foreach (var row in page.Rows) summary.Add(row);
    }

    private SmartleadStatisticsQuery ResolveQuery()
    {
        var bound = MyInvocation.BoundParameters;
        DateTime? start = bound.ContainsKey(nameof(StartDate)) ? DateWindow.Start(StartDate) : null;
        DateTime? end = bound.ContainsKey(nameof(EndDate)) ? DateWindow.End(EndDate, TimeZoneInfo.Local) : null;
        if (start is { } from && end is { } to && DateWindow.EmptyWindowProblem(from, to, SmartleadClient.FormatDate) is { } empty)
        {
            ThrowTerminatingError(ErrorRecords.InvalidDateRange("Smartlead", empty, EndDate));
        }
        return new SmartleadStatisticsQuery
        {
            StartDate = start,
            EndDate = end,
            SequenceNumber = bound.ContainsKey(nameof(SequenceNumber)) ? SequenceNumber : null,
            EmailStatus = EmailStatus?.ToLowerInvariant() ?? string.Empty,
            IncludeMessage = IncludeMessage,
            Skip = PagingParameters.Skip,
            First = PagingParameters.First,
            IncludeTotalCount = PagingParameters.IncludeTotalCount,
            PageSize = PageSize,
        };
    }
}
