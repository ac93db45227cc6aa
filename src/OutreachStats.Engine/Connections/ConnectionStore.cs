using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using OutreachStats.Model;

namespace OutreachStats.Connections;

/// <summary>
/// The default connection per provider of each PowerShell runspace. Keyed by runspace so that
/// parallel runspaces (ForEach-Object -Parallel, jobs, pools) never share a default by
/// accident: there, pass -Connection.
/// </summary>
internal sealed class ConnectionStore
{
    private static readonly ConditionalWeakTable<object, ConnectionStore> Stores = new();

    private readonly Dictionary<OutreachProvider, OutreachConnection> _defaults = new();
    private readonly object _gate = new();

    public static ConnectionStore For(object runspace) => Stores.GetValue(runspace, _ => new ConnectionStore());

    /// <summary>Makes <paramref name="connection"/> the default for its provider and returns the one it replaced.</summary>
    public OutreachConnection? SetDefault(OutreachConnection connection)
    {
        lock (_gate)
        {
            _defaults.TryGetValue(connection.Provider, out var previous);
            _defaults[connection.Provider] = connection;
            return ReferenceEquals(previous, connection) ? null : previous;
        }
    }

    public OutreachConnection? GetDefault(OutreachProvider provider)
    {
        lock (_gate)
        {
            return _defaults.TryGetValue(provider, out var connection) ? connection : null;
        }
    }

    public IReadOnlyList<OutreachConnection> All()
    {
        lock (_gate)
        {
            return _defaults.OrderBy(pair => pair.Key).Select(pair => pair.Value).ToList();
        }
    }

    /// <summary>Forgets <paramref name="connection"/> if it is a default; true when it was.</summary>
    public bool Remove(OutreachConnection connection)
    {
        lock (_gate)
        {
            if (_defaults.TryGetValue(connection.Provider, out var current) && ReferenceEquals(current, connection))
            {
                _defaults.Remove(connection.Provider);
                return true;
            }
            return false;
        }
    }
}
