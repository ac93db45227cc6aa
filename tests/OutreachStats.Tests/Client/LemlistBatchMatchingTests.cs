using OutreachStats.Http;
using Xunit;

namespace OutreachStats.Tests.Client;

/// <summary>How a batch answer's results and errors are matched back to the campaigns asked for.</summary>
public sealed class LemlistBatchMatchingTests
{
    [Fact]
    public async Task ResultsComeBackInRequestOrderWhateverTheResponseOrder()
    {
        using var h = new LemlistHarness();
        // Each campaign gets a different nbLeads so a mix-up between campaigns shows.
        h.Server.Script(Replies.Json(ApiExamples.Batch(
            new[] { ("cam_c", 3), ("cam_a", 1), ("cam_b", 2) },
            Array.Empty<(string, string)>())));

        var entries = await h.GetBatchAsync(new[] { "cam_a", "cam_b", "cam_c" });

        Assert.Equal(new[] { "cam_a", "cam_b", "cam_c" }, entries.Select(e => e.CampaignId));
        Assert.Equal(new[] { 1, 2, 3 }, entries.Select(e => e.Stats!.NbLeads));
        Assert.Equal(new[] { "cam_a", "cam_b", "cam_c" }, entries.Select(e => e.Stats!.CampaignId));
        Assert.All(entries, e => Assert.Null(e.Error));
    }

    [Fact]
    public async Task ANotFoundErrorEntryBecomesCampaignNotFoundForThatCampaign()
    {
        using var h = new LemlistHarness();
        h.Server.Script(Replies.Json(ApiExamples.Batch(new[] { ("cam_ok", 7) }, new[] { ("cam_gone", "Campaign not found") })));

        var entries = await h.GetBatchAsync(new[] { "cam_gone", "cam_ok" });

        var gone = entries[0];
        Assert.Equal("cam_gone", gone.CampaignId);
        Assert.Null(gone.Stats);
        Assert.NotNull(gone.Error);
        Assert.Equal(OutreachErrorKind.CampaignNotFound, gone.Error!.Kind);
        Assert.Equal("LemlistCampaignNotFound", gone.Error.ErrorId);
        Assert.Equal("cam_gone", gone.Error.CampaignId);
        Assert.Contains("Campaign not found", gone.Error.Message);
        Assert.Equal(7, entries[1].Stats!.NbLeads);
    }

    [Fact]
    public async Task AnyOtherPermanentErrorEntryBecomesCampaignFailedWithTheProvidersReason()
    {
        using var h = new LemlistHarness();
        h.Server.Script(Replies.Json(ApiExamples.Batch(Array.Empty<(string, int)>(), new[] { ("cam_x", "Campaign is archived") })));

        var entry = Assert.Single(await h.GetBatchAsync(new[] { "cam_x" }));

        Assert.Null(entry.Stats);
        Assert.Equal(OutreachErrorKind.CampaignFailed, entry.Error!.Kind);
        Assert.Equal("LemlistCampaignFailed", entry.Error.ErrorId);
        Assert.Equal("cam_x", entry.Error.CampaignId);
        Assert.Contains("Campaign is archived", entry.Error.Message);
        Assert.False(entry.Error.IsKeyRejected);
    }

    [Fact]
    public async Task ACampaignMissingFromBothArraysBecomesAnInvalidResponseEntryOnceNoRoundIsLeft()
    {
        // No re-send rounds: this is about one answer (LemlistBatchRetryTests covers the rounds).
        using var h = new LemlistHarness(o => o.MaxRetries = 0);
        h.Server.Script(Replies.Json(ApiExamples.Batch(new[] { ("cam_a", 1) }, Array.Empty<(string, string)>())));

        var entries = await h.GetBatchAsync(new[] { "cam_a", "cam_lost" });

        Assert.Equal(2, entries.Count);
        var lost = entries[1];
        Assert.Equal("cam_lost", lost.CampaignId);
        Assert.Null(lost.Stats);
        Assert.Equal(OutreachErrorKind.InvalidResponse, lost.Error!.Kind);
        Assert.Equal("LemlistInvalidResponse", lost.Error.ErrorId);
        Assert.Equal("cam_lost", lost.Error.CampaignId);
    }

    [Fact]
    public async Task ResultsForCampaignsNotAskedForAreIgnored()
    {
        using var h = new LemlistHarness();
        h.Server.Script(Replies.Json(ApiExamples.Batch(
            new[] { ("cam_extra", 9), ("cam_a", 1) },
            new[] { ("cam_other", "Campaign not found") })));

        var entries = await h.GetBatchAsync(new[] { "cam_a" });

        var entry = Assert.Single(entries);
        Assert.Equal("cam_a", entry.CampaignId);
        Assert.Equal(1, entry.Stats!.NbLeads);
    }

    [Fact]
    public async Task AMixedAnswerKeepsEveryCampaignInItsPlace()
    {
        // No re-send rounds: this is about one answer (LemlistBatchRetryTests covers the rounds).
        using var h = new LemlistHarness(o => o.MaxRetries = 0);
        h.Server.Script(Replies.Json(ApiExamples.Batch(
            new[] { ("cam_e", 5), ("cam_a", 1) },
            new[] { ("cam_d", "Internal error"), ("cam_b", "campaign NOT FOUND") })));

        var entries = await h.GetBatchAsync(new[] { "cam_a", "cam_b", "cam_c", "cam_d", "cam_e" });

        Assert.Equal(new[] { "cam_a", "cam_b", "cam_c", "cam_d", "cam_e" }, entries.Select(e => e.CampaignId));
        Assert.Equal(new OutreachErrorKind?[] { null, OutreachErrorKind.CampaignNotFound, OutreachErrorKind.InvalidResponse, OutreachErrorKind.CampaignFailed, null },
            entries.Select(e => e.Error?.Kind));
        Assert.Equal(new int?[] { 1, null, null, null, 5 }, entries.Select(e => e.Stats?.NbLeads));
        Assert.All(entries.Where(e => e.Error is not null), e => Assert.Equal(e.CampaignId, e.Error!.CampaignId));
    }

    [Fact]
    public async Task ABatchAnswerWithoutArraysGivesEveryCampaignAnInvalidResponseEntryOnceNoRoundIsLeft()
    {
        // No re-send rounds: this is about one answer (LemlistBatchRetryTests covers the rounds).
        using var h = new LemlistHarness(o => o.MaxRetries = 0);
        h.Server.Script(Replies.Json("{}"));

        var entries = await h.GetBatchAsync(new[] { "cam_a", "cam_b" });

        Assert.All(entries, e => Assert.Equal(OutreachErrorKind.InvalidResponse, e.Error!.Kind));
    }
}
