using System.Text.Json;
using System.Text.RegularExpressions;
using OutreachStats.PowerShell.Tests.Infrastructure;
using Xunit;

namespace OutreachStats.PowerShell.Tests;

/// <summary>The module's default views as Out-Default renders them through the host, and the objects behind them.</summary>
public sealed class FormatTests : LemlistTestBase
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

    /// <summary>The text of each of <paramref name="fields"/> of the answer that has a value: the cells a table row shows.</summary>
    private static string[] CellsOf(JsonElement answer, params string[] fields) =>
        fields.Select(f => answer.TryGetProperty(f, out var value) ? value : default)
            .Where(v => v.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null))
            .Select(v => v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText())
            .ToArray();

    [Fact]
    public async Task CampaignStatsRenderAsTheViewsTable()
    {
        Connect();
        var id = Ids(1)[0];

        var result = Run("Get-LemlistCampaignStats $id | Out-Default", new() { ["id"] = id });

        result.AssertNoErrors();
        Assert.Empty(result.Output);
        var lines = Lines(result.HostPlainText);
        var header = AssertTableHeader(lines, "CampaignId", "NbLeads", "Sent", "Opened", "Replied", "ReplyRate", "MeetingBooked");
        var answer = await AnswerAsync(id);
        var sent = answer.GetProperty("messagesSent").GetDouble();
        Assert.True(sent > 0, "the sandbox's first campaign sends, so its reply rate shows");
        Assert.Matches(
            $@"^{id}\s+{string.Join(@"\s+", CellsOf(answer, "nbLeads", "messagesSent", "opened", "replied"))}\s+"
            + PercentPattern(answer.GetProperty("replied").GetDouble() / sent) + $@"\s+{answer.GetProperty("meetingBooked")}$",
            lines[header + 2]);
    }

    [Fact]
    public async Task StepRowsRenderAsTheStepViewsTable()
    {
        Connect();
        var id = Ids(1)[0];

        var result = Run("Get-LemlistCampaignStats $id -PerStep | Out-Default", new() { ["id"] = id });

        result.AssertNoErrors();
        var lines = Lines(result.HostPlainText);
        var header = AssertTableHeader(lines, "CampaignId", "SequenceStep", "TaskType", "AbTest", "Sent", "Opened", "Replied");
        var steps = (await AnswerAsync(id)).GetProperty("steps").EnumerateArray().ToList();
        Assert.NotEmpty(steps);
        for (var i = 0; i < steps.Count; i++)
        {
            Assert.Equal([id, .. CellsOf(steps[i], "sequenceStep", "taskType", "abTest", "sent", "opened", "replied")], Cells(lines[header + 2 + i]));
        }
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
        Assert.Contains(BaseUri.AbsoluteUri, row);
        Assert.Contains("****" + Key[^4..], row);
    }

    [Fact]
    public void EveryPropertyIsStillOnTheObjects()
    {
        Connect();

        var result = Run(
            """
            $o = Get-LemlistCampaignStats $ids[0]
            $o.PSObject.Properties.Name -join ','
            (Get-LemlistCampaignStats $ids[1] -PerStep | ForEach-Object { $_ })[0].PSObject.Properties.Name -join ','
            (Get-OutreachConnection).PSObject.Properties.Name -join ','
            """,
            new() { ["ids"] = Ids(2) });

        result.AssertNoErrors();
        var stats = result.Output[0].BaseObject.ToString()!.Split(',');
        foreach (var name in new[]
                 {
                     "Provider", "CampaignId", "StartDate", "EndDate", "SendUser", "ABVersion", "Channels",
                     "Sent", "Delivered", "Opened", "Clicked", "Replied", "Bounced", "Unsubscribed",
                     "OpenRate", "ClickRate", "ReplyRate", "BounceRate",
                     "NbLeads", "NbLeadsLaunched", "NbLeadsReached", "NbLeadsOpened", "NbLeadsInteracted", "NbLeadsAnswered",
                     "NbLeadsInterested", "NbLeadsNotInterested", "NbLeadsInterrupted", "MessagesNotSent",
                     "InvitationAccepted", "MeetingBooked", "Steps",
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
                "Provider", "RateLimit", "RateLimits", "RateLimitWindow", "RetryBaseDelay",
            },
            connection.Order().ToArray());
    }
}
