using System.Collections.Generic;

namespace OutreachStats.Cmdlets;

/// <summary>The campaigns one request is about: one, or a batch's (as progress and errors name them).</summary>
internal sealed class Campaigns<TId> where TId : notnull
{
    private readonly IReadOnlyList<TId> _ids;

    public Campaigns(IReadOnlyList<TId> ids) => _ids = ids;

    public Campaigns(TId id) => _ids = new[] { id };

    public int Count => _ids.Count;

    public TId First => _ids[0];

    /// <summary>As progress names them after "Waiting for".</summary>
    public string WaitingFor => Count == 1
        ? $"campaign {First}"
        : $"campaigns {First} to {_ids[Count - 1]} ({Count} in one request)";

    /// <summary>As an error message names them.</summary>
    public string Described => Count == 1 ? $"campaign '{First}'" : $"the {Count} campaigns of one request";
}
