namespace OutreachStats.Sandbox;

/// <summary>The providers the sandbox imitates, each under a base URL of its own.</summary>
public enum SandboxProvider
{
    Lemlist,
    Smartlead,
    Leadlex,
    Leadterra,
}

internal static class SandboxProviders
{
    public static readonly IReadOnlyList<SandboxProvider> All = Enum.GetValues<SandboxProvider>();

    /// <summary>The lower-case name used in URLs, JSON and keys ("lemlist").</summary>
    public static string Name(this SandboxProvider provider) => provider.ToString().ToLowerInvariant();

    /// <summary>
    /// The path under the sandbox root that stands for the provider's real server URL, so that the
    /// module's -BaseUri works as the real one: lemlist's server URL ends in /api, the others' do not.
    /// </summary>
    public static string BasePath(this SandboxProvider provider) => provider switch
    {
        SandboxProvider.Lemlist => "/lemlist/api",
        _ => "/" + provider.Name(),
    };

    public static bool TryParse(string? text, out SandboxProvider provider) =>
        Enum.TryParse(text, ignoreCase: true, out provider) && Enum.IsDefined(provider);
}
