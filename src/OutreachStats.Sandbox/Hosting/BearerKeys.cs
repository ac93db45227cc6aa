using System.Net.Http.Headers;

namespace OutreachStats.Sandbox.Hosting;

/// <summary>Leadlex and Leadterra: "Authorization: Bearer &lt;key&gt;".</summary>
internal static class BearerKeys
{
    public static string? Of(HttpRequest request) =>
        AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
        && string.Equals(header.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase)
        && !string.IsNullOrWhiteSpace(header.Parameter)
            ? header.Parameter
            : null;

    /// <summary>
    /// The error body of Leadlex and Leadterra, whose docs name the codes but not the body:
    /// {"error":{"code":"campaign_not_found","message":"…"}}.
    /// </summary>
    public static SandboxResponse Error(int status, string code, string message) => SandboxResponse.Json(status, json =>
    {
        json.WriteStartObject();
        json.WriteStartObject("error");
        json.WriteString("code", code);
        json.WriteString("message", message);
        json.WriteEndObject();
        json.WriteEndObject();
    });
}
