namespace OutreachStats.Sandbox;

/// <summary>
/// The API keys the sandbox knows. Every other key is rejected as the provider rejects a wrong key.
/// </summary>
public static class SandboxKeys
{
    /// <summary>
    /// The working key of a provider: "sandbox-lemlist-key". Any key that starts with it and a dash
    /// ("sandbox-lemlist-key-test7") works too, with a rate-limit window of its own: one key per test.
    /// </summary>
    public static string Valid(SandboxProvider provider) => $"sandbox-{provider.Name()}-key";

    /// <summary>
    /// A key that is accepted but always over its rate limit, for trying 429 handling:
    /// "sandbox-lemlist-throttled-key".
    /// </summary>
    public static string Throttled(SandboxProvider provider) => $"sandbox-{provider.Name()}-throttled-key";

    /// <summary>A named key that is always rejected (401), for trying a wrong key on purpose.</summary>
    public static string Revoked(SandboxProvider provider) => $"sandbox-{provider.Name()}-revoked-key";

    /// <summary>A Leadlex key without the campaigns:read permission: 403 insufficient_permissions.</summary>
    public const string LeadlexWithoutCampaignsRead = "sandbox-leadlex-no-campaigns-read-key";

    /// <summary>A lemlist key whose team is gone: 400 "Bad team", as lemlist documents.</summary>
    public const string LemlistWithoutTeam = "sandbox-lemlist-no-team-key";

    internal static KeyKind Classify(SandboxProvider provider, string? key)
    {
        if (string.IsNullOrEmpty(key)) return KeyKind.Rejected;
        var valid = Valid(provider);
        if (key == valid || key.StartsWith(valid + "-", StringComparison.Ordinal)) return KeyKind.Valid;
        if (key == Throttled(provider)) return KeyKind.Throttled;
        if (provider == SandboxProvider.Leadlex && key == LeadlexWithoutCampaignsRead) return KeyKind.WithoutPermission;
        if (provider == SandboxProvider.Lemlist && key == LemlistWithoutTeam) return KeyKind.WithoutTeam;
        return KeyKind.Rejected;
    }
}

internal enum KeyKind
{
    Rejected,
    Valid,
    Throttled,
    WithoutPermission,
    WithoutTeam,
}
