using System.Text.RegularExpressions;
using OutreachStats.PowerShell.Tests.Infrastructure;
using Xunit;

namespace OutreachStats.PowerShell.Tests;

/// <summary>The module's default views as Out-Default renders them through the host, and the objects behind them.</summary>
public sealed class FormatTests : FakeLemlistTestBase
{
    /// <summary>The host's lines, trailing spaces trimmed, blank lines dropped.</summary>
    private static List<string> Lines(string text) =>
        text.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToList();

    private static string[] Cells(string line) => Regex.Split(line.Trim(), @"\s+");

    /// <summary>The header line (its cells are exactly <paramref name="columns"/>) and the line of dashes under it.</summary>
    private static int AssertTableHeader(List<string> lines, params string[] columns)
    {
        var header = lines.FindIndex(l => Cells(l).SequenceEqual(columns));
        Assert.True(header >= 0, $"No table header [{string.Join(" ", columns)}] in:\n{string.Join("\n", lines)}");
        Assert.Matches(@"^[\s-]+$", lines[header + 1]);
        Assert.Equal(columns.Length, Cells(lines[header + 1]).Length);
        return header;
    }

    [Fact]
    public void CampaignStatsRenderAsTheViewsTable()
    {
        Connect();

        var result = Run("Get-LemlistCampaignStats cam_1 | Out-Default");

        result.AssertNoErrors();
        Assert.Empty(result.Output);
        var lines = Lines(result.HostPlainText);
        var header = AssertTableHeader(lines, "CampaignId", "Leads", "Sent", "Opened", "Replied", "Interested", "Meetings");
        Assert.Equal(new[] { "cam_1", "32", "72", "47", "16", "1", "0" }, Cells(lines[header + 2]));
    }

    [Fact]
    public void StepRowsRenderAsTheStepViewsTable()
    {
        Connect();

        var result = Run("Get-LemlistCampaignStats cam_1 -PerStep | Out-Default");

        result.AssertNoErrors();
        var lines = Lines(result.HostPlainText);
        var header = AssertTableHeader(lines, "CampaignId", "Step", "TaskType", "AB", "Sent", "Opened", "Replied", "Bounced");
        Assert.Equal(new[] { "cam_1", "0", "linkedinSend", "32", "15", "15", "0" }, Cells(lines[header + 2]));
        Assert.Equal(new[] { "cam_1", "1", "20", "17", "1", "0" }, Cells(lines[header + 3]));
        Assert.Equal(new[] { "cam_1", "2", "20", "15", "0", "0" }, Cells(lines[header + 4]));
    }

    [Fact]
    public void ConnectionsRenderAsTheConnectionViewsTable()
    {
        Connect();

        var result = Run("Get-OutreachConnection | Out-Default");

        result.AssertNoErrors();
        var lines = Lines(result.HostPlainText);
        var header = AssertTableHeader(lines, "Provider", "BaseUri", "KeyHint", "ConnectedAt");
        var row = lines[header + 2];
        Assert.StartsWith("Lemlist", row.Trim());
        Assert.Contains(Server.BaseUri.AbsoluteUri, row);
        Assert.Contains("****" + Key[^4..], row);
    }

    [Fact]
    public void EveryPropertyIsStillOnTheObjects()
    {
        Connect();

        var result = Run(
            """
            $o = Get-LemlistCampaignStats cam_1
            $o.PSObject.Properties.Name -join ','
            (Get-LemlistCampaignStats cam_2 -PerStep | ForEach-Object { $_ })[0].PSObject.Properties.Name -join ','
            (Get-OutreachConnection).PSObject.Properties.Name -join ','
            """);

        result.AssertNoErrors();
        var stats = result.Output[0].BaseObject.ToString()!.Split(',');
        foreach (var name in new[]
                 {
                     "Provider", "CampaignId", "StartDate", "EndDate", "SendUser", "ABVersion", "Channels", "NbLeads", "NbLeadsLaunched",
                     "NbLeadsReached", "NbLeadsOpened", "NbLeadsInteracted", "NbLeadsAnswered", "NbLeadsInterested", "NbLeadsNotInterested",
                     "NbLeadsUnsubscribed", "NbLeadsInterrupted", "MessagesSent", "MessagesNotSent", "MessagesBounced", "Delivered",
                     "Opened", "Clicked", "Replied", "InvitationAccepted", "MeetingBooked", "Steps",
                 })
        {
            Assert.Contains(name, stats);
        }
        var step = result.Output[1].BaseObject.ToString()!.Split(',');
        foreach (var name in new[]
                 {
                     "CampaignId", "StartDate", "EndDate", "Index", "SequenceId", "SequenceStep", "AbTest", "TaskType", "ConditionLabel",
                     "Invited", "Sent", "Delivered", "Opened", "Clicked", "Replied", "NotDelivered", "Bounced", "Unsubscribed",
                 })
        {
            Assert.Contains(name, step);
        }
        var connection = result.Output[2].BaseObject.ToString()!.Split(',');
        Assert.Equal(
            new[]
            {
                "AttemptTimeout", "BaseUri", "CallTimeout", "ConnectedAt", "IsClosed", "KeyHint", "MaximumRetryAfter", "MaximumRetryCount",
                "Provider", "RateLimit", "RateLimitWindow", "RetryBaseDelay",
            },
            connection.Order().ToArray());
    }
}
