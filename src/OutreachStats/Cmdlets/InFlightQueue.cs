using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace OutreachStats.Cmdlets;

/// <summary>
/// A command's work in input order, each item written once the one before it is: an item is
/// given the task of everything before it being written, and returns its own. Used on the
/// pipeline thread only.
/// </summary>
internal sealed class InFlightQueue
{
    /// <summary>Items in flight at once per command; the rate-limit budget does the pacing.</summary>
    private const int Limit = 4;

    private readonly Queue<Task> _unwritten = new();

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
        }
        return _unwritten.Count < Limit;
    }
}
