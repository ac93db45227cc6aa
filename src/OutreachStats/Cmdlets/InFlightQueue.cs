using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using OutreachStats.Http;

namespace OutreachStats.Cmdlets;

/// <summary>
/// A command's work in input order, each item written once the one before it is: an item is
/// given the task of everything before it being written, and returns its own. Used on the
/// pipeline thread only.
/// </summary>
internal sealed class InFlightQueue
{
    private readonly Queue<Task> _unwritten = new();
    private readonly int _limit;
    private bool _anyWritten;

    public InFlightQueue(int rateLimit) => _limit = LimitFor(rateLimit);

    /// <summary>
    /// How many items a command keeps in flight: the key's rate limit, the requests it may send in
    /// one window. The key's budget paces them, so the provider never sees more than it allows,
    /// and that many waiting fill a window however slowly each answer comes (at 300 ms, lemlist's
    /// 20 per 2 s needs more than 4). At most the transport's connections per host, past which
    /// requests would only queue for a connection; at least 1. Until the command's first item is
    /// written, one only: a refused key or an unreachable server then costs one request, not a window of them.
    /// </summary>
    public static int LimitFor(int rateLimit) => Math.Max(1, Math.Min(rateLimit, ApiTransport.MaxConnectionsPerHost));

    /// <summary>Ends once every item added so far is written.</summary>
    public Task AllWritten { get; private set; } = Task.CompletedTask;

    /// <summary>The oldest item not yet written; only while <see cref="HasRoom"/> is false.</summary>
    public Task Oldest => _unwritten.Peek();

    public void Add(Func<Task, Task> writeAfter)
    {
        AllWritten = writeAfter(AllWritten);
        _unwritten.Enqueue(AllWritten);
    }

    /// <summary>Whether one more item may start, once the items written are let go.</summary>
    public bool HasRoom()
    {
        while (_unwritten.Count > 0 && _unwritten.Peek().IsCompleted)
        {
            // An item ends in an exception only through a defect: it surfaces here, on the pipeline thread.
            _unwritten.Dequeue().GetAwaiter().GetResult();
            _anyWritten = true;
        }
        return _unwritten.Count < (_anyWritten ? _limit : 1);
    }
}
