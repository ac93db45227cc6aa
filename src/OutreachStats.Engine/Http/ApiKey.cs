using System;
using System.Runtime.InteropServices;
using System.Security;
using System.Security.Cryptography;
using System.Text;

namespace OutreachStats.Http;

/// <summary>
/// An API key held as a read-only <see cref="SecureString"/>. Its text is revealed only to build a
/// request (<see cref="Reveal"/>) and never through ToString, so a key cannot slip into a message.
/// </summary>
internal sealed class ApiKey : IDisposable
{
    private readonly SecureString _secret;

    public ApiKey(SecureString secret)
    {
        if (secret is null) throw new ArgumentNullException(nameof(secret));
        if (secret.Length == 0) throw new ArgumentException("The API key is empty.", nameof(secret));
        _secret = secret.Copy();
        _secret.MakeReadOnly();
        var plain = Reveal();
        Hint = MakeHint(plain);
        Fingerprint = MakeFingerprint(plain);
        Mask = new SecretMask(new[] { plain, BasicCredentialOf(plain) });
    }

    /// <summary>
    /// The key as given, without the white space and line breaks around it that environment
    /// variables, files and secret stores often add (no key starts or ends with them); null when
    /// nothing else is left. <paramref name="trimmed"/> says whether anything was removed.
    /// </summary>
    public static ApiKey? Trimmed(SecureString given, out bool trimmed)
    {
        var plain = RevealOf(given);
        var inner = plain.Trim();
        trimmed = inner.Length != plain.Length;
        if (inner.Length == 0) return null;
        if (!trimmed) return new ApiKey(given);
        using var secret = new SecureString();
        foreach (var c in inner) secret.AppendChar(c);
        return new ApiKey(secret);
    }

    /// <summary>A masked hint a user can recognise the key by: its last four characters at most.</summary>
    public string Hint { get; }

    /// <summary>A one-way fingerprint that tells keys apart (rate-limit budgets) without holding the key.</summary>
    public string Fingerprint { get; }

    /// <summary>Masks every form in which the module sends this key; it works after the key is disposed.</summary>
    public SecretMask Mask { get; }

    public bool IsDisposed { get; private set; }

    /// <summary>The key's text, for building one request. Callers must not keep or log it.</summary>
    public string Reveal()
    {
        if (IsDisposed) throw new ObjectDisposedException(nameof(ApiKey), "The connection was closed.");
        return RevealOf(_secret);
    }

    private static string RevealOf(SecureString secret)
    {
        var pointer = IntPtr.Zero;
        try
        {
            pointer = Marshal.SecureStringToGlobalAllocUnicode(secret);
            return Marshal.PtrToStringUni(pointer) ?? string.Empty;
        }
        finally
        {
            if (pointer != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(pointer);
        }
    }

    /// <summary>The credential of HTTP Basic authentication with an empty user name and the key as password (lemlist's).</summary>
    public string BasicCredential() => BasicCredentialOf(Reveal());

    public override string ToString() => Hint;

    public void Dispose()
    {
        IsDisposed = true;
        _secret.Dispose();
    }

    private static string BasicCredentialOf(string plain) => Convert.ToBase64String(Encoding.UTF8.GetBytes(":" + plain));

    // Short keys would be mostly revealed by a four-character hint, so they show none of it.
    private static string MakeHint(string plain) =>
        plain.Length >= 16 ? "****" + plain.Substring(plain.Length - 4) : "****";

    private static string MakeFingerprint(string plain)
    {
        using var sha = SHA256.Create();
        var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(plain));
        var text = new StringBuilder(16);
        for (var i = 0; i < 8; i++) text.Append(hash[i].ToString("x2"));
        return text.ToString();
    }
}
