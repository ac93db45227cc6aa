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
}

[JsonSerializable(typeof(LeadterraStatsDto))]
internal sealed partial class LeadterraJsonContext : JsonSerializerContext
{
}
