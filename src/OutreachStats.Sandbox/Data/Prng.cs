namespace OutreachStats.Sandbox.Data;

/// <summary>
/// SplitMix64: a small generator whose output is fixed by its algorithm, so one seed gives the same
/// data on every run and machine (System.Random's algorithm is unspecified). Only integer arithmetic
/// and exact double operations are used: no Math.Log or Math.Pow, whose last bit may differ between
/// platforms' math libraries.
/// </summary>
internal struct Prng
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;
    private const string Alphanumerics = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private const string LowerAlphanumerics = "abcdefghijklmnopqrstuvwxyz0123456789";

    private ulong _state;

    private Prng(ulong state) => _state = state;

    /// <summary>A generator of its own for one purpose: the seed and a path such as (provider, campaign, lead).</summary>
    public static Prng For(long seed, ulong a, ulong b = 0, ulong c = 0, ulong d = 0)
    {
        var state = Mix((ulong)seed);
        state = Mix(state ^ a);
        state = Mix(state ^ b);
        state = Mix(state ^ c);
        state = Mix(state ^ d);
        return new Prng(state);
    }

    public ulong NextUInt64()
    {
        _state += Golden;
        return Finalize(_state);
    }

    /// <summary>0 ≤ value &lt; max.</summary>
    public int Next(int max) => max <= 1 ? 0 : (int)((NextUInt64() >> 1) % (ulong)max);

    /// <summary>min ≤ value ≤ max.</summary>
    public int Between(int min, int max) => min + Next(max - min + 1);

    /// <summary>0 ≤ value &lt; 1, from the top 53 bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public double Between(double min, double max) => min + (max - min) * NextDouble();

    public bool Chance(double probability) => NextDouble() < probability;

    /// <summary>min ≤ value ≤ max, most values near min (a cube of a uniform draw): campaign sizes.</summary>
    public int Skewed(int min, int max)
    {
        var u = NextDouble();
        return min + (int)((max - min) * u * u * u);
    }

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    public string Alphanumeric(int length) => Draw(Alphanumerics, length);

    public string LowerAlphanumeric(int length) => Draw(LowerAlphanumerics, length);

    /// <summary>A version-4-shaped UUID, lower case.</summary>
    public string Uuid()
    {
        var high = NextUInt64();
        var low = NextUInt64();
        high = (high & 0xFFFFFFFFFFFF0FFFUL) | 0x0000000000004000UL;
        low = (low & 0x3FFFFFFFFFFFFFFFUL) | 0x8000000000000000UL;
        var hex = high.ToString("x16") + low.ToString("x16");
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
    }

    private string Draw(string alphabet, int length)
    {
        Span<char> chars = stackalloc char[length];
        for (var i = 0; i < length; i++) chars[i] = alphabet[Next(alphabet.Length)];
        return new string(chars);
    }

    private static ulong Mix(ulong value) => Finalize(value + Golden);

    private static ulong Finalize(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
