using System;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace OutreachStats.Providers;

/// <summary>
/// The code and message of a JSON error answer. The providers document their codes but not the
/// body's shape, so the common shapes are all read: <c>{"error":{"code":…,"message":…}}</c>,
/// <c>{"error":"code","message":…}</c> and <c>{"code":…,"message":…}</c>. A lone
/// <c>{"error":"…"}</c> is a code when it looks like one (<c>campaign_not_found</c>) and a
/// message otherwise. Anything else (not JSON, another shape) gives neither, and the status
/// alone decides. A nested error may say how long to wait, in seconds
/// (<c>{"error":{"code":"RATE_LIMIT_EXCEEDED","retry_after":30}}</c>, Smartlead's 429).
/// </summary>
internal sealed class ProviderErrorBody
{
    private static readonly Regex CodeLike = new("^[A-Za-z][A-Za-z0-9_.:-]*$", RegexOptions.CultureInvariant);

    private ProviderErrorBody(string? code, string? message, TimeSpan? retryAfter = null)
    {
        Code = code;
        Message = message;
        RetryAfter = retryAfter;
    }

    public string? Code { get; }

    public string? Message { get; }

    /// <summary>The nested error's <c>retry_after</c>, a count of seconds from 0; null when absent or not one.</summary>
    public TimeSpan? RetryAfter { get; }

    public static ProviderErrorBody Read(string body)
    {
        ErrorBodyDto? dto;
        try
        {
            dto = body.TrimStart().StartsWith("{", StringComparison.Ordinal)
                ? JsonSerializer.Deserialize(body, ErrorBodyJsonContext.Default.ErrorBodyDto)
                : null;
        }
        catch (JsonException)
        {
            dto = null;
        }
        if (dto is null) return new ProviderErrorBody(null, null);

        var message = Text(dto.Message);
        if (dto.Error.ValueKind == JsonValueKind.Object)
        {
            var nested = dto.Error;
            return new ProviderErrorBody(
                nested.TryGetProperty("code", out var code) ? Text(code) : Text(dto.Code),
                nested.TryGetProperty("message", out var inner) ? Text(inner) ?? message : message,
                nested.TryGetProperty("retry_after", out var retryAfter) && retryAfter.ValueKind == JsonValueKind.Number
                    && retryAfter.TryGetDouble(out var seconds) && seconds >= 0 && seconds <= TimeSpan.MaxValue.TotalSeconds
                    ? TimeSpan.FromSeconds(seconds) : null);
        }
        if (Text(dto.Error) is { } error)
        {
            if (message is not null || CodeLike.IsMatch(error)) return new ProviderErrorBody(error, message);
            return new ProviderErrorBody(Text(dto.Code), error);
        }
        return new ProviderErrorBody(Text(dto.Code), message);
    }

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => string.IsNullOrWhiteSpace(value.GetString()) ? null : value.GetString()!.Trim(),
        JsonValueKind.Number => value.GetRawText(),
        _ => null,
    };
}

internal sealed class ErrorBodyDto
{
    [JsonPropertyName("error")] public JsonElement Error { get; set; }
    [JsonPropertyName("code")] public JsonElement Code { get; set; }
    [JsonPropertyName("message")] public JsonElement Message { get; set; }
}

[JsonSerializable(typeof(ErrorBodyDto))]
internal sealed partial class ErrorBodyJsonContext : JsonSerializerContext
{
}
