using System.Management.Automation;
using OutreachStats.PowerShell.Tests.Infrastructure;
using OutreachStats.Sandbox;
using Xunit;

namespace OutreachStats.PowerShell.Tests;

/// <summary>
/// Bad input of every provider cmdlet is refused before any request, by an error naming the
/// parameter; a bad item among good ones from the pipeline is an error of its own and the good
/// ones still come out. The sandbox's log keeps every request, whatever its path, so "no
/// request" also means no request reached another path.
/// </summary>
internal static class BadInput
{
    /// <summary>
    /// Text campaign IDs (lemlist, Leadlex, Leadterra) that must never reach a server: empty,
    /// blank, padded, or able to leave their path segment. Each is passed as a variable, so
    /// PowerShell's quoting plays no part.
    /// </summary>
    private static readonly string?[] TextIds =
    {
        null, "", "   ", "\t", " cam_1", "cam/1", "cam?x=1", "cam#1", "..", ".", "cam..1", "cam\\1", "cam%2F1", "cam\n1",
    };

    /// <summary><see cref="TextIds"/>, but for those another test class already refuses for the same cmdlet.</summary>
    public static TheoryData<string?> TextIdsExcept(params string?[] testedElsewhere)
    {
        var data = new TheoryData<string?>();
        foreach (var id in TextIds.Except(testedElsewhere)) data.Add(id);
        return data;
    }

    /// <summary>The command stopped at parameter binding, naming <paramref name="parameter"/>, with nothing sent.</summary>
    public static ParameterBindingException AssertRefusedBeforeAnyRequest(PsResult result, IReadOnlyList<SandboxRequest> requests, string parameter)
    {
        var error = Assert.IsAssignableFrom<ParameterBindingException>(result.Terminating);
        Assert.Equal(parameter, error.ParameterName);
        Assert.Contains($"'{parameter}'", error.Message);
        Assert.Empty(result.Output);
        Assert.Empty(requests);
        return error;
    }

    /// <summary>
    /// A refused text ID says what to give instead: the module's advice, or for a null in the
    /// array PowerShell's own ("Supply a collection that does not contain any null values").
    /// </summary>
    public static void AssertSaysWhatToGive(ParameterBindingException error) =>
        Assert.Matches("Give each campaign's ID exactly as the provider shows it|Supply a collection that does not contain any null values", error.Message);

    /// <summary>
    /// Each bad pipeline item was one non-terminating binding error naming CampaignId, and the
    /// good campaigns came out, in order, each asked for once.
    /// </summary>
    public static void AssertOnlyTheBadItemsFailed(PsResult result, IReadOnlyList<SandboxRequest> requests, int badItems, IReadOnlyList<object> good, IReadOnlyList<object?> output)
    {
        Assert.Null(result.Terminating);
        Assert.Equal(badItems, result.Errors.Count);
        Assert.All(result.Errors, e =>
        {
            var binding = Assert.IsAssignableFrom<ParameterBindingException>(e.Exception);
            Assert.Equal("CampaignId", binding.ParameterName);
        });
        Assert.Equal(good, output);
        Assert.Equal(good.Select(id => id.ToString()).Order(), requests.SelectMany(r => r.CampaignIds).Order());
    }

    /// <summary>The window's end is before its start: one terminating error naming both dates, before any request.</summary>
    public static void AssertEndBeforeStartRefused(PsResult result, IReadOnlyList<SandboxRequest> requests, string errorId)
    {
        var error = result.TerminatingError ?? throw new Xunit.Sdk.XunitException("Expected a terminating error; got " + result.Describe());
        Assert.Equal(errorId, error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Equal("EndDate", Assert.IsAssignableFrom<ArgumentException>(error.Exception).ParamName);
        Assert.Contains("-EndDate", error.Exception.Message);
        Assert.Contains("-StartDate", error.Exception.Message);
        Assert.Contains("Give an end after the start", error.Exception.Message);
        Assert.Empty(result.Output);
        Assert.Empty(requests);
    }
}

public sealed class LemlistBadInputTests : LemlistTestBase
{
    // PipelineInputTests already refuses '', a '/' and a '?' given to Get-LemlistCampaignStats.
    public static TheoryData<string?> SingleBadIds => BadInput.TextIdsExcept("", "cam/1", "cam?x=1");

    public static TheoryData<string?> BatchBadIds => BadInput.TextIdsExcept();

    [Theory]
    [MemberData(nameof(SingleBadIds))]
    public void GetLemlistCampaignStatsRefusesABadIdBeforeAnyRequest(string? id)
    {
        Connect();

        var result = Run("Get-LemlistCampaignStats -CampaignId cam_1, $id", new() { ["id"] = id });

        BadInput.AssertSaysWhatToGive(BadInput.AssertRefusedBeforeAnyRequest(result, AllRequests(), "CampaignId"));
    }

