using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace OutreachStats.Providers.Lemlist;

// Wire shapes of the lemlist statistics endpoints, as the OpenAPI spec documents them. Numbers
// are nullable so an absent field is told apart from a zero while parsing.

internal sealed class LemlistStatsDto
{
    [JsonPropertyName("campaignId")] public string? CampaignId { get; set; }
    [JsonPropertyName("nbLeads")] public int? NbLeads { get; set; }
    [JsonPropertyName("nbLeadsLaunched")] public int? NbLeadsLaunched { get; set; }
    [JsonPropertyName("nbLeadsReached")] public int? NbLeadsReached { get; set; }
    [JsonPropertyName("nbLeadsOpened")] public int? NbLeadsOpened { get; set; }
    [JsonPropertyName("nbLeadsInteracted")] public int? NbLeadsInteracted { get; set; }
    [JsonPropertyName("nbLeadsAnswered")] public int? NbLeadsAnswered { get; set; }
    [JsonPropertyName("nbLeadsInterested")] public int? NbLeadsInterested { get; set; }
    [JsonPropertyName("nbLeadsNotInterested")] public int? NbLeadsNotInterested { get; set; }
    [JsonPropertyName("nbLeadsUnsubscribed")] public int? NbLeadsUnsubscribed { get; set; }
    [JsonPropertyName("nbLeadsInterrupted")] public int? NbLeadsInterrupted { get; set; }
    [JsonPropertyName("messagesSent")] public int? MessagesSent { get; set; }
    [JsonPropertyName("messagesNotSent")] public int? MessagesNotSent { get; set; }
    [JsonPropertyName("messagesBounced")] public int? MessagesBounced { get; set; }
    [JsonPropertyName("delivered")] public int? Delivered { get; set; }
    [JsonPropertyName("opened")] public int? Opened { get; set; }
    [JsonPropertyName("clicked")] public int? Clicked { get; set; }
    [JsonPropertyName("replied")] public int? Replied { get; set; }
    [JsonPropertyName("invitationAccepted")] public int? InvitationAccepted { get; set; }
    [JsonPropertyName("meetingBooked")] public int? MeetingBooked { get; set; }
    [JsonPropertyName("steps")] public List<LemlistStepDto>? Steps { get; set; }

    /// <summary>The documented counts, by name, for <see cref="AnswerRules"/>.</summary>
    public (string Field, long? Value)[] Counts() => new (string, long?)[]
    {
        (nameof(NbLeads), NbLeads),
        (nameof(NbLeadsLaunched), NbLeadsLaunched),
        (nameof(NbLeadsReached), NbLeadsReached),
        (nameof(NbLeadsOpened), NbLeadsOpened),
        (nameof(NbLeadsInteracted), NbLeadsInteracted),
        (nameof(NbLeadsAnswered), NbLeadsAnswered),
        (nameof(NbLeadsInterested), NbLeadsInterested),
        (nameof(NbLeadsNotInterested), NbLeadsNotInterested),
        (nameof(NbLeadsUnsubscribed), NbLeadsUnsubscribed),
        (nameof(NbLeadsInterrupted), NbLeadsInterrupted),
        (nameof(MessagesSent), MessagesSent),
        (nameof(MessagesNotSent), MessagesNotSent),
        (nameof(MessagesBounced), MessagesBounced),
        (nameof(Delivered), Delivered),
        (nameof(Opened), Opened),
        (nameof(Clicked), Clicked),
        (nameof(Replied), Replied),
        (nameof(InvitationAccepted), InvitationAccepted),
        (nameof(MeetingBooked), MeetingBooked),
    };
}

internal sealed class LemlistStepDto
{
    [JsonPropertyName("index")] public int? Index { get; set; }
    [JsonPropertyName("sequenceId")] public string? SequenceId { get; set; }
    [JsonPropertyName("sequenceStep")] public int? SequenceStep { get; set; }
    [JsonPropertyName("abTest")] public string? AbTest { get; set; }
    [JsonPropertyName("taskType")] public string? TaskType { get; set; }
    [JsonPropertyName("conditionLabel")] public string? ConditionLabel { get; set; }
    [JsonPropertyName("invited")] public int? Invited { get; set; }
    [JsonPropertyName("sent")] public int? Sent { get; set; }
    [JsonPropertyName("delivered")] public int? Delivered { get; set; }
    [JsonPropertyName("opened")] public int? Opened { get; set; }
    [JsonPropertyName("clicked")] public int? Clicked { get; set; }
    [JsonPropertyName("replied")] public int? Replied { get; set; }
    [JsonPropertyName("notDelivered")] public int? NotDelivered { get; set; }
    [JsonPropertyName("bounced")] public int? Bounced { get; set; }
    [JsonPropertyName("unsubscribed")] public int? Unsubscribed { get; set; }

    /// <summary>The documented counts, by name, for <see cref="AnswerRules"/>.</summary>
    public (string Field, long? Value)[] Counts() => new (string, long?)[]
    {
        (nameof(Invited), Invited),
        (nameof(Sent), Sent),
        (nameof(Delivered), Delivered),
        (nameof(Opened), Opened),
        (nameof(Clicked), Clicked),
        (nameof(Replied), Replied),
        (nameof(NotDelivered), NotDelivered),
        (nameof(Bounced), Bounced),
        (nameof(Unsubscribed), Unsubscribed),
    };
}

internal sealed class LemlistBatchRequestDto
{
    [JsonPropertyName("campaignIds")] public List<string> CampaignIds { get; set; } = new();
    [JsonPropertyName("startDate")] public string StartDate { get; set; } = string.Empty;
    [JsonPropertyName("endDate")] public string EndDate { get; set; } = string.Empty;
    [JsonPropertyName("sendUser")] public string? SendUser { get; set; }
    [JsonPropertyName("ABSelected")] public string? ABSelected { get; set; }
    [JsonPropertyName("channels")] public string[]? Channels { get; set; }
}

internal sealed class LemlistBatchResponseDto
{
    [JsonPropertyName("results")] public List<LemlistStatsDto?>? Results { get; set; }
    [JsonPropertyName("errors")] public List<LemlistBatchErrorDto?>? Errors { get; set; }
}

internal sealed class LemlistBatchErrorDto
{
    [JsonPropertyName("campaignId")] public string? CampaignId { get; set; }
    [JsonPropertyName("error")] public string? Error { get; set; }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(LemlistStatsDto))]
[JsonSerializable(typeof(LemlistBatchRequestDto))]
[JsonSerializable(typeof(LemlistBatchResponseDto))]
[JsonSerializable(typeof(string[]))]
internal sealed partial class LemlistJsonContext : JsonSerializerContext
{
}
