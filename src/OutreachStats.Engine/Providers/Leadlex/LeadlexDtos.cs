using System.Text.Json.Serialization;

namespace OutreachStats.Providers.Leadlex;

// The wire shape of Leadlex's campaign stats answer: {"data":{"stats":{…}}}.

internal sealed class LeadlexResponseDto
{
    [JsonPropertyName("data")] public LeadlexDataDto? Data { get; set; }
}

internal sealed class LeadlexDataDto
{
    [JsonPropertyName("stats")] public LeadlexStatsDto? Stats { get; set; }
}

internal sealed class LeadlexStatsDto
{
    [JsonPropertyName("sent_count")] public int? SentCount { get; set; }
    [JsonPropertyName("opened_count")] public int? OpenedCount { get; set; }
    [JsonPropertyName("clicked_count")] public int? ClickedCount { get; set; }
    [JsonPropertyName("replied_count")] public int? RepliedCount { get; set; }
    [JsonPropertyName("bounced_count")] public int? BouncedCount { get; set; }
    [JsonPropertyName("unsubscribed_count")] public int? UnsubscribedCount { get; set; }
    [JsonPropertyName("open_rate")] public double? OpenRate { get; set; }
    [JsonPropertyName("click_rate")] public double? ClickRate { get; set; }
    [JsonPropertyName("reply_rate")] public double? ReplyRate { get; set; }

    /// <summary>The documented counts, by name, for <see cref="AnswerRules"/>.</summary>
    public (string Field, long? Value)[] Counts() => new (string, long?)[]
    {
        (nameof(SentCount), SentCount),
        (nameof(OpenedCount), OpenedCount),
        (nameof(ClickedCount), ClickedCount),
        (nameof(RepliedCount), RepliedCount),
        (nameof(BouncedCount), BouncedCount),
        (nameof(UnsubscribedCount), UnsubscribedCount),
    };

    public (string Field, double? Value)[] Rates() => new (string, double?)[]
    {
        (nameof(OpenRate), OpenRate),
        (nameof(ClickRate), ClickRate),
        (nameof(ReplyRate), ReplyRate),
    };
}

[JsonSerializable(typeof(LeadlexResponseDto))]
internal sealed partial class LeadlexJsonContext : JsonSerializerContext
{
}
