using System.Text.Json;
using System.Text.Json.Serialization;

namespace OutreachStats.Sandbox.Hosting;

/// <summary>
/// The JSON control surface under &lt;root&gt;/_sandbox: what the sandbox is, which campaigns exist,
/// what it served, and the faults in force.
/// </summary>
internal static class ControlEndpoints
{
    public const string Root = "/_sandbox";
    private const int MaxTake = 10_000;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    public static void Map(IEndpointRouteBuilder routes, SandboxOptions options, SandboxCounters counters, SandboxFaults faults, CampaignDirectory campaigns)
    {
        routes.MapGet(Root, (HttpRequest request) => Results.Json(Describe(request, options, campaigns), Json));

        routes.MapGet(Root + "/campaigns", (string? provider, int? skip, int? take) =>
        {
            if (!SandboxProviders.TryParse(provider, out var which)) return Problem("provider must be one of: lemlist, smartlead, leadlex, leadterra.");
            if (skip is < 0 || take is < 1 or > MaxTake) return Problem($"skip must be at least 0 and take from 1 to {MaxTake}.");
            var list = campaigns.List(which, skip ?? 0, take ?? 20);
            return Results.Json(new { provider = which.Name(), total = campaigns.Count(which), skip = skip ?? 0, campaigns = list }, Json);
        });

        routes.MapGet(Root + "/counters", () => Results.Json(counters.Snapshot(), Json));
        routes.MapDelete(Root + "/counters", () =>
        {
            counters.Reset();
            return Results.NoContent();
        });

        routes.MapGet(Root + "/faults", () => Results.Json(faults.Active, Json));
        routes.MapPost(Root + "/faults", async (HttpRequest request) =>
        {
            FaultRule? rule;
            try
            {
                rule = await JsonSerializer.DeserializeAsync<FaultRule>(request.Body, Json, request.HttpContext.RequestAborted);
            }
            catch (JsonException ex)
            {
                return Problem("The body must be a fault rule such as {\"provider\":\"lemlist\",\"kind\":\"status\",\"status\":503,\"count\":2}: " + ex.Message);
            }
            if (rule is null) return Problem("The body must be a fault rule.");
            if (rule.Problem() is { } problem) return Problem(problem);
            var id = faults.Add(rule);
            return Results.Json(faults.Active.Single(f => f.Id == id), Json, statusCode: 201);
        });
        routes.MapDelete(Root + "/faults", () =>
        {
            faults.Clear();
            return Results.NoContent();
        });
        routes.MapDelete(Root + "/faults/{id:int}", (int id) => faults.Remove(id) ? Results.NoContent() : Results.NotFound());
    }

    private static object Describe(HttpRequest request, SandboxOptions options, CampaignDirectory campaigns)
    {
        var root = $"{request.Scheme}://{request.Host}";
        return new
        {
            seed = options.Seed,
            campaignsPerProvider = options.CampaignsPerProvider,
            dataEnd = options.DataEnd,
            smartleadShape = options.SmartleadShape,
            providers = SandboxProviders.All.ToDictionary(p => p.Name(), p => new
            {
                baseUri = root + p.BasePath(),
                keys = Keys(p),
                rateLimit = options.RateLimitOf(p) is { } limit ? new { limit = limit.Limit, windowSeconds = limit.Window.TotalSeconds } : null,
                exampleCampaignIds = campaigns.List(p, 0, 5).Select(c => c.Id),
            }),
            control = new[]
            {
                "GET " + Root + "/campaigns?provider=lemlist&skip=0&take=20",
                "GET|DELETE " + Root + "/counters",
                "GET|POST|DELETE " + Root + "/faults",
                "DELETE " + Root + "/faults/{id}",
            },
        };
    }

    /// <summary>The documented keys of a provider, by what they do.</summary>
    public static IReadOnlyDictionary<string, string> Keys(SandboxProvider provider)
    {
        var keys = new Dictionary<string, string>
        {
            ["valid"] = SandboxKeys.Valid(provider),
            ["throttled"] = SandboxKeys.Throttled(provider),
            ["revoked"] = SandboxKeys.Revoked(provider),
        };
        if (provider == SandboxProvider.Leadlex) keys["withoutCampaignsRead"] = SandboxKeys.LeadlexWithoutCampaignsRead;
        if (provider == SandboxProvider.Lemlist) keys["withoutTeam"] = SandboxKeys.LemlistWithoutTeam;
        return keys;
    }

    private static IResult Problem(string detail) => Results.Json(new { error = detail }, Json, statusCode: 400);
}
