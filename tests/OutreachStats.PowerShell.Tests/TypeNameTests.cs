using OutreachStats.PowerShell.Tests.Infrastructure;
using Xunit;

namespace OutreachStats.PowerShell.Tests;

/// <summary>
/// Scripts name the module's types although they live in the module's own load context: a typed
/// catch, a cast, a static member, -is.
/// </summary>
public sealed class TypeNameTests : IDisposable
{
    private readonly PowerShellSession _session = PowerShellSession.Start();

    [Fact]
    public void ScriptsCanNameTheEnginesTypes()
    {
        var result = _session.Run(
            """
            [OutreachStats.Model.OutreachProvider]::Leadterra.ToString()
            [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext([OutreachStats.Model.LemlistCampaignStats].Assembly).Name
            $connection = Connect-OutreachProvider -Provider Leadlex -ApiKey $key -BaseUri 'http://127.0.0.1:9/' -MaximumRetryCount 0 -PassThru
            $connection -is [OutreachStats.Connections.OutreachConnection]
            try { Get-LeadlexCampaignStats cmp_1 -ErrorAction Stop } catch [OutreachStats.Http.OutreachApiException] { 'typed catch ' + $_.Exception.ErrorId } catch { 'untyped: ' + $_.FullyQualifiedErrorId }
            """,
            new() { ["key"] = SandboxTestBase.Secure("sbx-lx-Kq7Vw2") });

        Assert.Equal("Leadterra", result.Output[0].BaseObject);
        // The types really are outside the default context (else this test would prove nothing).
        Assert.Equal("OutreachStats", result.Output[1].BaseObject);
        Assert.Equal(true, result.Output[2].BaseObject);
        // Nothing listens on the discard port: the connection's failure, caught by its type.
        Assert.Equal("typed catch LeadlexConnectionFailed", result.Output[3].BaseObject);
    }

    public void Dispose() => _session.Dispose();
}
