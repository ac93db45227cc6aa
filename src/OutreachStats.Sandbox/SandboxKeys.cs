namespace OutreachStats.Sandbox;

/// <summary>
/// The API keys the sandbox knows. Every other key is rejected as the provider rejects a wrong key.
/// They look like real keys, opaque: the module masks any run of six characters of a key in what
/// it shows, so a key made of words ("sandbox-lemlist-key") would mask the provider's name too.
/// </summary>
public static class SandboxKeys
{
    /// <summary>
    /// The working key of a provider: "sbx-lm-Kq7Vw2" for lemlist (the codes are lm, sl, lx, lt).
    /// Any key that starts with it and a dash ("sbx-lm-Kq7Vw2-test7") works too, with a
    /// rate-limit window of its own: one key per test.
    /// </summary>
    public static string Valid(SandboxProvider provider) => $"sbx-{provider.Code()}-Kq7Vw2";

    /// <summary>A key that is accepted but always over its rate limit, for trying 429 handling: "sbx-lm-Tz9Rq4".</summary>
    public static string Throttled(SandboxProvider provider) => $"sbx-{provider.Code()}-Tz9Rq4";

    /// <summary>A named key that is always rejected (401), for trying a wrong key on purpose: "sbx-lm-Rv3Xn8".</summary>
    public static string Revoked(SandboxProvider provider) => $"sbx-{provider.Code()}-Rv3Xn8";

    /// <summary>A Leadlex key without the campaigns:read permission: 403 insufficient_permissions.</summary>
    public const string LeadlexWithoutCampaignsRead = "sbx-lx-Pm5Jd1";

    /// <summary>A lemlist key whose team is gone: 400 "Bad team", as lemlist documents.</summary>
    public const string LemlistWithoutTeam = "sbx-lm-Nt6Hc2";

    /// <summary>The two letters of a provider in its keys.</summary>
    public static string Code(this SandboxProvider provider) => provider switch
    {
        SandboxProvider.Lemlist => "lm",
        SandboxProvider.Smartlead => "sl",
        SandboxProvider.Leadlex => "lx",
        SandboxProvider.Leadterra => "lt",
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };

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
