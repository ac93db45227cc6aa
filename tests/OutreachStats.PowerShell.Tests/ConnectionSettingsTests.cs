using System.Management.Automation;
using OutreachStats.PowerShell.Tests.Infrastructure;
using OutreachStats.Sandbox;
using Xunit;

namespace OutreachStats.PowerShell.Tests;

/// <summary>Connect-OutreachProvider's limits, retries and timeouts: shown on the connection, checked before use, and obeyed.</summary>
public sealed class ConnectionSettingsTests : LemlistTestBase
{
    private const string ConnectScript = "Connect-OutreachProvider -Provider $provider -ApiKey $key -BaseUri $uri -PassThru ";

    [Fact]
    public void TheDocumentedDefaultsAreShownOnTheConnection()
    {
        var lemlist = ConnectWith("", "Lemlist");
        var smartlead = ConnectWith("", "Smartlead");

        Assert.Equal(20, Prop(lemlist, "RateLimit"));
        Assert.Equal(TimeSpan.FromSeconds(2), Prop(lemlist, "RateLimitWindow"));
        Assert.Equal(60, Prop(smartlead, "RateLimit"));
        Assert.Equal(TimeSpan.FromMinutes(1), Prop(smartlead, "RateLimitWindow"));
        Assert.Equal("60 requests per 60 s, 1000 per 3600 s and 10 per 1 s", Prop(smartlead, "RateLimits"));
        Assert.Equal("20 requests per 2 s", Prop(lemlist, "RateLimits"));
        Assert.Equal(TimeSpan.FromMinutes(70), Prop(smartlead, "CallTimeout"));
        Assert.Equal(4, Prop(lemlist, "MaximumRetryCount"));
        Assert.Equal(TimeSpan.FromSeconds(1), Prop(lemlist, "RetryBaseDelay"));
        Assert.Equal(TimeSpan.FromMinutes(2), Prop(lemlist, "MaximumRetryAfter"));
        Assert.Equal(TimeSpan.FromSeconds(100), Prop(lemlist, "AttemptTimeout"));
        Assert.Equal(TimeSpan.FromMinutes(10), Prop(lemlist, "CallTimeout"));
    }

    [Fact]
    public void EverySettingGivenIsShownOnTheConnection()
    {
        var connection = ConnectWith(
            "-RateLimit 100 -RateLimitWindowSeconds 10 -MaximumRetryCount 7 -RetryBaseDelaySeconds 0.5 -MaximumRetryAfterSeconds 30 -TimeoutSec 15 -CallTimeoutSeconds 90",
            "Leadterra");

        Assert.Equal(100, Prop(connection, "RateLimit"));
        Assert.Equal(TimeSpan.FromSeconds(10), Prop(connection, "RateLimitWindow"));
        Assert.Equal(7, Prop(connection, "MaximumRetryCount"));
        Assert.Equal(TimeSpan.FromSeconds(0.5), Prop(connection, "RetryBaseDelay"));
        Assert.Equal(TimeSpan.FromSeconds(30), Prop(connection, "MaximumRetryAfter"));
        Assert.Equal(TimeSpan.FromSeconds(15), Prop(connection, "AttemptTimeout"));
        Assert.Equal(TimeSpan.FromSeconds(90), Prop(connection, "CallTimeout"));
    }

    // -RateLimit sets Smartlead's per-minute limit; its hourly and per-second limits scale with it.
    [Theory]
    [InlineData("-RateLimit 120", "120 requests per 60 s, 2000 per 3600 s and 20 per 1 s")]
    [InlineData("-RateLimit 30", "30 requests per 60 s, 500 per 3600 s and 5 per 1 s")]
    public void SmartleadsFurtherLimitsScaleWithTheRateLimit(string settings, string limits)
    {
        var connection = ConnectWith(settings, "Smartlead");

        Assert.Equal(limits, Prop(connection, "RateLimits"));
    }

