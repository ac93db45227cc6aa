using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;

namespace OutreachStats.Http;

/// <summary>
/// Masks a key in text that may reach a user: any run of <see cref="MinimumRun"/> or more
/// characters of any form the module sends the key in (the key itself, lemlist's Basic
/// credential), in every encoding a server may echo it back in (percent-encoded with upper- or
/// lowercase hex or with '+' for spaces, JSON-escaped, HTML-escaped). A run, not the whole form,
/// because an echo may be cut (a length limit, white space inside the key) and still leak most
/// of it.
/// The mask holds no text of the key, only a keyed 64-bit hash of each run, so it stays usable
/// after the connection that made it is closed and its key forgotten: an answer still arriving
/// then is masked like any other.
/// </summary>
internal sealed class SecretMask
{
    /// <summary>The shortest run of a key's characters that counts as leaking it; a connection's four-character hint stays.</summary>
    public const int MinimumRun = 6;

    private const string Masked = "****";

    private readonly ulong _seed;
    private readonly HashSet<ulong> _runs = new();
    // A form shorter than a run (a very short key) is masked whole, by its hash.
    private readonly HashSet<(int Length, ulong Hash)> _shortForms = new();

    public SecretMask(IEnumerable<string> credentialForms)
    {
        var seed = new byte[8];
        using (var random = RandomNumberGenerator.Create()) random.GetBytes(seed);
        _seed = BitConverter.ToUInt64(seed, 0);
        foreach (var form in credentialForms)
        {
            foreach (var encoded in Encodings(form)) Add(encoded);
        }
    }

    /// <summary><paramref name="text"/> with every run of a credential replaced by "****".</summary>
    public string Apply(string text)
    {
        if (string.IsNullOrEmpty(text)) return text;
        var hidden = new bool[text.Length];
        var any = false;
        for (var start = 0; start + MinimumRun <= text.Length; start++)
        {
            if (!_runs.Contains(Hash(text, start, MinimumRun))) continue;
            for (var i = start; i < start + MinimumRun; i++) hidden[i] = true;
            any = true;
        }
        foreach (var (length, hash) in _shortForms)
        {
            for (var start = 0; start + length <= text.Length; start++)
            {
                if (Hash(text, start, length) != hash) continue;
                for (var i = start; i < start + length; i++) hidden[i] = true;
                any = true;
            }
        }
        if (!any) return text;
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (!hidden[i]) result.Append(text[i]);
            else if (i == 0 || !hidden[i - 1]) result.Append(Masked);
        }
        return result.ToString();
    }

    private void Add(string form)
    {
        if (form.Length == 0) return;
        if (form.Length < MinimumRun)
        {
            _shortForms.Add((form.Length, Hash(form, 0, form.Length)));
            return;
        }
        for (var start = 0; start + MinimumRun <= form.Length; start++) _runs.Add(Hash(form, start, MinimumRun));
    }

    /// <summary>The forms a server may echo <paramref name="form"/> back in.</summary>
    private static IEnumerable<string> Encodings(string form)
    {
        yield return form;
        var percent = Uri.EscapeDataString(form);
        yield return percent;
        yield return LowercaseHex(percent);
        var plus = WebUtility.UrlEncode(form);
        yield return plus;
        yield return LowercaseHex(plus);
        // How Uri.ToString prints a query that holds the escaped form (an exception may quote the URL).
        var printed = new Uri("http://localhost/?" + percent).ToString();
        yield return printed.Substring(printed.IndexOf('?') + 1);
        foreach (var escapeSlash in new[] { false, true })
        {
            yield return JsonEscaped(form, escapeSlash, escapeNonAscii: false, upperHex: false);
            yield return JsonEscaped(form, escapeSlash, escapeNonAscii: true, upperHex: false);
            yield return JsonEscaped(form, escapeSlash, escapeNonAscii: true, upperHex: true);
        }
        // System.Text.Json's default writer also escapes HTML-sensitive characters such as '+'.
        yield return JavaScriptEncoder.Default.Encode(form);
        yield return WebUtility.HtmlEncode(form);
    }

    /// <summary>Percent-escapes with lowercase hex digits (%2f), as some servers write them.</summary>
    private static string LowercaseHex(string escaped)
    {
        var text = escaped.ToCharArray();
        for (var i = 0; i + 2 < text.Length; i++)
        {
            if (text[i] != '%') continue;
            text[i + 1] = char.ToLowerInvariant(text[i + 1]);
            text[i + 2] = char.ToLowerInvariant(text[i + 2]);
        }
        return new string(text);
    }

    /// <param name="escapeSlash">Whether '/' is written "\/", as JSON allows and some servers do.</param>
    private static string JsonEscaped(string form, bool escapeSlash, bool escapeNonAscii, bool upperHex)
    {
        var text = new StringBuilder(form.Length);
        foreach (var c in form)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '/': text.Append(escapeSlash ? "\\/" : "/"); break;
                default:
                    if (c < 0x20 || (escapeNonAscii && c > 0x7e))
                    {
                        text.Append("\\u").Append(((int)c).ToString(upperHex ? "X4" : "x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }
                    break;
            }
        }
        return text.ToString();
    }

    /// <summary>FNV-1a over the characters, started from the mask's random seed, then mixed (splitmix64's finaliser).</summary>
    private ulong Hash(string text, int start, int length)
    {
        var hash = _seed ^ 0xcbf29ce484222325UL;
        for (var i = start; i < start + length; i++)
        {
            hash ^= text[i];
            hash *= 0x100000001b3UL;
        }
        hash ^= hash >> 30;
        hash *= 0xbf58476d1ce4e5b9UL;
        hash ^= hash >> 27;
        hash *= 0x94d049bb133111ebUL;
        return hash ^ (hash >> 31);
    }
}
