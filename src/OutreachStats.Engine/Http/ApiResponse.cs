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

    /// <summary>The body as the caller's reader made it, for a success read during the attempt.</summary>
    public object? Value { get; set; }

    /// <summary>Why the reader refused a success's body (cut off, not the documented JSON): such an answer is retried.</summary>
    public OutreachApiException? Unreadable { get; set; }
}
