using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using OutreachStats.PowerShell.Tests.Infrastructure;
using Xunit;

namespace OutreachStats.PowerShell.Tests;

/// <summary>
/// Servers that send the credential back, in every place and encoding a reproduction found:
/// nothing a user can see holds the key, or any run of six of its characters, or of the
/// credential lemlist's Basic authentication sends (the base64 of ":key").
/// </summary>
public sealed class HostileEchoTests : IDisposable
{
    private readonly PowerShellSession _session = PowerShellSession.Start();
    private string _key = string.Empty;

    public static TheoryData<string> Scenarios => new()
    {
        "lemlist 401 echoing the Authorization header",
        "lemlist 400 echoing the Authorization header",
        "lemlist garbled 200 echoing the Authorization header",
        "lemlist redirect whose body echoes the Authorization header",
        "lemlist malformed header line echoing the Authorization header",
        "lemlist reason phrase echoing the key",
        "lemlist batch entry error echoing the Authorization header",
        "lemlist 400 echoing the key JSON-escaped",
        "lemlist 400 echoing the credential with escaped slashes",
        "lemlist 400 echoing the key form-encoded",
        "lemlist 400 echoing the key percent-encoded in lowercase hex",
        "lemlist 400 echoing the key cut at its space",
        "Leadlex 401 echoing the Authorization header",
        "Leadlex 403 echoing the key JSON-escaped",
    };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void NothingShownHoldsARunOfTheKeyOrItsCredential(string scenario)
    {
        var provider = scenario.StartsWith("Leadlex", StringComparison.Ordinal) ? "Leadlex" : "Lemlist";
        // '/', '+', '"' and, where the credential is base64 (lemlist), a space: each encoding writes
        // them differently. A key travels in a header, ASCII only (lemlist's Basic credential too).
        var awkward = provider == "Lemlist" ? "/Zq+w \"=" : "/Zq+w\"=";
        _key = "ostest-" + Guid.NewGuid().ToString("N").Substring(0, 12) + awkward + Guid.NewGuid().ToString("N").Substring(0, 10);
        using var server = new RawHttpServer(request => Answer(scenario, request));
        _session.Run("Connect-OutreachProvider -Provider $provider -ApiKey $key -BaseUri $uri -MaximumRetryCount 1 -RetryBaseDelaySeconds 0.05", new()
        {
            ["provider"] = provider,
            ["key"] = SandboxTestBase.Secure(_key),
            ["uri"] = server.BaseUri,
        }).AssertNoErrors();
        var command = provider == "Leadlex" ? "Get-LeadlexCampaignStats cmp_1"
            : scenario.Contains("batch", StringComparison.Ordinal) ? "Get-LemlistBatchStats cam_1" : "Get-LemlistCampaignStats cam_1";

        var runs = new List<PsResult>
        {
            _session.Run(command, verbose: true, debug: true),
            _session.Run("$Error | ForEach-Object { $_ | Format-List * -Force | Out-String; $_.Exception | Format-List * -Force | Out-String }"),
        };

        // The scenario happened: the server was asked and the command reported a failure.
        Assert.True(server.Requests >= 1, string.Join("\n", runs[0].AllErrors.Select(e => e.FullyQualifiedErrorId + ": " + e)));
        Assert.True(runs[0].AllErrors.Count > 0, "The command reported no failure.");
        var seen = Everything.Seen(runs, _session);
        foreach (var form in new[] { _key, BasicCredential(_key) })
        {
            for (var start = 0; start + 6 <= form.Length; start++)
            {
                var run = form.Substring(start, 6);
                Assert.False(seen.Contains(run, StringComparison.Ordinal), $"'{run}' of the key's form '{(form == _key ? "key" : "Basic credential")}' is shown:\n{seen}");
            }
        }
    }

    public void Dispose() => _session.Dispose();

    private string Answer(string scenario, RawRequest request)
    {
        var authorization = request.Authorization;
        return scenario switch
        {
            "lemlist 401 echoing the Authorization header" => RawHttpServer.Response("401 Unauthorized", $"Unauthorized: {authorization}", "Content-Type: text/plain"),
            "lemlist 400 echoing the Authorization header" => RawHttpServer.Response("400 Bad Request", $"Bad params for {authorization}", "Content-Type: text/plain"),
            "lemlist garbled 200 echoing the Authorization header" => RawHttpServer.Response("200 OK", "{\"nbLeads\": 3, \"auth\": " + authorization, "Content-Type: application/json"),
            "lemlist redirect whose body echoes the Authorization header" => RawHttpServer.Response("302 Found", $"Moved, with {authorization}", "Location: https://elsewhere.example/", "Content-Type: text/plain"),
            "lemlist malformed header line echoing the Authorization header" => RawHttpServer.Response("200 OK", "{}", $"X-Echo {authorization}", "Content-Type: application/json"),
            "lemlist reason phrase echoing the key" => RawHttpServer.Response($"400 Bad key {_key.Replace(' ', '_')}", "{}", "Content-Type: application/json"),
            "lemlist batch entry error echoing the Authorization header" => RawHttpServer.Response("200 OK",
                JsonSerializer.Serialize(new { results = Array.Empty<object>(), errors = new[] { new { campaignId = "cam_1", error = "denied for " + authorization } } }), "Content-Type: application/json"),
            "lemlist 400 echoing the key JSON-escaped" => RawHttpServer.Response("400 Bad Request", JsonSerializer.Serialize(new { error = "bad key " + _key }), "Content-Type: application/json"),
            "lemlist 400 echoing the credential with escaped slashes" => RawHttpServer.Response("400 Bad Request", "{\"error\":\"bad " + authorization.Replace("/", "\\/") + "\"}", "Content-Type: application/json"),
            "lemlist 400 echoing the key form-encoded" => RawHttpServer.Response("400 Bad Request", "key=" + WebUtility.UrlEncode(_key), "Content-Type: text/plain"),
            "lemlist 400 echoing the key percent-encoded in lowercase hex" => RawHttpServer.Response("400 Bad Request",
                "key " + Regex.Replace(Uri.EscapeDataString(_key), "%[0-9A-F]{2}", m => m.Value.ToLowerInvariant()), "Content-Type: text/plain"),
            "lemlist 400 echoing the key cut at its space" => RawHttpServer.Response("400 Bad Request", "unknown key part: " + _key.Substring(_key.IndexOf(' ') + 1), "Content-Type: text/plain"),
            "Leadlex 401 echoing the Authorization header" => RawHttpServer.Response("401 Unauthorized",
                JsonSerializer.Serialize(new { error = new { code = "invalid_key", message = "Rejected " + authorization } }), "Content-Type: application/json"),
            "Leadlex 403 echoing the key JSON-escaped" => RawHttpServer.Response("403 Forbidden",
                "{\"error\":{\"code\":\"insufficient_permissions\",\"message\":\"" + JsonEncodedLowercase(_key) + " lacks campaigns:read\"}}", "Content-Type: application/json"),
            _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario),
        };
    }

    private static string BasicCredential(string key) => Convert.ToBase64String(Encoding.UTF8.GetBytes(":" + key));

    /// <summary>JSON escaping as some servers write it: \" for quotes and lowercase \u for non-ASCII.</summary>
    private static string JsonEncodedLowercase(string text) =>
        string.Concat(text.Select(c => c switch
        {
            '"' => "\\\"",
            '\\' => "\\\\",
            > '\x7e' => "\\u" + ((int)c).ToString("x4"),
            _ => c.ToString(),
        }));
}
