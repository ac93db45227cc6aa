using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace OutreachStats.Model;

/// <summary>
/// A campaign's steps. Its text is a count ("3 steps"), which is what Export-Csv writes for it,
/// instead of a type name.
/// </summary>
public sealed class LemlistStepCollection : ReadOnlyCollection<LemlistStepStats>
{
    internal static readonly LemlistStepCollection Empty = new(new List<LemlistStepStats>());

    internal LemlistStepCollection(IList<LemlistStepStats> steps) : base(steps)
    {
    }

    public override string ToString() => Count == 1 ? "1 step" : Count + " steps";
}
