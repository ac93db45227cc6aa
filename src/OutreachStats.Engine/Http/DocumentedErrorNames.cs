using System.Collections.Generic;

namespace OutreachStats.Http;

/// <summary>
/// Where a provider documents its own error codes, the ErrorId carries that code (PascalCase):
/// Leadlex's insufficient_permissions is LeadlexInsufficientPermissions. Keyed by kind, not by the
/// body, so an ErrorId stays the same even when an answer leaves its code out. Every other kind
/// keeps its own name.
/// </summary>
internal static class DocumentedErrorNames
{
    private static readonly Dictionary<(string Provider, OutreachErrorKind Kind), string> Names = new()
    {
        [("Leadlex", OutreachErrorKind.KeyRejected)] = "InvalidKey",
        [("Leadlex", OutreachErrorKind.AccessDenied)] = "InsufficientPermissions",
        [("Leadterra", OutreachErrorKind.BadRequest)] = "InvalidRequest",
        [("Leadterra", OutreachErrorKind.KeyRejected)] = "AuthenticationFailed",
    };

    public static string For(string provider, OutreachErrorKind kind) =>
        Names.TryGetValue((provider, kind), out var name) ? name : kind.ToString();
}
