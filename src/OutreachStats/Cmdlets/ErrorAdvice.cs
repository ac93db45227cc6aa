using System.Management.Automation;
using OutreachStats.Http;

namespace OutreachStats.Cmdlets;

/// <summary>
/// What to do about a provider failure, in the cmdlets' words: the engine names the remedy
/// (<see cref="Remedy"/>), this says it with the commands and parameters that apply. The advice
/// follows the message in the ErrorRecord (what PowerShell shows) and is its RecommendedAction.
/// </summary>
internal static class ErrorAdvice
{
    public static void Attach(ErrorRecord record, OutreachApiException failure)
    {
        if (For(failure) is not { } advice) return;
        record.ErrorDetails = new ErrorDetails(failure.Message + " " + advice) { RecommendedAction = advice };
    }

    internal static string? For(OutreachApiException failure) => failure.Remedy switch
    {
        Remedy.CheckKeyAndReconnect => $"Check the key, then run Connect-OutreachProvider -Provider {failure.Provider} again.",
        Remedy.Reconnect => $"Run Connect-OutreachProvider -Provider {failure.Provider} again, then the command.",
        Remedy.CheckServerUrl => "Check -BaseUri of Connect-OutreachProvider.",
        Remedy.CheckProxy => "A proxy in front of -BaseUri may be rewriting requests.",
        Remedy.CheckProxyOrRetryLater => "A proxy or a wrong -BaseUri can cause this; otherwise try again later.",
        Remedy.CheckNetwork => "Check the network, a proxy, or the -BaseUri given to Connect-OutreachProvider.",
        Remedy.RetryLaterOrWaitLonger => "Run the command again after that time, or raise -MaximumRetryAfterSeconds of Connect-OutreachProvider.",
        Remedy.RetryLaterOrLowerRateLimit => "Another program may be using the same key: run the command again later, lower -RateLimit of Connect-OutreachProvider, or spread the work over time.",
        Remedy.RetryLaterOrLongerCallTimeout => "Try again later, or raise -CallTimeoutSeconds of Connect-OutreachProvider.",
        Remedy.RetryLaterOrLongerAttemptTimeout => "Try again later, check the network path to the provider, or raise -AttemptTimeoutSeconds of Connect-OutreachProvider.",
        Remedy.RetryLaterOrAskAlone => "Try again later, or ask for it alone with Get-LemlistCampaignStats.",
        _ => null,
    };
}
