namespace OutreachStats.Providers;

/// <summary>What a key may hold to travel the way a provider takes it.</summary>
internal static class ProviderKeys
{
    /// <summary>
    /// A Bearer key travels in the Authorization header, which takes visible ASCII only: a key
    /// with a space, a line break or another character is refused before any request (a space
    /// or line break copied with the key is the usual cause). The message says where, never what.
    /// </summary>
    public static string? BearerProblem(string key)
    {
        for (var i = 0; i < key.Length; i++)
        {
            if (key[i] is < '!' or > '~')
            {
                return $"The API key holds a character that an HTTP header cannot carry (a space, a line break or a character outside ASCII) at position {i + 1} of {key.Length}; a space or line break copied with the key is the usual cause.";
            }
        }
        return null;
    }
}
