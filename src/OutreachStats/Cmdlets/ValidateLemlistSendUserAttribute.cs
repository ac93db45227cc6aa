using System;
using System.Management.Automation;
using System.Text.RegularExpressions;

namespace OutreachStats.Cmdlets;

/// <summary>
/// lemlist's send-user filter: <c>usr_…|email</c>, both parts mandatory. Checked before sending,
/// with the API's own wording.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ValidateLemlistSendUserAttribute : ValidateArgumentsAttribute
{
    private static readonly Regex Format = new(@"^usr_[A-Za-z0-9]+\|[^\s|@]+@[^\s|@]+\.[^\s|@]+$", RegexOptions.CultureInvariant);

    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        var value = (arguments is PSObject wrapped ? wrapped.BaseObject : arguments) as string;
        if (value is null || !Format.IsMatch(value))
        {
            throw new ValidationMetadataException(
                $"Bad param format: sendUser must be formatted as follow: <sendUserId>|<sendUserEmail>. The sendUserId begins with 'usr_' and the sendUserEmail is the sender's email, as in usr_OcIHizJyIeaDxicQP|email@example.com; '{value}' is not.");
        }
    }
}
