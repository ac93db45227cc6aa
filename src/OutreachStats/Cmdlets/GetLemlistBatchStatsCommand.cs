using System.Collections.Generic;
using System.Management.Automation;
using OutreachStats.Model;
using OutreachStats.Providers.Lemlist;

namespace OutreachStats.Cmdlets;

/// <summary>
/// Get-LemlistBatchStats: campaign IDs gathered from the parameter or the pipeline into
/// POST /v2/campaigns/stats/batch requests of at most 100, each sent as soon as it is full.
/// </summary>
[Cmdlet(VerbsCommon.Get, "LemlistBatchStats")]
[OutputType(typeof(LemlistCampaignStats))]
[OutputType(typeof(LemlistStepStats))]
public sealed class GetLemlistBatchStatsCommand : LemlistStatsCommand
{
    private List<string> _batch = new(LemlistClient.MaxBatchSize);

    protected override void ProcessRecord()
    {
        foreach (var id in NewCampaignIds())
        {
            _batch.Add(id);
            if (_batch.Count == LemlistClient.MaxBatchSize) SendBatch();
        }
    }

    protected override void EndProcessing()
    {
        if (_batch.Count > 0) SendBatch();
        CompleteAll();
    }

    private void SendBatch()
    {
        var ids = _batch;
        _batch = new List<string>(LemlistClient.MaxBatchSize);
        var window = Window;
        Start(ids, token => Client.GetBatchStatsAsync(ids, window, Log, token),
            entries =>
            {
                foreach (var entry in entries)
                {
                    if (entry.Stats is not null) WriteCampaign(entry.Stats);
                    else WriteFailure(entry.Error!, entry.CampaignId);
                }
            },
            // A failed request fails each of its campaigns: none goes missing without an error.
            failure =>
            {
                foreach (var id in ids) WriteFailure(failure.ForCampaign(id), id);
            });
    }
}