    [Theory]
    [InlineData("-RateLimit 10")]
    [InlineData("-RateLimit 10 -RateLimitWindowSeconds 1")]
    [InlineData("-RateLimit 20 -RateLimitWindowSeconds 5")]
    public void LemlistsLimitCanBeLowered(string settings)
    {
        var connection = ConnectWith(settings, "Lemlist");

        Assert.NotNull(connection);
    }

    [Theory]
    [InlineData("-RateLimit 21")]
    [InlineData("-RateLimitWindowSeconds 1")]
    [InlineData("-RateLimit 7 -RateLimitWindowSeconds 0.5")]
    public void ASettingThatCouldPassLemlistsLimitIsRefused(string settings)
    {
        var result = Run(ConnectScript + settings, Variables("Lemlist"));

        var error = Assert.IsType<ErrorRecord>(result.TerminatingError);
        Assert.Equal("OutreachRateLimitAboveLemlistLimit", ErrorId(error));
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("20 requests per 2 s", error.Exception.Message);
        Assert.Contains("can only lower", error.Exception.Message);
        Assert.Empty(Run("Get-OutreachConnection -Provider Lemlist").Output);
    }

    [Theory]
    [InlineData("-RateLimit 0", "RateLimit")]
    [InlineData("-MaximumRetryCount 11", "MaximumRetryCount")]
    [InlineData("-MaximumRetryCount -1", "MaximumRetryCount")]
    [InlineData("-AttemptTimeoutSeconds 0", "AttemptTimeoutSeconds")]
    [InlineData("-CallTimeoutSeconds 0.5", "CallTimeoutSeconds")]
    [InlineData("-RetryBaseDelaySeconds -1", "RetryBaseDelaySeconds")]
    [InlineData("-MaximumRetryAfterSeconds -5", "MaximumRetryAfterSeconds")]
    [InlineData("-AttemptTimeoutSeconds 60 -CallTimeoutSeconds 30", "CallTimeoutSeconds")]
    public void AnOutOfRangeSettingIsRefusedNamingTheParameter(string settings, string parameter)
    {
        var result = Run(ConnectScript + settings, Variables("Smartlead"));

        var error = Assert.IsType<ErrorRecord>(result.TerminatingError);
        Assert.Contains(parameter, error.Exception.Message);
        Assert.Empty(Run("Get-OutreachConnection -Provider Smartlead").Output);
    }

    [Fact]
    public void MaximumRetryCountIsObeyed()
    {
        ConnectWith("-MaximumRetryCount 1 -RetryBaseDelaySeconds 0.01", "Lemlist");
        var id = Ids(1)[0];
        Sandbox.Faults.Add(new FaultRule { Provider = Provider, Kind = FaultKind.Status, Status = 503, Body = "Service Unavailable" });

        var result = Run("Get-LemlistCampaignStats $id", new() { ["id"] = id });

        var error = Assert.Single(result.Errors);
        Assert.Equal("LemlistServerError", ErrorId(error));
        Assert.Contains("2 attempts", error.Exception.Message);
        Assert.Equal(2, Requests().Count);
    }

    [Fact]
    public void AttemptTimeoutIsObeyedAndNamedInTheError()
    {
        ConnectWith("-MaximumRetryCount 0 -AttemptTimeoutSeconds 0.5", "Lemlist");
        var id = Ids(1)[0];
        Sandbox.Faults.Add(Stopping.AnswersAMinuteLate(Provider));

        var result = Run("Get-LemlistCampaignStats $id", new() { ["id"] = id });

        var error = Assert.Single(result.Errors);
        Assert.Equal("LemlistTimeout", ErrorId(error));
        Assert.Equal(ErrorCategory.OperationTimeout, error.CategoryInfo.Category);
        Assert.Equal(id, error.TargetObject);
        // What PowerShell shows, wherever the module puts its advice (the exception's message or ErrorDetails).
        Assert.Contains("-AttemptTimeoutSeconds", error.ToString());
    }

