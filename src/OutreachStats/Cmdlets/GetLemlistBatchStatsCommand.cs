using System.Collections.Generic;
using System.Management.Automation;
using OutreachStats.Model;
using OutreachStats.Providers.Lemlist;

namespace OutreachStats.Cmdlets;

/// <summary>
/// Get-LemlistBatchStats: campaign IDs gathered from the parameter or the pipeline into
/// POST /v2/campaigns/stats/batch requests of at most 100, each sent as soon as it is full.
/// </summary>
[Cmdlet(VerbsCommon.Get, "LemlistBatchStats", HelpUri = OnlineHelp.ProjectUri + "#get-lemlistbatchstats")]
[OutputType(typeof(LemlistCampaignStats))]
[OutputType(typeof(LemlistStepStats))]
public sealed class GetLemlistBatchStatsCommand : LemlistStatsCommand
{
    private List<string> _batch = new(LemlistClient.MaxBatchSize);

    private protected override int? CampaignsPerRequest => LemlistClient.MaxBatchSize;

    protected override void ProcessRecord()
    {
        foreach (var id in NewCampaignIds(CampaignId))
        {
            _batch.Add(id);
            if (_batch.Count == LemlistClient.MaxBatchSize) SendBatch();
        }
    }

    protected override void EndProcessing()
    {
        if (_batch.Count > 0) SendBatch();
        base.EndProcessing();
    }

    private void SendBatch()
    {
        var ids = _batch;
        _batch = new List<string>(LemlistClient.MaxBatchSize);
        var window = Window;
        Requests.StartBatch(ids, token => Client.GetBatchStatsAsync(ids, window, Log, token), async entries =>
        {
            foreach (var entry in entries)
            {
                await (entry.Stats is not null ? WriteCampaign(entry.Stats) : Requests.Failures.WriteAsync(entry.Error!, entry.CampaignId)).ConfigureAwait(false);
            }
        });
    }
}
