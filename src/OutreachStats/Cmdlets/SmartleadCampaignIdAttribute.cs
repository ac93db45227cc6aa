using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;

namespace OutreachStats.Cmdlets;

/// <summary>
/// Reads Smartlead campaign IDs, which are whole numbers, from what a user passes: numbers, or
/// text such as the "123" of an Import-Csv row (surrounding white space ignored). Empty text and
/// text that is not a whole number are refused with a message that says so, before any request,
/// rather than PowerShell's conversion (which would turn "" into 0).
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class SmartleadCampaignIdAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        // An object with neither CampaignId nor Id is refused by the cmdlet (see CampaignIdObjects);
        // 1, bound when every item was refused, is never asked for.
        var sifted = CampaignIdObjects.Sift(inputData, item => One(Unwrap(item)), 1L);
        if (!ReferenceEquals(sifted, inputData)) return sifted!;
        var value = Unwrap(inputData);
        if (IsIdLike(value)) return new[] { One(value) };
        if (value is IEnumerable items)
        {
            var list = new List<object?>();
            foreach (var item in items) list.Add(Unwrap(item));
            if (list.TrueForAll(IsIdLike)) return list.ConvertAll(One).ToArray();
        }
        // Anything else (an Import-Csv row piped in, say) is left to PowerShell, which then binds
        // its CampaignId or Id property by name, and that value comes back here.
        return inputData;
    }

    private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;

    private static bool IsIdLike(object? value) => value is null or string || value.GetType().IsPrimitive || value is decimal;

    private static long One(object? value)
    {
        switch (value)
        {
            case null:
                throw new ArgumentTransformationMetadataException("A Smartlead campaign ID is missing (null): leave out empty CSV rows or cells. Smartlead campaign IDs are whole numbers such as 12345.");
            case long or int or short or byte or sbyte or ushort or uint:
                return Convert.ToInt64(value, CultureInfo.InvariantCulture);
            case ulong big when big <= long.MaxValue:
                return (long)big;
            case double or float or decimal when Convert.ToDecimal(value, CultureInfo.InvariantCulture) is var number
                                                  && number == decimal.Truncate(number) && number >= long.MinValue && number <= long.MaxValue:
                return (long)number;
            case string text when text.Trim().Length == 0:
                throw new ArgumentTransformationMetadataException("A Smartlead campaign ID is empty: leave out empty CSV rows or cells. Smartlead campaign IDs are whole numbers such as 12345.");
            case string text when IsDigits(text.Trim()) && long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id):
                return id;
            default:
                throw new ArgumentTransformationMetadataException(
                    $"'{value}' is not a Smartlead campaign ID. Smartlead campaign IDs are whole numbers such as 12345.");
        }
    }

    private static bool IsDigits(string text)
    {
        foreach (var c in text)
        {
            if (c is < '0' or > '9') return false;
        }
        return text.Length > 0;
    }
}