    [Theory]
    [MemberData(nameof(BatchBadIds))]
    public void GetLemlistBatchStatsRefusesABadIdBeforeAnyRequest(string? id)
    {
        Connect();

        var result = Run("Get-LemlistBatchStats -CampaignId cam_1, $id", new() { ["id"] = id });

        BadInput.AssertSaysWhatToGive(BadInput.AssertRefusedBeforeAnyRequest(result, AllRequests(), "CampaignId"));
    }

    [Theory]
    [InlineData("Get-LemlistCampaignStats")]
    [InlineData("Get-LemlistBatchStats")]
    public void ANullIdAloneIsRefusedBeforeAnyRequest(string command)
    {
        Connect();

        var result = Run($"{command} -CampaignId $null");

        BadInput.AssertRefusedBeforeAnyRequest(result, AllRequests(), "CampaignId");
    }

    [Theory]
    [InlineData("Get-LemlistCampaignStats", "$null")]
    [InlineData("Get-LemlistBatchStats", "$null")]
    [InlineData("Get-LemlistBatchStats", "'cam/../team'")]
    [InlineData("Get-LemlistBatchStats", "'  '")]
    [InlineData("Get-LemlistCampaignStats", "[pscustomobject]@{ CampaignId = 'cam#1' }")]
    [InlineData("Get-LemlistBatchStats", "[pscustomobject]@{ Id = $null }")]
    public void ABadItemAmongGoodOnesFromThePipelineFailsAloneAndTheOthersComeOut(string command, string bad)
    {
        Connect();

        var ids = Ids(2);

        var result = Run($"$ids[0], {bad}, $ids[1] | {command}", new() { ["ids"] = ids });

        BadInput.AssertOnlyTheBadItemsFailed(result, AllRequests(), 1, ids, result.Values("CampaignId"));
    }

    [Theory]
    [InlineData("Get-LemlistBatchStats", "-SendUser bad")]
    [InlineData("Get-LemlistCampaignStats", "-SendUser ''")]
    [InlineData("Get-LemlistBatchStats", "-SendUser ''")]
    [InlineData("Get-LemlistCampaignStats", "-SendUser 'usr_abc | sender@example.com'")]
    [InlineData("Get-LemlistBatchStats", "-SendUser 'usr_abc|sender@example.com|usr_def|other@example.com'")]
    [InlineData("Get-LemlistBatchStats", "-Channel sms")]
    [InlineData("Get-LemlistCampaignStats", "-Channel email, ''")]
    [InlineData("Get-LemlistBatchStats", "-ABVersion C")]
    [InlineData("Get-LemlistCampaignStats", "-ABVersion ''")]
    [InlineData("Get-LemlistCampaignStats", "-StartDate 'the first of May'")]
    [InlineData("Get-LemlistBatchStats", "-EndDate 2025-02-30")]
    [InlineData("Get-LemlistCampaignStats", "-Connection $null")]
    [InlineData("Get-LemlistBatchStats", "-Connection $null")]
    public void ABadFilterIsRefusedBeforeAnyRequestNamingIt(string command, string parameters)
    {
        Connect();

        var result = Run($"{command} -CampaignId cam_1 {parameters}");

        BadInput.AssertRefusedBeforeAnyRequest(result, AllRequests(), parameters.Split(' ')[0].TrimStart('-'));
    }

    [Theory]
    [InlineData("Get-LemlistCampaignStats")]
    [InlineData("Get-LemlistBatchStats")]
    public void AnEndEarlierTheSameDayIsRefusedBeforeAnyRequest(string command)
    {
        Connect();

        // With a time of day the end is that moment, not the end of the day.
        var result = Run($"{command} -CampaignId cam_1 -StartDate '2025-03-01 10:00' -EndDate '2025-03-01 09:00'");

        BadInput.AssertEndBeforeStartRefused(result, AllRequests(), "LemlistInvalidDateRange");
    }
}

public sealed class SmartleadBadInputTests : SmartleadTestBase
{
    [Theory]
    [InlineData("-CampaignId $null", "CampaignId")]
    [InlineData("-CampaignId 1, $null", "CampaignId")]
    [InlineData("-CampaignId '1/2'", "CampaignId")]
    [InlineData("-CampaignId '../1'", "CampaignId")]
    [InlineData("-CampaignId '1?x=1'", "CampaignId")]
    [InlineData("-CampaignId '1#'", "CampaignId")]
    [InlineData("-CampaignId '..'", "CampaignId")]
    [InlineData("-CampaignId '1 2'", "CampaignId")]
    [InlineData("-CampaignId '+1'", "CampaignId")]
    [InlineData("-CampaignId 9223372036854775808", "CampaignId")]
    [InlineData("-CampaignId '9223372036854775808'", "CampaignId")]
    [InlineData("-CampaignId 1 -SequenceNumber -1", "SequenceNumber")]
    [InlineData("-CampaignId 1 -SequenceNumber step1", "SequenceNumber")]
    [InlineData("-CampaignId 1 -EmailStatus ''", "EmailStatus")]
    [InlineData("-CampaignId 1 -EmailStatus 'opened,replied'", "EmailStatus")]
    [InlineData("-CampaignId 1 -PageSize -5", "PageSize")]
    [InlineData("-CampaignId 1 -PageSize 2147483648", "PageSize")]
    [InlineData("-CampaignId 1 -First -1", "First")]
    [InlineData("-CampaignId 1 -Skip -1", "Skip")]
    [InlineData("-CampaignId 1 -StartDate 'last week'", "StartDate")]
    [InlineData("-CampaignId 1 -Connection $null", "Connection")]
    public void BadInputIsRefusedBeforeAnyRequestNamingTheParameter(string parameters, string parameter)
    {
        Connect();

        var result = Run("Get-SmartleadCampaignStatistics " + parameters);

        BadInput.AssertRefusedBeforeAnyRequest(result, AllRequests(), parameter);
    }

