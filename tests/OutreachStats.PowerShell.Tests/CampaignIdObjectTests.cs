using System.Management.Automation;
using OutreachStats.PowerShell.Tests.Infrastructure;
using OutreachStats.Sandbox;
using Xunit;

namespace OutreachStats.PowerShell.Tests;

/// <summary>
/// An object with neither a CampaignId nor an Id property (lemlist's own campaign list, a
/// semicolon CSV read as one column, a hashtable) is refused before any request with the
/// module's own error, one per object, while strings, values and objects with CampaignId or Id
/// still bind, by value and by property name, and are fetched.
/// </summary>
public sealed class CampaignIdObjectTests : SandboxTestBase
{
    protected override SandboxOptions Options => new() { Seed = 7, CampaignsPerProvider = 40 };

    public static TheoryData<string, SandboxProvider> Cmdlets => new()
    {
        { "Get-LemlistCampaignStats", SandboxProvider.Lemlist },
        { "Get-LemlistBatchStats", SandboxProvider.Lemlist },
        { "Get-SmartleadCampaignStatistics -First 1", SandboxProvider.Smartlead },
        { "Get-LeadlexCampaignStats", SandboxProvider.Leadlex },
        { "Get-LeadterraCampaignStats", SandboxProvider.Leadterra },
    };

    /// <summary>Each error is the module's for an object without a campaign ID, naming what was looked for and what the object had.</summary>
    private static void AssertRefusedObjects(PsResult result, params string[] propertiesHad)
    {
        Assert.Null(result.Terminating);
        Assert.Equal(propertiesHad.Length, result.Errors.Count);
        for (var i = 0; i < propertiesHad.Length; i++)
        {
            var error = result.Errors[i];
            Assert.Equal("OutreachInputWithoutCampaignId", ErrorId(error));
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Equal("CampaignId", Assert.IsAssignableFrom<ArgumentException>(error.Exception).ParamName);
            Assert.Contains("has neither a CampaignId nor an Id property", error.Exception.Message);
            Assert.Contains("its properties are " + propertiesHad[i] + ".", error.Exception.Message);
            Assert.Contains("Nothing was sent for it", error.Exception.Message);
            Assert.NotNull(error.TargetObject);
        }
    }

    private static IEnumerable<string> CampaignIdsOut(PsResult result) => result.Values("CampaignId").Select(id => Convert.ToString(id, System.Globalization.CultureInfo.InvariantCulture)!);

    private IEnumerable<string> CampaignIdsAskedFor(SandboxProvider provider) => Requests(provider).SelectMany(r => r.CampaignIds);

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void AnObjectWithNeitherPropertyFailsAloneBeforeAnyRequestAndTheOthersBindAsBefore(string command, SandboxProvider provider)
    {
        Connect(provider);
        var ids = Ids(provider, 5);

        // A string (by value), a campaign list's entry, CampaignId and Id (by property name), a semicolon CSV row.
        var result = Run(
            $$"""
            $ids[0],
                [pscustomobject]@{ _id = $ids[3]; name = 'Spring' },
                [pscustomobject]@{ CampaignId = $ids[1] },
                ('CampaignId;Name', "$($ids[4]);Spring" | ConvertFrom-Csv),
                [pscustomobject]@{ Id = $ids[2]; Name = 'Autumn' } |
                {{command}}
            """,
            new() { ["ids"] = ids });

        AssertRefusedObjects(result, "_id, name", "CampaignId;Name");
        Assert.Equal(ids[3], ((PSObject)result.Errors[0].TargetObject).Properties["_id"].Value);
        Assert.Equal(ids[..3], CampaignIdsOut(result).Distinct());
        Assert.Equal(ids[..3].Order(), CampaignIdsAskedFor(provider).Order());
        Assert.DoesNotContain(AllRequests(), r => r.Path.Contains("%40%7B") || r.Path.Contains("@{") || r.Path.Contains(ids[3]) || r.Path.Contains(ids[4]));
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void GivenAsTheParameterEachObjectWithNeitherPropertyFailsAloneAndTheIdsAreFetched(string command, SandboxProvider provider)
    {
        Connect(provider);
        var ids = Ids(provider, 3);

        var result = Run(
            $$"""
            $campaigns = $ids[0], [pscustomobject]@{ _id = $ids[2]; name = 'Spring'; status = 'running' }, $ids[1]
            {{command}} -CampaignId $campaigns
            """,
            new() { ["ids"] = ids });

        AssertRefusedObjects(result, "_id, name, status");
        Assert.Equal(ids[..2], CampaignIdsOut(result).Distinct());
        Assert.Equal(ids[..2].Order(), CampaignIdsAskedFor(provider).Order());
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void WhenEveryObjectIsRefusedNothingIsSent(string command, SandboxProvider provider)
    {
        Connect(provider);

        var result = Run($"[pscustomobject]@{{ _id = 'x1' }}, @{{ CampaignId = 'x2' }}, [pscustomobject]@{{}}, [uri]'https://app.lemlist.com/campaigns/x3' | {command}");

        Assert.Equal(4, result.Errors.Count);
        Assert.All(result.Errors, e => Assert.Equal("OutreachInputWithoutCampaignId", ErrorId(e)));
        Assert.Contains("a hashtable's keys are not properties", result.Errors[1].Exception.Message);
        Assert.Contains("it has no properties", result.Errors[2].Exception.Message);
        Assert.Contains("of type System.Uri", result.Errors[3].Exception.Message);
        Assert.Empty(result.Output);
        Assert.Empty(AllRequests());
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void WithErrorActionStopTheRefusalEndsTheCommandBeforeAnyRequest(string command, SandboxProvider provider)
    {
        Connect(provider);

        var result = Run($"[pscustomobject]@{{ _id = $ids[0] }}, $ids[1] | {command} -ErrorAction Stop", new() { ["ids"] = Ids(provider, 2) });

        Assert.Equal("OutreachInputWithoutCampaignId", ErrorId(result.TerminatingError!));
        Assert.Empty(result.Output);
        Assert.Empty(AllRequests());
    }

    [Fact]
    public void AValueWhoseTextIsTheIdStillBindsByValue()
    {
        Connect(SandboxProvider.Leadlex);
        Connect(SandboxProvider.Smartlead);
        var uuid = Ids(SandboxProvider.Leadlex, 40).First(id => Guid.TryParse(id, out _));
        var number = Ids(SandboxProvider.Smartlead, 1)[0];

        var result = Run("[guid]$uuid | Get-LeadlexCampaignStats; [int]$number | Get-SmartleadCampaignStatistics -First 1", new() { ["uuid"] = uuid, ["number"] = number });

        result.AssertNoErrors();
        Assert.Equal(new[] { uuid, number }, CampaignIdsOut(result).Distinct());
    }
}
