namespace OutreachStats.Model;

/// <summary>The cold-outreach platforms the module speaks to.</summary>
public enum OutreachProvider
{
    Lemlist,
    Smartlead,
    Leadlex,
    Leadterra,
}
