using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using System.Net;
using System.Security;
using System.Text.Json;
using System.Text.RegularExpressions;
using OutreachStats.Sandbox;
using OutreachStats.Testing;
using Xunit;

namespace OutreachStats.PowerShell.Tests.Infrastructure;

/// <summary>
/// The built module in a runspace of the test's own, talking to a sandbox of the test's own on
/// loopback exactly as to the real providers (Connect-OutreachProvider -BaseUri), with keys of the
/// test's own: rate-limit windows, counters, faults and the request log belong to one test.
/// </summary>
public abstract class SandboxTestBase : IAsyncLifetime
{
    public const string ConnectionTypeName = "OutreachStats.Connections.OutreachConnection";

    private readonly string _keySuffix = Guid.NewGuid().ToString("N");
    private SandboxClient? _reference;

    protected SandboxServer Sandbox { get; private set; } = null!;

    protected PowerShellSession Session { get; private set; } = null!;

    protected virtual SandboxOptions Options => new() { CampaignsPerProvider = 1500 };

    /// <summary>
    /// Straight to the sandbox, with each provider's plain working key ("sbx-lm-Kq7Vw2"): the
    /// answers the module's output must match. Its requests are not the module's (<see cref="Requests"/>).
    /// </summary>
    private protected SandboxClient Reference => _reference ??= new SandboxClient(Sandbox);

    public virtual async Task InitializeAsync()
    {
        Sandbox = await SandboxServer.StartAsync(Options);
        Session = PowerShellSession.Start();
    }

    public virtual async Task DisposeAsync()
    {
        Session?.Dispose();
        _reference?.Dispose();
        if (Sandbox is not null) await Sandbox.DisposeAsync();
    }

    /// <summary>This test's working key of <paramref name="provider"/> ("sbx-lm-Kq7Vw2-…"), with a rate-limit window of its own.</summary>
    protected string KeyOf(SandboxProvider provider) => SandboxKeys.Valid(provider) + "-" + _keySuffix;

    /// <summary>
    /// Connects the session's default connection of <paramref name="provider"/> to the sandbox with
    /// <paramref name="key"/> (by default this test's own) and any other Connect-OutreachProvider
    /// <paramref name="settings"/>; fails the test on any error.
    /// </summary>
    protected void Connect(SandboxProvider provider, string? key = null, string settings = "") =>
        Run($"Connect-OutreachProvider -Provider $__provider -ApiKey $__key -BaseUri $__uri {settings}", new()
        {
            ["__provider"] = provider.ToString(),
            ["__key"] = Secure(key ?? KeyOf(provider)),
            ["__uri"] = Sandbox.BaseUri(provider),
        }).AssertNoErrors();

    protected PsResult Run(string script, Dictionary<string, object?>? variables = null, bool verbose = false, bool debug = false) =>
        Session.Run(script, variables, verbose, debug);

    /// <summary>Campaigns that exist, in the sandbox's fixed order.</summary>
    protected string[] Ids(SandboxProvider provider, int count, int skip = 0) =>
        Sandbox.Campaigns(provider, skip, count).Select(c => c.Id).ToArray();

    protected ProviderCounters CountersOf(SandboxProvider provider) => Sandbox.Counters.Snapshot()[provider];

    protected ProviderCounters LemlistCounters => CountersOf(SandboxProvider.Lemlist);

    /// <summary>The module's requests to <paramref name="provider"/>'s URLs, in arrival order (not <see cref="Reference"/>'s).</summary>
    protected IReadOnlyList<SandboxRequest> Requests(SandboxProvider provider) => AllRequests().Where(r => r.Provider == provider).ToList();

    /// <summary>The module's requests to any path, a provider's or not, in arrival order.</summary>
    protected IReadOnlyList<SandboxRequest> AllRequests() =>
        Sandbox.Requests.Snapshot().Where(r => r.Provider is not { } provider || r.Key != SandboxKeys.Valid(provider)).ToList();

    public static SecureString Secure(string text) => new NetworkCredential(string.Empty, text).SecurePassword;

    /// <summary>The .NET type name of an output object.</summary>
    protected static string TypeOf(PSObject value) => value.BaseObject.GetType().FullName!;

    protected static object? Prop(PSObject value, string name) =>
        (value.Properties[name] ?? throw new Xunit.Sdk.XunitException($"{TypeOf(value)} has no property {name}")).Value;

