using System.Management.Automation;
using OutreachStats.PowerShell.Tests.Infrastructure;
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
        Server.Aggregate = true;
        // Two steps of int.MaxValue sends each: the campaign's total overflows while -Summary adds them up.
        Server.Override("7", 200, """
            {"ok":true,"data":[
              {"campaign_id":7,"sequence_number":1,"sent":2147483647,"opened":0,"clicked":0,"replied":0,"unsubscribed":0,"bounced":0},
              {"campaign_id":7,"sequence_number":2,"sent":2147483647,"opened":0,"clicked":0,"replied":0,"unsubscribed":0,"bounced":0}
            ],"offset":0,"limit":100}
            """, "application/json");

        var result = Run("6, 7, 8 | Get-SmartleadCampaignStatistics -Summary");

        Assert.Null(result.Terminating);
        Assert.Equal(new object?[] { 6L, 6L, 6L, 8L, 8L, 8L }, result.Values("CampaignId"));
        var error = Assert.Single(result.Errors);
        Assert.Equal("SmartleadInternalError", ErrorId(error));
        Assert.Equal(7L, error.TargetObject);
        Assert.Contains("campaign '7'", error.Exception.Message);
        Assert.Contains("OverflowException", error.Exception.Message);
        Assert.DoesNotContain(Key, error.Exception.Message);
    }
}
