using System;
using System.Management.Automation;
using OutreachStats.Connections;
using OutreachStats.Http;

namespace OutreachStats.Cmdlets;

/// <summary>The error records of the provider cmdlets: a client failure's ErrorId and category, and what stands for a failure nobody foresaw.</summary>
internal static class ErrorRecords
{
    /// <summary>The record of <paramref name="failure"/>, with what to do after its message (see <see cref="ErrorAdvice"/>).</summary>
    public static ErrorRecord For(OutreachApiException failure, object target)
    {
        var record = new ErrorRecord(failure, failure.ErrorId, Category(failure.Kind), target);
        ErrorAdvice.Attach(record, failure);
        return record;
    }

    private static ErrorCategory Category(OutreachErrorKind kind) => kind switch
    {
        OutreachErrorKind.BadRequest => ErrorCategory.InvalidArgument,
        OutreachErrorKind.KeyRejected => ErrorCategory.AuthenticationError,
        OutreachErrorKind.AccessDenied => ErrorCategory.PermissionDenied,
        OutreachErrorKind.CampaignNotFound => ErrorCategory.ObjectNotFound,
        OutreachErrorKind.EndpointNotFound => ErrorCategory.ResourceUnavailable,
        OutreachErrorKind.MethodNotAllowed => ErrorCategory.InvalidOperation,
        OutreachErrorKind.RateLimited => ErrorCategory.LimitsExceeded,
        OutreachErrorKind.ServerError => ErrorCategory.ResourceUnavailable,
        OutreachErrorKind.UnexpectedStatus => ErrorCategory.InvalidResult,
        OutreachErrorKind.InvalidResponse => ErrorCategory.InvalidData,
        OutreachErrorKind.ConnectionFailed => ErrorCategory.ConnectionError,
        OutreachErrorKind.Timeout => ErrorCategory.OperationTimeout,
        OutreachErrorKind.CampaignFailed => ErrorCategory.InvalidResult,
        OutreachErrorKind.ConnectionClosed => ErrorCategory.InvalidOperation,
        _ => ErrorCategory.NotSpecified,
    };

    /// <summary>
    /// A failure of one campaign's work that is not a client failure (a defect, an answer nobody
    /// foresaw), as <c>&lt;Provider&gt;InternalError</c>: that campaign's error, never the end of
    /// the command. Its text passes the key's mask; the exception itself is not kept, since its
    /// message and inner exceptions could hold what a server sent.
    /// </summary>
    public static OutreachApiException Unforeseen<TId>(Exception exception, OutreachConnection connection, Campaigns<TId> campaigns)
        where TId : notnull
    {
        var text = connection.Key.Mask.Apply(exception.GetType().Name + ": " + exception.Message);
        return new OutreachApiException(connection.Provider.ToString(), OutreachErrorKind.InternalError,
            $"OutreachStats failed on {campaigns.Described} in a way it does not foresee ({text}). The other campaigns go on; please report this message.",
            campaigns.Count == 1 ? campaigns.First.ToString() : null);
    }

    /// <summary>The window asked for is empty (see <see cref="DateWindow.EmptyWindowProblem"/>): <c>&lt;Provider&gt;InvalidDateRange</c>, before any request.</summary>
    public static ErrorRecord InvalidDateRange(string providerId, string problem, DateTimeOffset givenEnd) =>
        new(new ArgumentException(problem, "EndDate"), providerId + "InvalidDateRange", ErrorCategory.InvalidArgument, givenEnd);

    /// <summary>Whether WriteError ends <paramref name="cmdlet"/>: -ErrorAction Stop, or $ErrorActionPreference 'Stop' without -ErrorAction.</summary>
    public static bool EndTheCommand(PSCmdlet cmdlet)
    {
        var preference = cmdlet.MyInvocation.BoundParameters.TryGetValue("ErrorAction", out var given)
            ? given
            : cmdlet.SessionState.PSVariable.GetValue("ErrorActionPreference");
        return Enum.TryParse<ActionPreference>(preference?.ToString(), ignoreCase: true, out var action) && action == ActionPreference.Stop;
    }
}
