using System;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OutreachStats.Providers.Smartlead;

// Lenient readers for the per-send rows that public clients of Smartlead's live API read, where
// the same field may come as a number or a string. Each accepts the forms a careful reader
// expects and throws JsonException (so the page becomes InvalidResponse) for anything clearly
// wrong: an object or array where a value belongs, a fraction where a count belongs, text that
// is not a time. They work with source-generated metadata ([JsonConverter] on the properties).

/// <summary>Text, or an ID: a string, a number (kept as written) or a boolean; null stays null.</summary>
internal sealed class LenientStringConverter : JsonConverter<string?>
{
    public override bool HandleNull => true;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => Encoding(ref reader),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        _ => throw new JsonException($"Expected text or a number, found {reader.TokenType}."),
    };

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    private static string Encoding(ref Utf8JsonReader reader) =>
        System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan.ToArray());
}

/// <summary>A whole number, as a JSON number or a numeric string; null or "" is null.</summary>
internal sealed class LenientInt64Converter : JsonConverter<long?>
{
    public override bool HandleNull => true;

    public override long? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number when reader.TryGetInt64(out var number):
                return number;
            case JsonTokenType.Number when reader.TryGetDecimal(out var fraction) && fraction == decimal.Truncate(fraction) && fraction >= long.MinValue && fraction <= long.MaxValue:
                return (long)fraction;
            case JsonTokenType.String:
                var text = reader.GetString()!.Trim();
                if (text.Length == 0) return null;
                if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed)) return parsed;
                throw new JsonException($"'{text}' is not a whole number.");
            default:
                throw new JsonException($"Expected a whole number, found {reader.TokenType}.");
        }
    }

    public override void Write(Utf8JsonWriter writer, long? value, JsonSerializerOptions options)
    {
        if (value is { } v) writer.WriteNumberValue(v);
        else writer.WriteNullValue();
    }
}

/// <summary>A count: a whole number from 0 to Int32.MaxValue, as a number or a numeric string.</summary>
internal sealed class LenientCountConverter : JsonConverter<int?>
{
    private static readonly LenientInt64Converter Whole = new();

    public override bool HandleNull => true;

    public override int? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = Whole.Read(ref reader, typeof(long?), options);
        if (value is null) return null;
        if (value < 0 || value > int.MaxValue) throw new JsonException($"{value} is not a count.");
        return (int)value;
    }

    public override void Write(Utf8JsonWriter writer, int? value, JsonSerializerOptions options)
    {
        if (value is { } v) writer.WriteNumberValue(v);
        else writer.WriteNullValue();
    }
}

/// <summary>A flag: true/false, 1/0, or those as strings; null is null.</summary>
internal sealed class LenientBooleanConverter : JsonConverter<bool?>
{
    public override bool HandleNull => true;

    public override bool? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.Number when reader.TryGetInt32(out var number) && number is 0 or 1:
                return number == 1;
            case JsonTokenType.String:
                switch (reader.GetString()!.Trim().ToLowerInvariant())
                {
                    case "": return null;
                    case "true" or "1": return true;
                    case "false" or "0": return false;
                }
                break;
        }
        throw new JsonException($"Expected true or false, found {reader.TokenType}.");
    }

    public override void Write(Utf8JsonWriter writer, bool? value, JsonSerializerOptions options)
    {
        if (value is { } v) writer.WriteBooleanValue(v);
        else writer.WriteNullValue();
    }
}

/// <summary>
/// A time as an ISO 8601 string (with T or a space, with or without fractions). A time with no
/// zone is UTC, as Smartlead's own format ends in Z. Read as UTC; null or "" is null.
/// </summary>
internal sealed class LenientUtcTimeConverter : JsonConverter<DateTime?>
{
    public override bool HandleNull => true;

    public override DateTime? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType != JsonTokenType.String) throw new JsonException($"Expected a time as text, found {reader.TokenType}.");
        var text = reader.GetString()!.Trim();
        if (text.Length == 0) return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var time)
            && text.Length >= 10 && char.IsDigit(text[0]))
        {
            return time.UtcDateTime;
        }
        throw new JsonException($"'{text}' is not a time.");
    }

    public override void Write(Utf8JsonWriter writer, DateTime? value, JsonSerializerOptions options)
    {
        if (value is { } v) writer.WriteStringValue(v);
        else writer.WriteNullValue();
    }
}
