using System;
using System.Management.Automation;

namespace OutreachStats.Cmdlets;

/// <summary>
/// Refuses a campaign ID that is empty or could leave its path segment (/, \, ?, #, %, .., control characters), so no
/// request can reach another path. Runs at binding time, before any request.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ValidateCampaignIdAttribute : ValidateEnumeratedArgumentsAttribute
{
    protected override void ValidateElement(object element)
    {
        var id = element is PSObject wrapped ? wrapped.BaseObject : element;
        var problem = Problem(id as string ?? id?.ToString());
        if (problem is not null) throw new ValidationMetadataException(problem);
    }

    /// <summary>What every refusal ends with: what to give instead.</summary>
    internal const string WhatToGive = "Give each campaign's ID exactly as the provider shows it, not a URL or a path.";

    internal static string? Problem(string? id)
    {
        if (id is null || id.Trim().Length == 0) return "A campaign ID is empty or only white space: leave out empty CSV rows or cells. " + WhatToGive;
        if (id.Trim().Length != id.Length) return $"The campaign ID '{id}' has leading or trailing white space: trim it. " + WhatToGive;
        foreach (var c in id)
        {
            if (c is '/' or '\\' or '?' or '#' or '%' || char.IsControl(c))
            {
                return $"The campaign ID '{id}' contains {(char.IsControl(c) ? "a control character" : $"'{c}'")}, which no campaign ID has. " + WhatToGive;
            }
        }
        if (id.Contains("..")) return $"The campaign ID '{id}' contains '..', which no campaign ID has. " + WhatToGive;
        if (id == ".") return "The campaign ID '.' is not a campaign ID. " + WhatToGive;
        return null;
    }
}
