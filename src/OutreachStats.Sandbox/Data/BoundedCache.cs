using System.Collections.Concurrent;

namespace OutreachStats.Sandbox.Data;

/// <summary>
/// Keeps the last campaigns played out, so paging through one campaign or hammering a few in a
/// benchmark does not replay them per request. Emptied whole when full: simple, and a replay is
/// only a few milliseconds.
/// </summary>
internal sealed class BoundedCache<TKey, TValue> where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> _items = new();
    private readonly int _capacity;

    public BoundedCache(int capacity) => _capacity = capacity;

    public TValue GetOrAdd(TKey key, Func<TKey, TValue> create)
    {
        if (_items.TryGetValue(key, out var value)) return value;
        if (_items.Count >= _capacity) _items.Clear();
        return _items.GetOrAdd(key, create);
    }
}
