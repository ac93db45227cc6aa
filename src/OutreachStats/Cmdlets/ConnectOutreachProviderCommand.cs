using System;
using System.Management.Automation;
using System.Net;
using System.Security;
using OutreachStats.Connections;
using OutreachStats.Http;
using OutreachStats.Model;

namespace OutreachStats.Cmdlets;

/// <summary>
/// Connect-OutreachProvider: holds a provider's API key for this PowerShell session and makes it
/// the default connection for that provider. No request is sent: the key is checked by the first
/// call that uses it.
/// </summary>
[Cmdlet(VerbsCommunications.Connect, "OutreachProvider", DefaultParameterSetName = ApiKeySet)]
[OutputType(typeof(OutreachConnection))]
public sealed class ConnectOutreachProviderCommand : PSCmdlet
{
    private const string ApiKeySet = "ApiKey";
    private const string CredentialSet = "Credential";

    [Parameter(Mandatory = true, Position = 0)]
    public OutreachProvider Provider { get; set; }

    [Parameter(Mandatory = true, Position = 1, ParameterSetName = ApiKeySet)]
    [ValidateNotNull]
    public SecureString ApiKey { get; set; } = null!;

    [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
    [Credential]
    [ValidateNotNull]
    public PSCredential Credential { get; set; } = null!;

    [Parameter]
    [ValidateNotNull]
    public Uri BaseUri { get; set; } = null!;

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var secret = ParameterSetName == CredentialSet ? Credential.Password : ApiKey;
        if (secret is null || secret.Length == 0)
        {
            ThrowTerminatingError(new ErrorRecord(
                new ArgumentException($"The {Provider} API key is empty. Pass the key as -ApiKey (a SecureString) or as the password of -Credential."),
                "OutreachEmptyApiKey", ErrorCategory.InvalidArgument, Provider));
        }
        var baseUri = BaseUri ?? OutreachConnection.DefaultBaseUri(Provider);
        ValidateBaseUri(baseUri);

        var connection = new OutreachConnection(Provider, baseUri, new ApiKey(secret!), DateTime.Now);
        ConnectionStore.For(OutreachCmdlet.CurrentRunspaceKey()).SetDefault(connection);
        WriteVerbose($"{Provider} connection to {baseUri.AbsoluteUri} with key {connection.KeyHint} is now this session's default for {Provider}.");
        if (PassThru) WriteObject(connection);
    }

    private void ValidateBaseUri(Uri baseUri)
    {
        string? problem = null;
        // What messages and the error record show of the URL: never its user info, query or
        // fragment, where a password or key may have been put by mistake.
        var shown = baseUri.IsAbsoluteUri ? baseUri.Scheme + "://" + baseUri.Authority + baseUri.AbsolutePath : "(a relative URL)";
        if (!baseUri.IsAbsoluteUri)
        {
            problem = $"-BaseUri must be an absolute URL such as {OutreachConnection.DefaultBaseUri(Provider)}.";
        }
        else if (baseUri.Scheme == Uri.UriSchemeHttp && !IsLoopback(baseUri))
        {
            problem = $"-BaseUri '{shown}' uses plain http, which would send the API key unencrypted. Use https; plain http is allowed only to this machine (localhost, 127.0.0.1, ::1).";
        }
        else if (baseUri.Scheme != Uri.UriSchemeHttp && baseUri.Scheme != Uri.UriSchemeHttps)
        {
            problem = $"-BaseUri '{shown}' must be an https URL.";
        }
        else if (!string.IsNullOrEmpty(baseUri.Query) || !string.IsNullOrEmpty(baseUri.Fragment) || !string.IsNullOrEmpty(baseUri.UserInfo))
        {
            problem = $"-BaseUri '{shown}' must not carry a query, a fragment or credentials: give the server URL only.";
        }
        if (problem is not null)
        {
            ThrowTerminatingError(new ErrorRecord(new ArgumentException(problem, nameof(BaseUri)), "OutreachInvalidBaseUri", ErrorCategory.InvalidArgument, shown));
        }
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback
        || string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(uri.DnsSafeHost, out var address) && IPAddress.IsLoopback(address));
}
