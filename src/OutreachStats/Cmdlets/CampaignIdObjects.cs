using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Runtime.CompilerServices;

namespace OutreachStats.Cmdlets;

/// <summary>
/// Objects given as campaign IDs that carry none: not a string or a value whose text is the ID
/// (a number, a GUID), and with neither a CampaignId nor an Id property, such as lemlist's own
/// campaign list (_id) or a semicolon CSV read as one column. PowerShell would bind such an
/// object by its text ("@{_id=cam_123; name=…}") and send it; instead each is refused before any
/// request with an error of its own (OutreachInputWithoutCampaignId), and the others go on.
/// <para>
/// An argument transformation sees the object first, but failing there gives PowerShell's
/// ErrorId (ParameterArgumentTransformationError), never the module's. So the transformation
/// binds in its place an array recorded here (<see cref="Sift"/>), and the cmdlet, finding it,
/// writes the error (<see cref="Split"/>). Objects with CampaignId or Id are left to PowerShell:
/// its binding by property name comes after the attempt by value, which must not fail for them.
/// </para>
/// </summary>
internal static class CampaignIdObjects
{
    public const string ErrorId = "OutreachInputWithoutCampaignId";

    private const int PropertiesNamed = 10;

    // Keyed by the array bound (PowerShell binds the very array the transformation returns); weak,
    // so an entry goes with its command.
    private static readonly ConditionalWeakTable<Array, Refusal> Refused = new();

    /// <summary>
    /// What to bind for <paramref name="inputData"/>: itself when it holds no object without a
    /// campaign ID; otherwise the other items, each <paramref name="convert"/>ed (or only
    /// <paramref name="placeholder"/>, never asked for, when none is left), recorded with the
    /// objects refused.
    /// </summary>
    public static object? Sift<TId>(object? inputData, Func<object?, TId> convert, TId placeholder)
    {
        List<object> refused;
        TId[] kept;
        if (HasNoCampaignId(inputData))
        {
            refused = new List<object> { inputData! };
            kept = Array.Empty<TId>();
        }
        else if (Unwrap(inputData) is IEnumerable items and not string and not IDictionary)
        {
            var all = items.Cast<object?>().ToList();
            refused = all.Where(HasNoCampaignId).Select(item => item!).ToList();
            if (refused.Count == 0) return inputData;
            kept = all.Where(item => !HasNoCampaignId(item)).Select(convert).ToArray();
        }
        else
        {
            return inputData;
        }
        var bound = kept.Length > 0 ? kept : new[] { placeholder };
        Refused.Add(bound, new Refusal(refused, kept));
        return bound;
    }

    /// <summary>The IDs bound to ask for, and the objects refused in their place (see <see cref="Sift"/>).</summary>
    public static (IReadOnlyList<TId> Ids, IReadOnlyList<object> Refused) Split<TId>(TId[] bound) =>
        Refused.TryGetValue(bound, out var refusal) ? ((TId[])refusal.Kept, refusal.Objects) : (bound, Array.Empty<object>());

    /// <summary>The error of one refused object: which properties were looked for, which it had, and what to give instead.</summary>
    public static ErrorRecord ErrorFor(object refused)
    {
        var value = Unwrap(refused)!;
        var names = PSObject.AsPSObject(refused).Properties.Select(p => p.Name).ToList();
        var had = names.Count == 0 ? "it has no properties"
            : "its properties are " + string.Join(", ", names.Take(PropertiesNamed)) + (names.Count > PropertiesNamed ? $" and {names.Count - PropertiesNamed} more" : string.Empty);
        var what = value is PSCustomObject ? "An input object" : $"An input object of type {value.GetType().FullName}";
        var hashtable = value is IDictionary ? " (a hashtable's keys are not properties: make it one with [pscustomobject]@{ CampaignId = … })" : string.Empty;
        var message = $"{what} has neither a CampaignId nor an Id property, so it holds no campaign ID: {had}{hashtable}. Nothing was sent for it. "
            + "Give the IDs themselves (for lemlist's own campaign list: ForEach-Object _id), or objects with a CampaignId or Id property; a CSV whose header reads as one column needs Import-Csv -Delimiter.";
        return new ErrorRecord(new ArgumentException(message, "CampaignId"), ErrorId, ErrorCategory.InvalidArgument, refused);
    }

    /// <summary>
    /// An object whose text is not a campaign ID: not null (PowerShell's own check refuses that),
    /// not a string or a value such as a number or a GUID, not a list (its items are looked at),
    /// and with neither property PowerShell binds by name.
    /// </summary>
    private static bool HasNoCampaignId(object? item)
    {
        var value = Unwrap(item);
        if (value is null or string || value.GetType().IsValueType || value is IEnumerable and not IDictionary) return false;
        var properties = PSObject.AsPSObject(item!).Properties;
        return properties["CampaignId"] is null && properties["Id"] is null;
    }

    private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;

    private sealed class Refusal
    {
        public Refusal(IReadOnlyList<object> objects, Array kept)
        {
            Objects = objects;
            Kept = kept;
        }

        public IReadOnlyList<object> Objects { get; }

        public Array Kept { get; }
    }
}
