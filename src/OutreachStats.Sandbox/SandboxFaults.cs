namespace OutreachStats.Sandbox;

/// <summary>The fault rules in force; thread-safe, changed by code or by the /_sandbox/faults endpoint.</summary>
public sealed class SandboxFaults
{
    private readonly Lock _gate = new();
    private readonly List<Entry> _entries = new();
    private int _nextId;

    /// <summary>Adds a rule; returns its ID for <see cref="Remove"/>.</summary>
    public int Add(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (rule.Problem() is { } problem) throw new ArgumentException(problem, nameof(rule));
        lock (_gate)
        {
            var id = ++_nextId;
            _entries.Add(new Entry(id, rule) { Remaining = rule.Count, ToPass = rule.StartAfter ?? 0 });
            return id;
        }
    }

    public bool Remove(int id)
    {
        lock (_gate)
        {
            return _entries.RemoveAll(e => e.Id == id) > 0;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }

    public IReadOnlyList<ActiveFault> Active
    {
        get
        {
            lock (_gate)
            {
                return _entries.Select(e => new ActiveFault(e.Id, e.Rule, e.Remaining)).ToList();
            }
        }
    }

    /// <summary>
    /// The faults for one request, each used up by one: the sum of the matching delays and the first
    /// matching rule of another kind.
    /// </summary>
    internal (TimeSpan Delay, FaultRule? Fault) Take(SandboxProvider provider, IReadOnlyList<string> campaignIds)
    {
        lock (_gate)
        {
            var delay = TimeSpan.Zero;
            FaultRule? fault = null;
            foreach (var entry in _entries.ToList())
            {
                var rule = entry.Rule;
                if (rule.Provider != provider || !Concerns(rule, campaignIds)) continue;
                if (rule.Kind != FaultKind.Delay && fault is not null) continue;
                if (entry.ToPass > 0)
                {
                    entry.ToPass--;
                    continue;
                }
                if (rule.Kind == FaultKind.Delay) delay += TimeSpan.FromMilliseconds(rule.DelayMilliseconds!.Value);
                else fault = rule;
                if (entry.Remaining is { } remaining)
                {
                    entry.Remaining = remaining - 1;
                    if (entry.Remaining == 0) _entries.Remove(entry);
                }
            }
            return (delay, fault);
        }
    }

    private static bool Concerns(FaultRule rule, IReadOnlyList<string> campaignIds) =>
        rule.CampaignIds is null || campaignIds.Any(id => rule.CampaignIds.Contains(id, StringComparer.OrdinalIgnoreCase));

    private sealed class Entry(int id, FaultRule rule)
    {
        public int Id { get; } = id;

        public FaultRule Rule { get; } = rule;

        public int? Remaining { get; set; }

        /// <summary>Matching requests still to let pass before the rule applies.</summary>
        public int ToPass { get; set; }
    }
}