    [Theory]
    [InlineData("$null", 1)]
    [InlineData("'abc'", 1)]
    [InlineData("'1/2'", 1)]
    [InlineData("$null, '', 0, -3, 1.5", 5)]
    [InlineData("[pscustomobject]@{ CampaignId = $null }", 1)]
    public void BadItemsAmongGoodOnesFromThePipelineFailAloneAndTheOthersComeOut(string bad, int badItems)
    {
        Connect();
        var ids = Ids(2);

        // A number and a text ID, one row of each.
        var result = Run($"[long]$ids[0], {bad}, $ids[1] | Get-SmartleadCampaignStatistics -First 1", new() { ["ids"] = ids });

        BadInput.AssertOnlyTheBadItemsFailed(result, AllRequests(), badItems, ids.Select(id => (object)long.Parse(id)).ToArray(), result.Values("CampaignId"));
    }

    [Fact]
    public void AnEndEarlierTheSameDayIsRefusedBeforeAnyRequest()
    {
        Connect();

        var result = Run("Get-SmartleadCampaignStatistics 1 -StartDate '2025-03-01 10:00' -EndDate '2025-03-01 09:00'");

        BadInput.AssertEndBeforeStartRefused(result, AllRequests(), "SmartleadInvalidDateRange");
    }
}

public sealed class LeadlexBadInputTests : LeadlexTestBase
{
    // LeadlexTests already refuses '', '../x' and a '/'.
    public static TheoryData<string?> BadIds => BadInput.TextIdsExcept("", "cam/1");

    [Theory]
    [MemberData(nameof(BadIds))]
    public void ABadIdIsRefusedBeforeAnyRequest(string? id)
    {
        Connect();

        var result = Run("Get-LeadlexCampaignStats -CampaignId cmp_1, $id", new() { ["id"] = id });

        BadInput.AssertSaysWhatToGive(BadInput.AssertRefusedBeforeAnyRequest(result, AllRequests(), "CampaignId"));
    }

    [Theory]
    [InlineData("$null")]
    [InlineData("'cmp_1/../../v1/keys'")]
    [InlineData("[pscustomobject]@{ Id = '' }")]
    public void ABadItemAmongGoodOnesFromThePipelineFailsAloneAndTheOthersComeOut(string bad)
    {
        Connect();

        var ids = Ids(2);

        var result = Run($"$ids[0], {bad}, $ids[1] | Get-LeadlexCampaignStats", new() { ["ids"] = ids });

        BadInput.AssertOnlyTheBadItemsFailed(result, AllRequests(), 1, ids, result.Values("CampaignId"));
    }

    [Fact]
    public void ANullConnectionIsRefusedBeforeAnyRequest()
    {
        Connect();

        var result = Run("Get-LeadlexCampaignStats cmp_1 -Connection $null");

        BadInput.AssertRefusedBeforeAnyRequest(result, AllRequests(), "Connection");
    }
}

public sealed class LeadterraBadInputTests : LeadterraTestBase
{
    public static TheoryData<string?> BadIds => BadInput.TextIdsExcept();

    [Theory]
    [MemberData(nameof(BadIds))]
    public void ABadIdIsRefusedBeforeAnyRequest(string? id)
    {
        Connect();

        var result = Run("Get-LeadterraCampaignStats -CampaignId camp_1, $id", new() { ["id"] = id });

        BadInput.AssertSaysWhatToGive(BadInput.AssertRefusedBeforeAnyRequest(result, AllRequests(), "CampaignId"));
    }

    [Theory]
    [InlineData("$null")]
    [InlineData("'..'")]
    [InlineData("[pscustomobject]@{ CampaignId = 'camp_1?fields=all' }")]
    public void ABadItemAmongGoodOnesFromThePipelineFailsAloneAndTheOthersComeOut(string bad)
    {
        Connect();

        var ids = Ids(2);

        var result = Run($"$ids[0], {bad}, $ids[1] | Get-LeadterraCampaignStats", new() { ["ids"] = ids });

        BadInput.AssertOnlyTheBadItemsFailed(result, AllRequests(), 1, ids, result.Values("CampaignId"));
    }

    [Fact]
    public void ANullConnectionIsRefusedBeforeAnyRequest()
    {
        Connect();

        var result = Run("Get-LeadterraCampaignStats camp_1 -Connection $null");

        BadInput.AssertRefusedBeforeAnyRequest(result, AllRequests(), "Connection");
    }
}
