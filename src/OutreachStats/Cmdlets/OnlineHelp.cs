namespace OutreachStats.Cmdlets;

/// <summary>
/// Where Get-Help -Online goes: the project's README on GitHub (the manifest's ProjectUri), at the
/// section of the command, whose anchor is its name in lower case ("#get-lemlistcampaignstats").
/// Each cmdlet's HelpUri and the first link of its MAML help ("Online Version") name the same place.
/// </summary>
internal static class OnlineHelp
{
    public const string ProjectUri = "https://github.com/outreachstats/OutreachStats";
}
