namespace OutreachStats.Sandbox;

/// <summary>Which rows a Smartlead campaign's statistics carry.</summary>
public enum SmartleadShape
{
    /// <summary>Each campaign's shape follows from the seed: about half of them each.</summary>
    PerCampaign,

    /// <summary>The documented rows: one per sequence step with its counts.</summary>
    Aggregate,

    /// <summary>The rows public clients of the live API read: one per email sent, with total_stats.</summary>
    PerSend,
}
