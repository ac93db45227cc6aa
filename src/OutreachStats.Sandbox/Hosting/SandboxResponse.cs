using System.Buffers;
using System.Text;
using System.Text.Json;

namespace OutreachStats.Sandbox.Hosting;

/// <summary>A provider's answer before it is written: faults may replace or reshape it on the way out.</summary>
internal sealed class SandboxResponse
{
    public const string JsonType = "application/json; charset=utf-8";
    public const string TextType = "text/plain; charset=utf-8";

    public SandboxResponse(int status, string? contentType, byte[] body)
    {
        Status = status;
        ContentType = contentType;
        Body = body;
    }

    public int Status { get; }

    public string? ContentType { get; }

    public byte[] Body { get; }

    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public bool IsJson => ContentType?.StartsWith("application/json", StringComparison.Ordinal) == true;

    public static SandboxResponse Json(int status, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }
        return new SandboxResponse(status, JsonType, buffer.WrittenSpan.ToArray());
    }

    public static SandboxResponse Text(int status, string text) => new(status, TextType, Encoding.UTF8.GetBytes(text));

    /// <summary>No body at all (lemlist's 401).</summary>
    public static SandboxResponse Empty(int status) => new(status, null, []);

    public SandboxResponse WithHeader(string name, string value)
    {
        Headers[name] = value;
        return this;
    }
}