    /// <summary>The error ID part of a FullyQualifiedErrorId ("LemlistCampaignNotFound,OutreachStats.Cmdlets…" gives "LemlistCampaignNotFound").</summary>
    protected static string ErrorId(ErrorRecord record) => record.FullyQualifiedErrorId.Split(',')[0];

    /// <summary>
    /// The documented fields whose property is not their PascalCase name: the common vocabulary
    /// (about_OutreachStats has the same table), and providers' own rates on another base.
    /// </summary>
    private static readonly Dictionary<string, Dictionary<string, string>> CommonNames = new()
    {
        ["LemlistCampaignStats"] = new() { ["messagesSent"] = "Sent", ["messagesBounced"] = "Bounced", ["nbLeadsUnsubscribed"] = "Unsubscribed" },
        ["LeadlexCampaignStats"] = new()
        {
            ["sent_count"] = "Sent", ["opened_count"] = "Opened", ["clicked_count"] = "Clicked", ["replied_count"] = "Replied",
            ["bounced_count"] = "Bounced", ["unsubscribed_count"] = "Unsubscribed",
            ["open_rate"] = "OpenRateRounded", ["click_rate"] = "ClickRateRounded", ["reply_rate"] = "ReplyRateRounded",
        },
        ["LeadterraCampaignStats"] = new() { ["openRate"] = "OpenRateOfDelivered", ["replyRate"] = "ReplyRateOfDelivered" },
        ["SmartleadSendStats"] = new() { ["is_unsubscribed"] = "Unsubscribed", ["is_bounced"] = "Bounced" },
    };

    /// <summary>
    /// Every field of a provider's answer is on <paramref name="output"/> under its PowerShell name
    /// (camelCase and snake_case become PascalCase) with the same value: a date as the DateTime it
    /// names, a JSON number as the text of an ID property, an array as a collection of as many items.
    /// </summary>
    protected static void AssertFieldsMatch(JsonElement answer, PSObject output, params string[] except)
    {
        var renamed = CommonNames.TryGetValue(output.BaseObject.GetType().Name, out var names) ? names : new Dictionary<string, string>();
        foreach (var field in answer.EnumerateObject().Where(f => !except.Contains(f.Name)))
        {
            var name = renamed.TryGetValue(field.Name, out var common) ? common
                : string.Concat(field.Name.Split('_').Select(part => char.ToUpperInvariant(part[0]) + part[1..]));
            var actual = Prop(output, name);
            var expected = field.Value;
            var because = $"{name} of {TypeOf(output)}";
            switch (expected.ValueKind)
            {
                case JsonValueKind.Number when actual is string text:
                    Assert.True(expected.GetRawText() == text, $"{because}: {text}, expected {expected.GetRawText()}");
                    break;
                case JsonValueKind.Number:
                    Assert.True(expected.GetDecimal() == Convert.ToDecimal(actual, CultureInfo.InvariantCulture), $"{because}: {actual}, expected {expected.GetRawText()}");
                    break;
                case JsonValueKind.String when actual is DateTime date:
                    Assert.Equal(DateTime.Parse(expected.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal), date);
                    break;
                case JsonValueKind.String:
                    Assert.True(expected.GetString() == actual as string, $"{because}: '{actual}', expected '{expected.GetString()}'");
                    break;
                case JsonValueKind.True or JsonValueKind.False:
                    Assert.True(expected.GetBoolean().Equals(actual), $"{because}: {actual}, expected {expected.GetRawText()}");
                    break;
                case JsonValueKind.Null:
                    Assert.True(actual is null, $"{because}: {actual}, expected null");
                    break;
                case JsonValueKind.Array:
                    Assert.True(actual is System.Collections.ICollection items && items.Count == expected.GetArrayLength(), $"{because}: {actual}, expected {expected.GetArrayLength()} items");
                    break;
                default:
                    throw new Xunit.Sdk.XunitException($"{because}: no rule to compare a JSON {expected.ValueKind}.");
            }
        }
    }

    /// <summary>A regular expression for a rate as the views' {0:P1} shows it (49.1 %), in either decimal separator.</summary>
    protected static string PercentPattern(double rate) =>
        Regex.Escape((rate * 100).ToString("0.0", CultureInfo.InvariantCulture)).Replace(@"\.", "[.,]") + @"\s?%";

    /// <summary>Polls <paramref name="condition"/> until it holds; fails after 15 s, naming <paramref name="what"/>.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(15)) throw new TimeoutException($"Not within 15 s: {what}.");
            await Task.Delay(20);
        }
    }
}
