using System;

namespace OutreachStats.Providers;

/// <summary>
/// What a key may hold to travel the way a provider takes it. White space around the key is
/// already gone (see <see cref="Http.ApiKey.Trimmed"/>), so what these find is inside it. The
/// messages say where, never what.
/// </summary>
internal static class ProviderKeys
{
    /// <summary>
    /// A Bearer key travels as it is in the Authorization header, which takes visible ASCII only:
    /// a key with a space, a line break or another character is refused before any request.
    /// </summary>
    public static string? BearerProblem(string key) =>
        FirstOf(key, c => c is < '!' or > '~', "that an HTTP header cannot carry (a space, a line break or a character outside ASCII)");

    /// <summary>
    /// lemlist's key travels as the password of HTTP Basic authentication. Its keys are ASCII, and
    /// Basic leaves the bytes of any other character undefined (lemlist names no charset), so a
    /// control character or a character outside ASCII can only make a key that lemlist refuses.
    /// </summary>
    public static string? BasicProblem(string key) =>
        FirstOf(key, c => c is < ' ' or > '~', "that lemlist's Basic credential cannot carry (a line break, another control character or a character outside ASCII)");

    private static string? FirstOf(string key, Func<char, bool> refused, string what)
    {
        for (var i = 0; i < key.Length; i++)
        {
            if (refused(key[i])) return $"The API key holds a character {what} at position {i + 1} of {key.Length}.";
        }
        return null;
    }
}
