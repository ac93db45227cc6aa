using System;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using OutreachStats.Model;
using OutreachStats.Providers.Lemlist;

namespace OutreachStats.Cmdlets;

/// <summary>
/// What the two lemlist statistics cmdlets share: the campaign IDs (by value or by property name,
/// CampaignId or Id, each checked before any request), the window and filters, the connection, and
/// how a campaign is written (one object, or one row per step).
/// </summary>
public abstract class LemlistStatsCommand : OutreachCmdlet<string>
{
    /// <summary>
    /// The start of "all time" when -StartDate is omitted: earlier than any lemlist campaign
    /// (lemlist launched in 2018). Documented in the help and README.
    /// </summary>
    internal static readonly DateTime AllTimeStart = new(2010, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [RefuseObjectsWithoutCampaignId]
    [ValidateNotNullOrEmpty]
    [ValidateCampaignId]
    public string[] CampaignId { get; set; } = null!;

    [Parameter]
    [DateArgument]
    public DateTimeOffset StartDate { get; set; }

    [Parameter]
    [DateArgument]
    public DateTimeOffset EndDate { get; set; }

    [Parameter]
    [ValidateLemlistSendUser]
    public string SendUser { get; set; } = null!;

    [Parameter]
    [Alias("ABSelected")]
    [ValidateSet("A", "B")]
    public string ABVersion { get; set; } = null!;

    [Parameter]
    [Alias("Channels")]
    [ValidateSet("email", "linkedin", "others")]
    public string[] Channel { get; set; } = null!;

    [Parameter]
    public SwitchParameter PerStep { get; set; }

    internal LemlistClient Client { get; private set; } = null!;

    internal LemlistStatsWindow Window { get; private set; } = null!;

    protected override void BeginProcessing()
    {
        Window = ResolveWindow();
        var connection = Connect(OutreachProvider.Lemlist);
        Client = connection.CreateClient<LemlistClient>();
        WriteVerbose($"lemlist at {connection.BaseUri.AbsoluteUri}, window {LemlistClient.FormatDate(Window.StartDate)} to {LemlistClient.FormatDate(Window.EndDate)}"
            + (MyInvocation.BoundParameters.ContainsKey(nameof(StartDate)) ? string.Empty : " (no -StartDate: all time)")
            + (Window.SendUser.Length > 0 ? $", send user {Window.SendUser}" : string.Empty)
            + (Window.ABVersion.Length > 0 ? $", A/B version {Window.ABVersion}" : string.Empty)
            + (Window.Channels.Length > 0 ? $", channels {Window.Channels}" : string.Empty) + ".");
    }

    internal Task WriteCampaign(LemlistCampaignStats stats)
    {
        if (!PerStep) return Pipeline.WriteObject(stats);
        // A campaign must not vanish from a per-step export without a word.
        if (stats.Steps.Count == 0) return Pipeline.WriteWarning($"Campaign '{stats.CampaignId}' has no steps in lemlist's answer, so -PerStep writes no row for it.");
        return Pipeline.WriteObject(stats.Steps, enumerateCollection: true);
    }

    private LemlistStatsWindow ResolveWindow()
    {
        var bound = MyInvocation.BoundParameters;
        var start = bound.ContainsKey(nameof(StartDate)) ? DateWindow.Start(StartDate) : AllTimeStart;
        var end = bound.ContainsKey(nameof(EndDate)) ? DateWindow.End(EndDate, TimeZoneInfo.Local) : DateTime.UtcNow;
        if (DateWindow.EmptyWindowProblem(start, end, LemlistClient.FormatDate) is { } empty) ThrowTerminatingError(ErrorRecords.InvalidDateRange("Lemlist", empty, EndDate));
        var channels = Channel?.Select(c => c.ToLowerInvariant()).Distinct().ToArray();
        var abVersion = ABVersion?.ToUpperInvariant();
        return new LemlistStatsWindow(start, end, SendUser, abVersion, channels);
    }
}
