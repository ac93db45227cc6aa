using System;
using System.Management.Automation;

namespace OutreachStats.Cmdlets;

/// <summary>
/// Binds -StartDate and -EndDate: a [DateTimeOffset] as it is, a [datetime] by its Kind (see
/// <see cref="DateWindow.Of"/>), and text as <see cref="DateText"/> reads it, the same in every
/// culture. Without it PowerShell would read a compiled cmdlet's text in the current culture,
/// where -StartDate 03/01/2025 is 3 January in de-DE.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class DateArgumentAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        try
        {
            return value switch
            {
                DateTimeOffset instant => instant,
                DateTime date => DateWindow.Of(date, TimeZoneInfo.Local),
                string text => DateText.Read(text, TimeZoneInfo.Local),
                _ => throw new FormatException(
                    $"{(value is null ? "$null" : $"The {value.GetType().Name} {value}")} is not a date. Give a date as text (2025-03-31, ISO 8601), a [datetime] or a [DateTimeOffset]."),
            };
        }
        catch (Exception problem) when (problem is FormatException or ArgumentOutOfRangeException)
        {
            throw new ArgumentTransformationMetadataException(problem.Message, problem);
        }
    }
}
