using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace OutreachStats.Providers.Smartlead;

// The wire shapes of GET /api/v1/campaigns/{campaign_id}/statistics. The documented envelope
// (ok, data, offset, limit) and, from public clients of the live API, total_stats. A row has the
// fields of both known shapes: the documented per-sequence aggregate and the live per-send row.
// Values are read leniently (see SmartleadJsonConverters.cs); null and absent are the same.

internal sealed class SmartleadEnvelopeDto
{
    [JsonPropertyName("ok")] public bool? Ok { get; set; }
    [JsonPropertyName("data")] public List<SmartleadRowDto?>? Data { get; set; }
    [JsonPropertyName("offset"), JsonConverter(typeof(LenientInt64Converter))] public long? Offset { get; set; }
    [JsonPropertyName("limit"), JsonConverter(typeof(LenientInt64Converter))] public long? Limit { get; set; }
    [JsonPropertyName("total_stats"), JsonConverter(typeof(LenientInt64Converter))] public long? TotalStats { get; set; }
}

internal sealed class SmartleadRowDto
{
    // The documented per-sequence aggregate row.
    [JsonPropertyName("campaign_id"), JsonConverter(typeof(LenientStringConverter))] public string? CampaignId { get; set; }
    [JsonPropertyName("sequence_number"), JsonConverter(typeof(LenientCountConverter))] public int? SequenceNumber { get; set; }
    [JsonPropertyName("sent"), JsonConverter(typeof(LenientCountConverter))] public int? Sent { get; set; }
    [JsonPropertyName("opened"), JsonConverter(typeof(LenientCountConverter))] public int? Opened { get; set; }
    [JsonPropertyName("clicked"), JsonConverter(typeof(LenientCountConverter))] public int? Clicked { get; set; }
    [JsonPropertyName("replied"), JsonConverter(typeof(LenientCountConverter))] public int? Replied { get; set; }
    [JsonPropertyName("unsubscribed"), JsonConverter(typeof(LenientCountConverter))] public int? Unsubscribed { get; set; }
    [JsonPropertyName("bounced"), JsonConverter(typeof(LenientCountConverter))] public int? Bounced { get; set; }

    // The live per-send row (sequence_number is shared).
    [JsonPropertyName("stats_id"), JsonConverter(typeof(LenientStringConverter))] public string? StatsId { get; set; }
    [JsonPropertyName("lead_name"), JsonConverter(typeof(LenientStringConverter))] public string? LeadName { get; set; }
    [JsonPropertyName("lead_email"), JsonConverter(typeof(LenientStringConverter))] public string? LeadEmail { get; set; }
    [JsonPropertyName("lead_category"), JsonConverter(typeof(LenientStringConverter))] public string? LeadCategory { get; set; }
    [JsonPropertyName("email_campaign_seq_id"), JsonConverter(typeof(LenientStringConverter))] public string? EmailCampaignSeqId { get; set; }
    [JsonPropertyName("seq_variant_id"), JsonConverter(typeof(LenientStringConverter))] public string? SeqVariantId { get; set; }
    [JsonPropertyName("email_subject"), JsonConverter(typeof(LenientStringConverter))] public string? EmailSubject { get; set; }
    [JsonPropertyName("email_message"), JsonConverter(typeof(LenientStringConverter))] public string? EmailMessage { get; set; }
    [JsonPropertyName("sent_time"), JsonConverter(typeof(LenientUtcTimeConverter))] public DateTime? SentTime { get; set; }
    [JsonPropertyName("open_time"), JsonConverter(typeof(LenientUtcTimeConverter))] public DateTime? OpenTime { get; set; }
    [JsonPropertyName("click_time"), JsonConverter(typeof(LenientUtcTimeConverter))] public DateTime? ClickTime { get; set; }
    [JsonPropertyName("reply_time"), JsonConverter(typeof(LenientUtcTimeConverter))] public DateTime? ReplyTime { get; set; }
    [JsonPropertyName("open_count"), JsonConverter(typeof(LenientCountConverter))] public int? OpenCount { get; set; }
    [JsonPropertyName("click_count"), JsonConverter(typeof(LenientCountConverter))] public int? ClickCount { get; set; }
    [JsonPropertyName("is_unsubscribed"), JsonConverter(typeof(LenientBooleanConverter))] public bool? IsUnsubscribed { get; set; }
    [JsonPropertyName("is_bounced"), JsonConverter(typeof(LenientBooleanConverter))] public bool? IsBounced { get; set; }
    [JsonPropertyName("ignore_reply"), JsonConverter(typeof(LenientBooleanConverter))] public bool? IgnoreReply { get; set; }

    /// <summary>A per-send row: it has a field only per-send rows have.</summary>
    public bool IsPerSend =>
        StatsId is not null || LeadEmail is not null || LeadName is not null || EmailCampaignSeqId is not null || SeqVariantId is not null
        || SentTime is not null || EmailSubject is not null || OpenCount is not null || ClickCount is not null;

    /// <summary>A documented aggregate row: it has one of the aggregate counts.</summary>
    public bool IsAggregate =>
        Sent is not null || Opened is not null || Clicked is not null || Replied is not null || Unsubscribed is not null || Bounced is not null;
}

[JsonSerializable(typeof(SmartleadEnvelopeDto))]
internal sealed partial class SmartleadJsonContext : JsonSerializerContext
{
}
