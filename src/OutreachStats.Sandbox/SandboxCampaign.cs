namespace OutreachStats.Sandbox;

/// <summary>
/// A campaign that exists in the sandbox. lemlist campaigns name their send users
/// ("usr_…|email", ready for sendUser); Smartlead campaigns say which rows they answer with.
/// </summary>
public sealed record SandboxCampaign(string Id, IReadOnlyList<string>? SendUsers = null, SmartleadShape? Shape = null);
