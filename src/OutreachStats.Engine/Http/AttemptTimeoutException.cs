using System;

namespace OutreachStats.Http;

/// <summary>One attempt had no complete answer within the attempt timeout; the call may retry.</summary>
internal sealed class AttemptTimeoutException : TimeoutException
{
    public AttemptTimeoutException(TimeSpan timeout)
        : base($"No complete answer within {timeout.TotalSeconds:0.###} s.")
    {
    }
}
