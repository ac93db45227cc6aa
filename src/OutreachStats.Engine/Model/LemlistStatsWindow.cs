using System;

namespace OutreachStats.Model;

/// <summary>What a lemlist statistics request asks for: the window (UTC) and the filters.</summary>
internal sealed class LemlistStatsWindow
{
    public LemlistStatsWindow(DateTime startDate, DateTime endDate, string? sendUser, string? abVersion, string[]? channels)
    {
        StartDate = DateTime.SpecifyKind(startDate, DateTimeKind.Utc);
        EndDate = DateTime.SpecifyKind(endDate, DateTimeKind.Utc);
        SendUser = sendUser ?? string.Empty;
        ABVersion = abVersion ?? string.Empty;
        ChannelList = channels ?? Array.Empty<string>();
        Channels = string.Join(",", ChannelList);
    }

    public DateTime StartDate { get; }
    public DateTime EndDate { get; }
    public string SendUser { get; }
    public string ABVersion { get; }
    public string Channels { get; }
    public string[] ChannelList { get; }
}
