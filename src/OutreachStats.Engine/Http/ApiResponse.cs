using System;
using System.Net;

namespace OutreachStats.Http;

/// <summary>A provider's final answer to one call, body read in full.</summary>
internal sealed class ApiResponse
{
    public ApiResponse(HttpStatusCode statusCode, string? mediaType, string body, TimeSpan? retryAfter, int attempts = 1)
    {
        Attempts = attempts;
        StatusCode = statusCode;
        MediaType = mediaType;
        Body = body;
        RetryAfter = retryAfter;
    }

    public HttpStatusCode StatusCode { get; }

    public string? MediaType { get; }

    public string Body { get; }

    public TimeSpan? RetryAfter { get; }

    /// <summary>How many attempts this answer took, retries included.</summary>
    public int Attempts { get; }

    public bool IsSuccess => (int)StatusCode >= 200 && (int)StatusCode <= 299;
}

/// <summary>What the retry strategy reads of an attempt's reply, whatever the caller read it into.</summary>
internal interface IReply
{
    ApiResponse Response { get; }

    /// <summary>Why the caller's reader refused a success's body (cut off, not the documented JSON): such an answer is retried.</summary>
    OutreachApiException? Unreadable { get; }

    /// <summary>Why a success that was read still leaves part of the work to ask for again (a batch's transient entries): the call is retried.</summary>
    string? Unfinished { get; }
}

/// <summary>A call's final reply: the provider's answer and, for a success, what the caller's reader made of it.</summary>
internal sealed class Reply<T> : IReply
{
    public Reply(ApiResponse response, T value, OutreachApiException? unreadable, string? unfinished)
    {
        Response = response;
        Value = value;
        Unreadable = unreadable;
        Unfinished = unfinished;
    }

    public ApiResponse Response { get; }

    /// <summary>The body as read; the default for an answer that is not a readable success.</summary>
    public T Value { get; }

    public OutreachApiException? Unreadable { get; }

    public string? Unfinished { get; }
}
