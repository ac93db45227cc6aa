using System;
using System.Collections.Generic;

namespace OutreachStats.Cmdlets;

/// <summary>Each campaign once per command: the same ID given twice is asked for once.</summary>
internal sealed class CampaignDeduplicator<TId> where TId : notnull
{
    private readonly HashSet<TId> _seen = new();

    /// <summary>The IDs not seen before in this command, in order; <paramref name="skipped"/> hears of each repeat.</summary>
    public IEnumerable<TId> Unseen(IEnumerable<TId> ids, Action<TId> skipped)
    {
        foreach (var id in ids)
        {
            if (_seen.Add(id)) yield return id;
            else skipped(id);
        }
    }
}
