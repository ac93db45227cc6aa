using OutreachStats.PowerShell.Tests.Infrastructure;
using OutreachStats.Sandbox;
using Xunit;

namespace OutreachStats.PowerShell.Tests;

/// <summary>
/// A failure nobody foresaw in one campaign's work is that campaign's <c>&lt;Provider&gt;InternalError</c>,
/// never the end of the command: the campaigns before and after it still come out, in order.
/// </summary>
public sealed class UnforeseenFailureTests : SmartleadTestBase
{
    [Fact]
    public void AnAnswerTheSummaryCannotAddUpIsThatCampaignsInternalError()
    {
        Connect();
        var ids = Ids(Provider, 3).Select(long.Parse).ToArray();
        var overflowing = ids[1];
        // Two steps of int.MaxValue sends each: the campaign's total overflows while -Summary adds them up.
        Sandbox.Faults.Add(new FaultRule
        {
            Provider = Provider, Kind = FaultKind.Status, Status = 200, CampaignIds = [overflowing.ToString()], ContentType = "application/json",
            Body = $$"""
                {"ok":true,"data":[
                  {"campaign_id":{{overflowing}},"sequence_number":1,"sent":2147483647,"opened":0,"clicked":0,"replied":0,"unsubscribed":0,"bounced":0},
                  {"campaign_id":{{overflowing}},"sequence_number":2,"sent":2147483647,"opened":0,"clicked":0,"replied":0,"unsubscribed":0,"bounced":0}
                ],"offset":0,"limit":100}
                """,
        });

        var result = Run("$ids | Get-SmartleadCampaignStatistics -Summary", new() { ["ids"] = ids });

        Assert.Null(result.Terminating);
        Assert.Equal(new object?[] { ids[0], ids[2] }, result.Values("CampaignId").Distinct());
        var error = Assert.Single(result.Errors);
        Assert.Equal("SmartleadInternalError", ErrorId(error));
        Assert.Equal(overflowing, error.TargetObject);
        Assert.Contains($"campaign '{overflowing}'", error.Exception.Message);
        Assert.Contains("OverflowException", error.Exception.Message);
    }
}
