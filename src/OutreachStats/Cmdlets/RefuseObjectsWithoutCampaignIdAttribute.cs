using System;
using System.Management.Automation;

namespace OutreachStats.Cmdlets;

/// <summary>
/// Text campaign IDs (lemlist, Leadlex, Leadterra): an object with neither a CampaignId nor an Id
/// property is refused by the cmdlet instead of being sent as its text (see <see cref="CampaignIdObjects"/>);
/// everything else binds as PowerShell binds it.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class RefuseObjectsWithoutCampaignIdAttribute : ArgumentTransformationAttribute
{
    /// <summary>Bound when every item was refused; it passes the ID checks and is never asked for.</summary>
    private const string Placeholder = "(an object without CampaignId or Id)";

    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData) =>
        CampaignIdObjects.Sift(inputData, item => LanguagePrimitives.ConvertTo<string>(item), Placeholder);
}
