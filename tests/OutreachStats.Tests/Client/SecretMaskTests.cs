using System.Net;
using System.Text;
using System.Text.Json;
using OutreachStats.Http;
using Xunit;

namespace OutreachStats.Tests.Client;

/// <summary>
/// A leak is the key, or any run of <see cref="SecretMask.MinimumRun"/> of its characters, in any
/// form the module sends it in (the key; lemlist's Basic credential) and any encoding a server may
/// echo that form back in.
/// </summary>
public sealed class SecretMaskTests
{
    // Characters that every encoding treats differently: a space, '/', '+', '"', '\', '=' and non-ASCII.
    private const string Awkward = "sk-Zq8/vR+w \"Tt\\é9=Lm4ÜxK0pQ7nB";

    public static TheoryData<string, string> Echoes()
    {
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(":" + Awkward));
        var data = new TheoryData<string, string>();
        foreach (var (name, form) in new[] { ("key", Awkward), ("Basic credential", basic) })
        {
            data.Add(name + " as sent", form);
            data.Add(name + " in an echoed Authorization header", "Basic " + form);
            data.Add(name + " percent-encoded", Uri.EscapeDataString(form));
            data.Add(name + " percent-encoded, lowercase hex", LowercaseHex(Uri.EscapeDataString(form)));
            data.Add(name + " form-encoded", WebUtility.UrlEncode(form));
            data.Add(name + " form-encoded, lowercase hex", LowercaseHex(WebUtility.UrlEncode(form)));
            data.Add(name + " as System.Text.Json writes it", JsonSerializer.Serialize(form));
            data.Add(name + " JSON-escaped with lowercase \\u", JsonSerializer.Serialize(form).Replace("\\u00E9", "\\u00e9").Replace("\\u00DC", "\\u00dc").Replace("\\u002B", "\\u002b"));
            data.Add(name + " JSON-escaped minimally", "\"" + form.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"");
            data.Add(name + " HTML-escaped", WebUtility.HtmlEncode(form));
        }
        // An echo cut at the white space inside the key still shows its tail.
        data.Add("tail after the key's space", Awkward.Substring(Awkward.IndexOf(' ') + 1));
        data.Add("head before the key's space", Awkward.Substring(0, Awkward.IndexOf(' ')));
        return data;
    }

    [Theory]
    [MemberData(nameof(Echoes))]
    public void NoRunOfTheKeyInAnyFormSurvives(string echo, string text)
    {
        using var key = TestKeys.Create(Awkward);
        var masked = key.Mask.Apply($"{{\"error\":\"rejected {text} for {echo}\"}}");

        Assert.Contains("****", masked);
        AssertNoRun(masked);
    }

    [Fact]
    public void TheMaskWorksAfterTheKeyIsForgotten()
    {
        var key = TestKeys.Create(Awkward);
        var mask = key.Mask;
        key.Dispose();

        Assert.Equal("rejected ****", mask.Apply("rejected " + Awkward));
    }

    [Fact]
    public void TextWithoutTheKeyAndTheHintAreLeftAlone()
    {
        using var key = TestKeys.Create(Awkward);
        const string text = "lemlist answered 401 for campaign 'cam_123' (key ****K0pQ)";

        Assert.Equal(text, key.Mask.Apply(text));
        Assert.Equal(key.Hint, key.Mask.Apply(key.Hint));
    }

    [Fact]
    public void AKeyShorterThanARunIsMaskedWhole()
    {
        using var key = TestKeys.Create("k3y");

        Assert.Equal("a **** b", key.Mask.Apply("a k3y b"));
    }

    [Fact]
    public void RunsOverlappingTwoEchoesBecomeOneMask()
    {
        using var key = TestKeys.Create(Awkward);

        Assert.Equal("[****]", key.Mask.Apply("[" + Awkward + Awkward + "]"));
    }

    private static void AssertNoRun(string text)
    {
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(":" + Awkward));
        foreach (var form in new[] { Awkward, basic, Uri.EscapeDataString(Awkward), Uri.EscapeDataString(basic) })
        {
            for (var start = 0; start + SecretMask.MinimumRun <= form.Length; start++)
            {
                var run = form.Substring(start, SecretMask.MinimumRun);
                Assert.False(text.Contains(run, StringComparison.Ordinal), $"'{run}' of the key is in: {text}");
            }
        }
    }

    private static string LowercaseHex(string escaped) =>
        System.Text.RegularExpressions.Regex.Replace(escaped, "%[0-9A-F]{2}", m => m.Value.ToLowerInvariant());
}
