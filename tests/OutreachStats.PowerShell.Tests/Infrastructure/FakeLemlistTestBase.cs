using System.Management.Automation;
using Xunit;

namespace OutreachStats.PowerShell.Tests.Infrastructure;

/// <summary>A test against a fake lemlist of its own.</summary>
public abstract class FakeLemlistTestBase : FakeServerTestBase<FakeLemlistServer>
{
    public const string StatsTypeName = "OutreachStats.Model.LemlistCampaignStats";
    public const string StepTypeName = "OutreachStats.Model.LemlistStepStats";

    protected override string Provider => "Lemlist";

    protected override Task<FakeLemlistServer> StartServerAsync(string key) => FakeLemlistServer.StartAsync(key);

    protected static void AssertDocumentedNumbers(PSObject stats)
    {
        Assert.Equal(StatsTypeName, TypeOf(stats));
        Assert.Equal(32, Prop(stats, "NbLeads"));
        Assert.Equal(32, Prop(stats, "NbLeadsLaunched"));
        Assert.Equal(32, Prop(stats, "NbLeadsReached"));
        Assert.Equal(31, Prop(stats, "NbLeadsOpened"));
        Assert.Equal(4, Prop(stats, "NbLeadsInteracted"));
        Assert.Equal(16, Prop(stats, "NbLeadsAnswered"));
        Assert.Equal(1, Prop(stats, "NbLeadsInterested"));
        Assert.Equal(0, Prop(stats, "NbLeadsNotInterested"));
        Assert.Equal(1, Prop(stats, "NbLeadsUnsubscribed"));
        Assert.Equal(1, Prop(stats, "NbLeadsInterrupted"));
        Assert.Equal(72, Prop(stats, "MessagesSent"));
        Assert.Equal(0, Prop(stats, "MessagesNotSent"));
        Assert.Equal(0, Prop(stats, "MessagesBounced"));
        Assert.Equal(72, Prop(stats, "Delivered"));
        Assert.Equal(47, Prop(stats, "Opened"));
        Assert.Equal(4, Prop(stats, "Clicked"));
        Assert.Equal(16, Prop(stats, "Replied"));
        Assert.Equal(0, Prop(stats, "InvitationAccepted"));
        Assert.Equal(0, Prop(stats, "MeetingBooked"));
        Assert.Equal(3, ((System.Collections.ICollection)Prop(stats, "Steps")!).Count);
    }
}
