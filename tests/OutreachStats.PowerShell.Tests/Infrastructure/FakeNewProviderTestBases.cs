namespace OutreachStats.PowerShell.Tests.Infrastructure;

/// <summary>A test against a fake Smartlead of its own.</summary>
public abstract class FakeSmartleadTestBase : FakeServerTestBase<FakeSmartleadServer>
{
    public const string SendTypeName = "OutreachStats.Model.SmartleadSendStats";
    public const string SequenceTypeName = "OutreachStats.Model.SmartleadSequenceStats";
    public const string SummaryTypeName = "OutreachStats.Model.SmartleadStatisticsSummary";

    protected override string Provider => "Smartlead";

    protected override Task<FakeSmartleadServer> StartServerAsync(string key) => FakeSmartleadServer.StartAsync(key);
}

/// <summary>A test against a fake Leadlex of its own.</summary>
public abstract class FakeLeadlexTestBase : FakeServerTestBase<FakeBearerServer>
{
    public const string StatsTypeName = "OutreachStats.Model.LeadlexCampaignStats";

    protected override string Provider => "Leadlex";

    protected override Uri ServerRoot => Server.ApiRoot;

    protected override Task<FakeBearerServer> StartServerAsync(string key) => FakeBearerServer.StartLeadlexAsync(key);
}

/// <summary>A test against a fake Leadterra of its own.</summary>
public abstract class FakeLeadterraTestBase : FakeServerTestBase<FakeBearerServer>
{
    public const string StatsTypeName = "OutreachStats.Model.LeadterraCampaignStats";

    protected override string Provider => "Leadterra";

    protected override Task<FakeBearerServer> StartServerAsync(string key) => FakeBearerServer.StartLeadterraAsync(key);
}
