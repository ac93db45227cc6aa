using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using OutreachStats.Connections;
using OutreachStats.Model;
using OutreachStats.Providers.Lemlist;

namespace OutreachStats.Cmdlets;

/// <summary>
/// What the two lemlist statistics cmdlets share: the campaign IDs, the window and filters, the
/// connection, and how a campaign is written (one object, or one row per step).
/// </summary>
public abstract class LemlistStatsCommand : OutreachCmdlet
{
    /// <summary>
    /// The start of "all time" when -StartDate is omitted: earlier than any lemlist campaign
    /// (lemlist launched in 2018). Documented in the help and README.
    /// </summary>
    internal static readonly DateTime AllTimeStart = new(2010, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateNotNullOrEmpty]
    [ValidateCampaignId]
    public string[] CampaignId { get; set; } = null!;

    [Parameter]
    public DateTime StartDate { get; set; }

    [Parameter]
    public DateTime EndDate { get; set; }

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

    [Parameter]
    [ValidateNotNull]
    public OutreachConnection Connection { get; set; } = null!;

    internal LemlistClient Client { get; private set; } = null!;

    internal LemlistStatsWindow Window { get; private set; } = null!;

    protected override void BeginProcessing()
    {
        Window = ResolveWindow();
        var connection = ResolveConnection(OutreachProvider.Lemlist, Connection);
        Client = connection.CreateLemlistClient();
        WriteVerbose($"lemlist at {connection.BaseUri.AbsoluteUri}, window {LemlistClient.FormatDate(Window.StartDate)} to {LemlistClient.FormatDate(Window.EndDate)}"
            + (MyInvocation.BoundParameters.ContainsKey(nameof(StartDate)) ? string.Empty : " (no -StartDate: all time)")
            + (Window.SendUser.Length > 0 ? $", send user {Window.SendUser}" : string.Empty)
            + (Window.ABVersion.Length > 0 ? $", A/B version {Window.ABVersion}" : string.Empty)
            + (Window.Channels.Length > 0 ? $", channels {Window.Channels}" : string.Empty) + ".");
    }

    /// <summary>The IDs of this input not seen before in this command; repeats are skipped, once each campaign.</summary>
    internal IEnumerable<string> NewCampaignIds()
    {
        foreach (var id in CampaignId)
        {
            if (_seen.Add(id)) yield return id;
            else WriteVerbose($"Campaign '{id}' was already asked for in this command; skipped.");
        }
    }

    internal void WriteCampaign(LemlistCampaignStats stats)
    {
        if (!PerStep)
        {
            WriteObject(stats);
        }
        else if (stats.Steps.Count == 0)
        {
            // A campaign must not vanish from a per-step export without a word.
            WriteWarning($"Campaign '{stats.CampaignId}' has no steps in lemlist's answer, so -PerStep writes no row for it.");
        }
        else
        {
            WriteObject(stats.Steps, enumerateCollection: true);
        }
    }

    private LemlistStatsWindow ResolveWindow()
    {
        var bound = MyInvocation.BoundParameters;
        var start = bound.ContainsKey(nameof(StartDate)) ? ToUtc(StartDate) : AllTimeStart;
        var end = bound.ContainsKey(nameof(EndDate)) ? ToUtc(WholeDayEnd(EndDate)) : DateTime.UtcNow;
        if (end < start)
        {
            ThrowTerminatingError(new ErrorRecord(
                new ArgumentException($"-EndDate ({LemlistClient.FormatDate(end)}) is before -StartDate ({LemlistClient.FormatDate(start)}). Give an end after the start.", nameof(EndDate)),
                "LemlistInvalidDateRange", ErrorCategory.InvalidArgument, EndDate));
        }
        var channels = Channel?.Select(c => c.ToLowerInvariant()).Distinct().ToArray();
        var abVersion = ABVersion?.ToUpperInvariant();
        return new LemlistStatsWindow(start, end, SendUser, abVersion, channels);
    }

    /// <summary>A date with no time of day means the whole day, so as an end it reaches the day's last millisecond.</summary>
    internal static DateTime WholeDayEnd(DateTime end) =>
        end.Kind != DateTimeKind.Utc && end.TimeOfDay == TimeSpan.Zero ? end.AddDays(1).AddMilliseconds(-1) : end;

    /// <summary>Dates without a zone are the user's local time.</summary>
    internal static DateTime ToUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Local).ToUniversalTime(),
    };
}
