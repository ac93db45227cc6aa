using System.Management.Automation;
using OutreachStats.PowerShell.Tests.Infrastructure;
using Xunit;

namespace OutreachStats.PowerShell.Tests;

/// <summary>
/// The cmdlets' help as Get-Help shows it from the module folder's en-US/OutreachStats.dll-Help.xml:
/// written (not generated from the syntax), with examples, and covering every declared parameter,
/// so help cannot fall behind the code.
/// </summary>
public sealed class HelpTests
{
    public static TheoryData<string> Cmdlets => new()
    {
        "Connect-OutreachProvider",
        "Disconnect-OutreachProvider",
        "Get-OutreachConnection",
        "Get-LemlistCampaignStats",
        "Get-LemlistBatchStats",
        "Get-SmartleadCampaignStatistics",
        "Get-LeadlexCampaignStats",
        "Get-LeadterraCampaignStats",
    };

    /// <summary>Every cmdlet the manifest exports is in <see cref="Cmdlets"/>, so none goes without a help check.</summary>
    [Fact]
    public void TheHelpChecksCoverEveryExportedCmdlet()
    {
        using var session = PowerShellSession.Start();

        var result = session.Run("(Get-Module OutreachStats).ExportedCmdlets.Keys");

        result.AssertNoErrors();
        var exported = result.Output.Select(o => o.BaseObject.ToString()!).Order(StringComparer.OrdinalIgnoreCase);
        Assert.Equal(exported, ((IEnumerable<object[]>)Cmdlets).Select(row => (string)row[0]).Order(StringComparer.OrdinalIgnoreCase));
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void EveryCmdletHasFullHelpCoveringEveryParameter(string name)
    {
        using var session = PowerShellSession.Start();

        var result = session.Run(
            """
            $help = Get-Help -Name $name -Full
            $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
            [pscustomobject]@{
                Synopsis    = [string]$help.Synopsis
                Description = (@($help.description) | ForEach-Object { $_.Text }) -join "`n"
                Examples    = @(@($help.examples.example) | Where-Object { $_ -and "$($_.code)".Trim() }).Count
                Documented  = @(@($help.parameters.parameter) | Where-Object { $_ } | ForEach-Object {
                                  [pscustomobject]@{ Name = [string]$_.name; Text = (@($_.description) | ForEach-Object { $_.Text }) -join ' ' } })
                Declared    = @((Get-Command -Name $name).Parameters.Keys | Where-Object { $_ -notin $common })
            }
            """,
            new() { ["name"] = name });

        result.AssertNoErrors();
        var help = Assert.Single(result.Output);
        var synopsis = ((string?)help.Properties["Synopsis"].Value ?? string.Empty).Trim();
        Assert.False(synopsis.Length == 0, $"{name}: the help has no synopsis.");
        Assert.False(synopsis.StartsWith(name, StringComparison.OrdinalIgnoreCase) || synopsis.Contains("[-"),
            $"{name}: the synopsis is the generated syntax, so no help was found: {synopsis}");
        Assert.False(string.IsNullOrWhiteSpace((string?)help.Properties["Description"].Value), $"{name}: the help has no description.");
        Assert.True((int)help.Properties["Examples"].Value >= 2, $"{name}: the help has {help.Properties["Examples"].Value} example(s) with code; at least 2 expected.");

        var documented = ((object[])help.Properties["Documented"].Value)
            .Cast<PSObject>()
            .ToDictionary(p => (string)p.Properties["Name"].Value, p => ((string?)p.Properties["Text"].Value ?? string.Empty).Trim(), StringComparer.OrdinalIgnoreCase);
        var declared = ((object[])help.Properties["Declared"].Value).Select(p => p.ToString()!).ToArray();
        Assert.NotEmpty(declared);
        var missing = declared.Where(p => !documented.ContainsKey(p)).ToArray();
        Assert.True(missing.Length == 0, $"{name}: parameters without help: {string.Join(", ", missing)}");
        var empty = declared.Where(p => documented[p].Length == 0).ToArray();
        Assert.True(empty.Length == 0, $"{name}: parameters with an empty description: {string.Join(", ", empty)}");
        var stale = documented.Keys.Where(p => !declared.Contains(p, StringComparer.OrdinalIgnoreCase)).ToArray();
        Assert.True(stale.Length == 0, $"{name}: help documents parameters the cmdlet does not have: {string.Join(", ", stale)}");
    }

    /// <summary>
    /// Get-Help -Online opens the command's section of the project's README: the cmdlet's HelpUri,
    /// under the manifest's ProjectUri, is also the help's first related link ("Online Version:"),
    /// and its anchor is a heading of README.md.
    /// </summary>
    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void GetHelpOnlineOpensTheCommandsSectionOfTheProjectReadme(string name)
    {
        using var session = PowerShellSession.Start();

        var result = session.Run(
            """
            $firstLink = @((Get-Help -Name $name).relatedLinks.navigationLink)[0]
            [pscustomobject]@{
                HelpUri   = (Get-Command -Name $name).HelpUri
                Project   = [string](Get-Module OutreachStats).PrivateData.PSData.ProjectUri
                LinkText  = [string]$firstLink.linkText
                LinkUri   = [string]$firstLink.uri
            }
            """,
            new() { ["name"] = name });

        result.AssertNoErrors();
        var found = Assert.Single(result.Output);
        var helpUri = found.Properties["HelpUri"].Value?.ToString() ?? string.Empty;
        var project = found.Properties["Project"].Value?.ToString() ?? string.Empty;
        Assert.Equal("https://github.com/outreachstats/OutreachStats", project);
        Assert.StartsWith(project + "#", helpUri);
        Assert.Contains(helpUri.Substring(project.Length + 1), ReadmeAnchors());
        Assert.Equal("Online Version:", found.Properties["LinkText"].Value?.ToString());
        Assert.Equal(helpUri, found.Properties["LinkUri"].Value?.ToString());

        // With no program to open a URI (this Linux build machine), PowerShell's error names the
        // URI it tried; where one exists, the test opens no browser.
        if (!OperatingSystem.IsLinux() || IsOnPath("xdg-open")) return;
        var online = session.Run("Get-Help -Name $name -Online", new() { ["name"] = name });
        var error = online.TerminatingError ?? Assert.Single(online.Errors);
        Assert.Contains("URI " + helpUri, error.Exception.Message);
    }

    /// <summary>The anchors GitHub gives README.md's headings: lower case, punctuation dropped, spaces as hyphens.</summary>
    private static HashSet<string> ReadmeAnchors()
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var inCode = false;
        foreach (var line in File.ReadLines(Path.Combine(ModuleLocation.RepoRoot, "README.md")))
        {
            if (line.StartsWith("```", StringComparison.Ordinal)) inCode = !inCode;
            if (inCode || !line.StartsWith('#')) continue;
            var text = line.TrimStart('#').Trim().ToLowerInvariant();
            anchors.Add(new string(text.Where(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_').Select(c => c == ' ' ? '-' : c).ToArray()));
        }
        return anchors;
    }

    private static bool IsOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Any(folder => folder.Length > 0 && File.Exists(Path.Combine(folder, program)));

    [Fact]
    public void TheAboutTopicIsFound()
    {
        using var session = PowerShellSession.Start();

        var result = session.Run("Get-Help -Name about_OutreachStats");

        result.AssertNoErrors();
        var topic = Assert.Single(result.Output);
        Assert.Equal("about_OutreachStats", topic.Properties["Name"]?.Value);
        Assert.Contains("about_OutreachStats", topic.BaseObject.ToString());
    }
}
