using System.Text.Json.Serialization;

namespace OutreachStats.Providers.Leadterra;

// The wire shape of Leadterra's campaign metrics answer, a flat object.

internal sealed class LeadterraStatsDto
{
    [JsonPropertyName("campaignId")] public string? CampaignId { get; set; }
    [JsonPropertyName("totalEnrolled")] public int? TotalEnrolled { get; set; }
    [JsonPropertyName("sent")] public int? Sent { get; set; }
    [JsonPropertyName("delivered")] public int? Delivered { get; set; }
    [JsonPropertyName("bounced")] public int? Bounced { get; set; }
    [JsonPropertyName("replied")] public int? Replied { get; set; }
    [JsonPropertyName("queued")] public int? Queued { get; set; }
    [JsonPropertyName("openRate")] public double? OpenRate { get; set; }
    [JsonPropertyName("replyRate")] public double? ReplyRate { get; set; }

    /// <summary>The documented counts, by name, for <see cref="AnswerRules"/>.</summary>
    public (string Field, long? Value)[] Counts() => new (string, long?)[]
    {
        (nameof(TotalEnrolled), TotalEnrolled),
        (nameof(Sent), Sent),
        (nameof(Delivered), Delivered),
        (nameof(Bounced), Bounced),
        (nameof(Replied), Replied),
        (nameof(Queued), Queued),
    };

    public (string Field, double? Value)[] Rates() => new (string, double?)[]
    {
        (nameof(OpenRate), OpenRate),
        (nameof(ReplyRate), ReplyRate),
    };
}

[JsonSerializable(typeof(LeadterraStatsDto))]
internal sealed partial class LeadterraJsonContext : JsonSerializerContext
{
}
