using OutreachStats.Sandbox.Providers.Lemlist;
using OutreachStats.Sandbox.Providers.Smartlead;

namespace OutreachStats.Sandbox.Hosting;

/// <summary>Lists the campaigns that exist, in the catalog's order: the docs' example IDs first.</summary>
internal sealed class CampaignDirectory
{
    private readonly Data.SandboxData _data;
    private readonly LemlistApi _lemlist;
    private readonly LemlistTeam _team;
    private readonly SmartleadShape _smartleadShape;

    public CampaignDirectory(Data.SandboxData data, LemlistApi lemlist, LemlistTeam team, SmartleadShape smartleadShape)
    {
        _data = data;
        _lemlist = lemlist;
        _team = team;
        _smartleadShape = smartleadShape;
    }

    public int Count(SandboxProvider provider) => _data.Catalog(provider).Ids.Count;

    public IReadOnlyList<SandboxCampaign> List(SandboxProvider provider, int skip, int take)
    {
        var catalog = _data.Catalog(provider);
        var campaigns = new List<SandboxCampaign>();
        for (var index = Math.Max(0, skip); index < catalog.Ids.Count && campaigns.Count < take; index++)
        {
            var id = catalog.Ids[index];
            campaigns.Add(provider switch
            {
                SandboxProvider.Lemlist => new SandboxCampaign(id, SendUsers: _lemlist.Find(id)!.Senders.Select(s => _team.Senders[s].SendUser).ToList()),
                SandboxProvider.Smartlead => new SandboxCampaign(id, Shape: SmartleadCampaign.ShapeOf(catalog.KeyAt(index), _smartleadShape)),
                _ => new SandboxCampaign(id),
            });
        }
        return campaigns;
    }
}