    [Fact]
    public void ARetryAfterBeyondTheCapIsAnErrorCarryingTheTimeToRetry()
    {
        ConnectWith("-MaximumRetryAfterSeconds 5", "Lemlist");
        Sandbox.Faults.Add(new FaultRule { Provider = Provider, Kind = FaultKind.RateLimited, RetryAfterSeconds = 600, Count = 1 });

        var result = Run("Get-LemlistCampaignStats $id", new() { ["id"] = Ids(1)[0] });

        var error = Assert.Single(result.Errors);
        Assert.Equal("LemlistRateLimited", ErrorId(error));
        Assert.Equal(ErrorCategory.LimitsExceeded, error.CategoryInfo.Category);
        Assert.Contains("600 s", error.Exception.Message);
        Assert.Contains("UTC", error.Exception.Message);
        Assert.Contains("-MaximumRetryAfterSeconds", error.ToString());
        Assert.Equal(TimeSpan.FromSeconds(600), PSObject.AsPSObject(error.Exception).Properties["RetryAfter"].Value);
        Assert.Single(Requests());
    }

    [Fact]
    public void VerboseSaysWhatEveryWaitIsForAndHowLong()
    {
        // Short waits of each kind: the rate budget's (1 request per 0.2 s) and one retry's backoff.
        ConnectWith("-RateLimit 1 -RateLimitWindowSeconds 0.2 -RetryBaseDelaySeconds 0.1 -MaximumRetryCount 1", "Lemlist");
        var ids = Ids(3);
        Sandbox.Faults.Add(new FaultRule { Provider = Provider, Kind = FaultKind.Status, Status = 503, Body = "Service Unavailable", CampaignIds = [ids[1]] });

        var result = Run("$ids[0], $ids[2] | Get-LemlistCampaignStats; Get-LemlistCampaignStats $ids[1] -ErrorAction SilentlyContinue", new() { ["ids"] = ids }, verbose: true);

        Assert.Equal(new object?[] { ids[0], ids[2] }, result.Values("CampaignId"));
        Assert.Contains(result.Verbose, v => v.Message.StartsWith($"Campaign '{ids[2]}': Waited ", StringComparison.Ordinal)
            && v.Message.Contains(" s to stay within lemlist's rate limit (1 requests per 0.2 s)."));
        Assert.Contains(result.Verbose, v => v.Message.StartsWith($"Campaign '{ids[1]}': lemlist answered 503 ServiceUnavailable; waiting ", StringComparison.Ordinal)
            && v.Message.Contains(" s before attempt 2 of 2."));
    }

    [Fact]
    public void VerboseSaysWhichLimitsTheConnectionUses()
    {
        var result = Run(ConnectScript + "-RateLimit 5", Variables("Lemlist"), verbose: true);

        Assert.Contains(result.Verbose, v => v.Message.Contains("at most 5 requests per 2 s"));
    }

    // A strict -RateLimit belongs to its connection: once it is closed, a new connection of the
    // same key runs at its own limit at once (it only inherits the requests still counted).
    [Fact]
    public void AStrictRateLimitEndsWithItsConnection()
    {
        ConnectWith("-RateLimit 1 -RateLimitWindowSeconds 0.5", "Lemlist");
        var ids = Ids(4);
        var strict = Run("Get-LemlistCampaignStats $ids[0], $ids[1]", new() { ["ids"] = ids }, verbose: true);
        Run("Disconnect-OutreachProvider -Provider Lemlist").AssertNoErrors();
        ConnectWith("", "Lemlist");

        var after = Run("Get-LemlistCampaignStats $ids", new() { ["ids"] = ids }, verbose: true);

        strict.AssertNoErrors();
        Assert.Contains(strict.Verbose, v => v.Message.Contains("to stay within lemlist's rate limit (1 requests per 0.5 s)"));
        after.AssertNoErrors();
        Assert.Equal(4, after.Output.Count);
        Assert.DoesNotContain(after.Verbose, v => v.Message.Contains("to stay within"));
    }

    private PSObject ConnectWith(string settings, string provider)
    {
        var result = Run(ConnectScript + settings, Variables(provider));
        result.AssertNoErrors();
        return Assert.Single(result.Output);
    }

    private Dictionary<string, object?> Variables(string provider) => new()
    {
        ["provider"] = provider,
        ["key"] = Secure(Key),
        ["uri"] = BaseUri,
    };
}
