using System;
using System.Collections.Generic;
using System.Linq;
using OutreachStats.Http;
using OutreachStats.Model;
using OutreachStats.Providers.Leadlex;
using OutreachStats.Providers.Leadterra;
using OutreachStats.Providers.Lemlist;
using OutreachStats.Providers.Smartlead;

namespace OutreachStats.Providers;

/// <summary>The providers the module speaks to, one registration each: shared code asks this table.</summary>
internal static class ProviderTable
{
    public static readonly IReadOnlyList<ProviderDefinition> All = new[]
    {
        LemlistProvider.Definition,
        SmartleadProvider.Definition,
        LeadlexProvider.Definition,
        LeadterraProvider.Definition,
    };

    private static readonly Dictionary<string, ProviderDefinition> ById = All.ToDictionary(d => d.Id, StringComparer.Ordinal);

    public static ProviderDefinition For(OutreachProvider provider) => For(provider.ToString());

    /// <summary>The ErrorId of <paramref name="kind"/> for the provider <paramref name="id"/>: the provider, then its documented code or the kind.</summary>
    public static string ErrorId(string id, OutreachErrorKind kind) =>
        id + (ById.TryGetValue(id, out var definition) ? definition.ErrorName(kind) : kind.ToString());

    public static ProviderDefinition For(string id) =>
        ById.TryGetValue(id, out var definition) ? definition : throw new ArgumentOutOfRangeException(nameof(id), id, "No such provider.");
}
