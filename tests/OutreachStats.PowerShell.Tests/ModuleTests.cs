using System.Diagnostics;
using System.Management.Automation;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using OutreachStats.PowerShell.Tests.Infrastructure;
using Xunit;

namespace OutreachStats.PowerShell.Tests;

/// <summary>The built module folder and its manifest, as PowerShell sees them.</summary>
public sealed class ModuleTests
{
    private static readonly string[] ExpectedCmdlets =
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

    private static string[] Sorted(IEnumerable<string> names) => names.Order(StringComparer.OrdinalIgnoreCase).ToArray();

    [Fact]
    public void TestModuleManifestPassesOnTheBuiltManifest()
    {
        using var session = PowerShellSession.Start(importModule: false);

        var result = session.Run("Test-ModuleManifest -Path $path -ErrorAction Stop", new() { ["path"] = ModuleLocation.ManifestPath });

        result.AssertNoErrors();
        var module = Assert.IsType<PSModuleInfo>(Assert.Single(result.Output).BaseObject);
        Assert.Equal("OutreachStats", module.Name);
        Assert.Equal(Sorted(ExpectedCmdlets), Sorted(module.ExportedCmdlets.Keys));
        Assert.Equal(new[] { "Core", "Desktop" }, module.CompatiblePSEditions.Order().ToArray());
        Assert.Equal(new Version(5, 1), module.PowerShellVersion);
        Assert.Empty(module.ExportedFunctions);
        Assert.Empty(module.ExportedAliases);
        Assert.Empty(module.ExportedVariables);
    }

    [Fact]
    public void ImportingExportsExactlyTheManifestsCmdlets()
    {
        using var session = PowerShellSession.Start(importModule: false);

        var result = session.Run(
            """
            $m = Import-Module -Name $path -PassThru -ErrorAction Stop
            $m
            Get-Command -Module OutreachStats | ForEach-Object { $_.Name }
            """,
            new() { ["path"] = ModuleLocation.ManifestPath });

        result.AssertNoErrors();
        var module = Assert.IsType<PSModuleInfo>(result.Output[0].BaseObject);
        Assert.Equal(ModuleLocation.ModuleFolder.TrimEnd('/'), module.ModuleBase.TrimEnd('/'));
        Assert.Equal(Sorted(ExpectedCmdlets), Sorted(module.ExportedCmdlets.Keys));
        Assert.Equal(Sorted(ExpectedCmdlets), Sorted(result.Output.Skip(1).Select(o => o.BaseObject.ToString()!)));
        Assert.Equal(new[] { "Core", "Desktop" }, module.CompatiblePSEditions.Order().ToArray());
        Assert.Equal(new Version(5, 1), module.PowerShellVersion);
    }

    [Fact]
    public void TheCmdletsComeFromTheBuiltFoldersAssembly()
    {
        using var session = PowerShellSession.Start();

        var result = session.Run("(Get-Command Get-LemlistCampaignStats).ImplementingType.Assembly.Location");

        result.AssertNoErrors();
        Assert.Equal(Path.GetFullPath(ModuleLocation.AssemblyPath), Path.GetFullPath((string)Assert.Single(result.Output).BaseObject));
    }

    [Fact]
    public void ModuleVersionEqualsTheAssemblysVersion()
    {
        using var session = PowerShellSession.Start(importModule: false);
        var manifest = session.Run("Test-ModuleManifest -Path $path -ErrorAction Stop", new() { ["path"] = ModuleLocation.ManifestPath });
        manifest.AssertNoErrors();
        var moduleVersion = ((PSModuleInfo)manifest.Output[0].BaseObject).Version;

        foreach (var path in new[] { ModuleLocation.AssemblyPath, ModuleLocation.EnginePath })
        {
            var assemblyVersion = AssemblyName.GetAssemblyName(path).Version!;
            var fileVersion = Version.Parse(FileVersionInfo.GetVersionInfo(path).FileVersion!);

            Assert.Equal(Normalize(moduleVersion), Normalize(assemblyVersion));
            Assert.Equal(Normalize(moduleVersion), Normalize(fileVersion));
        }
    }

    /// <summary>Versions compared as four parts, so 0.1.0 equals 0.1.0.0.</summary>
    private static Version Normalize(Version v) => new(v.Major, v.Minor, Math.Max(v.Build, 0), Math.Max(v.Revision, 0));

    [Fact]
    public void TheFolderShipsItsDependenciesButNotPowerShell()
    {
        var folder = ModuleLocation.ModuleFolder;

        Assert.Empty(Directory.GetFiles(folder, "System.Management.Automation.dll", SearchOption.AllDirectories));
        Assert.Empty(Directory.GetFiles(folder, "Microsoft.PowerShell.*.dll", SearchOption.AllDirectories));
        Assert.True(File.Exists(ModuleLocation.EnginePath), "dependencies/OutreachStats.Engine.dll is missing");
        Assert.True(File.Exists(Path.Combine(folder, "dependencies", "Polly.Core.dll")), "dependencies/Polly.Core.dll is missing");
        Assert.True(File.Exists(Path.Combine(folder, "dependencies", "System.Text.Json.dll")), "dependencies/System.Text.Json.dll is missing");
        Assert.True(File.Exists(Path.Combine(folder, "OutreachStats.Format.ps1xml")));
        Assert.True(File.Exists(Path.Combine(folder, "en-US", "OutreachStats.dll-Help.xml")));
        Assert.True(File.Exists(Path.Combine(folder, "en-US", "about_OutreachStats.help.txt")));
        // The engine and the dependencies live in dependencies/ (beside the module assembly,
        // PowerShell's probing would load them into the default context).
        Assert.Equal(new[] { "OutreachStats.dll" }, Directory.GetFiles(folder, "*.dll").Select(Path.GetFileName).ToArray());
    }

    [Fact]
    public void TheEngineAndItsPollyLoadInTheModulesOwnContext()
    {
        using var session = PowerShellSession.Start();

        var result = session.Run(
            """
            $engine = (Get-Command Get-LemlistCampaignStats).Parameters['Connection'].ParameterType.Assembly
            $context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($engine)
            $engine.Location
            $context -eq [System.Runtime.Loader.AssemblyLoadContext]::Default
            @($context.Assemblies | ForEach-Object { $_.GetName().Name } | Sort-Object) -join ','
            """);

        result.AssertNoErrors();
        Assert.Equal(Path.GetFullPath(ModuleLocation.EnginePath), Path.GetFullPath((string)result.Output[0].BaseObject));
        Assert.False((bool)result.Output[1].BaseObject, "the engine is in the default context");
        // What PowerShell provides (System.Text.Json, the netstandard stand-ins) is shared, not isolated.
        Assert.Equal("Microsoft.Bcl.TimeProvider,OutreachStats.Engine,Polly.Core", result.Output[2].BaseObject);
    }

    [Fact]
    public void TheModuleAssemblyReferencesNoIsolatedDependency()
    {
        using var file = File.OpenRead(ModuleLocation.AssemblyPath);
        using var pe = new PEReader(file);
        var metadata = pe.GetMetadataReader();

        var references = metadata.AssemblyReferences.Select(h => metadata.GetString(metadata.GetAssemblyReference(h).Name)).ToArray();

        // Bound in the default context, such a reference would take whichever copy was loaded first.
        Assert.Contains("OutreachStats.Engine", references);
        Assert.DoesNotContain("Polly.Core", references);
        Assert.DoesNotContain("Microsoft.Bcl.TimeProvider", references);
    }

    [Theory]
    [InlineData("Connect-OutreachProvider")]
    [InlineData("Disconnect-OutreachProvider")]
    [InlineData("Get-OutreachConnection")]
    [InlineData("Get-LemlistCampaignStats")]
    [InlineData("Get-LemlistBatchStats")]
    [InlineData("Get-SmartleadCampaignStatistics")]
    [InlineData("Get-LeadlexCampaignStats")]
    [InlineData("Get-LeadterraCampaignStats")]
    public void EveryCmdletDeclaresItsOutputType(string name)
    {
        using var session = PowerShellSession.Start();

        var result = session.Run("Get-Command $name | ForEach-Object OutputType | ForEach-Object Name", new() { ["name"] = name });

        result.AssertNoErrors();
        Assert.NotEmpty(result.Output);
        Assert.All(result.Output, o => Assert.False(string.IsNullOrWhiteSpace(o.BaseObject.ToString())));
    }

    [Fact]
    public void TheStatsCmdletsDeclareTheirModelTypes()
    {
        using var session = PowerShellSession.Start();

        var result = session.Run(
            "'Get-LemlistCampaignStats', 'Get-LemlistBatchStats', 'Get-SmartleadCampaignStatistics', 'Get-LeadlexCampaignStats', 'Get-LeadterraCampaignStats', 'Get-OutreachConnection', 'Connect-OutreachProvider' | ForEach-Object { \"$_=\" + ((Get-Command $_).OutputType.Name -join ',') }");

        result.AssertNoErrors();
        Assert.Equal(
            new[]
            {
                "Get-LemlistCampaignStats=OutreachStats.Model.LemlistCampaignStats,OutreachStats.Model.LemlistStepStats",
                "Get-LemlistBatchStats=OutreachStats.Model.LemlistCampaignStats,OutreachStats.Model.LemlistStepStats",
                "Get-SmartleadCampaignStatistics=OutreachStats.Model.SmartleadSendStats,OutreachStats.Model.SmartleadSequenceStats,OutreachStats.Model.SmartleadStatisticsSummary",
                "Get-LeadlexCampaignStats=OutreachStats.Model.LeadlexCampaignStats",
                "Get-LeadterraCampaignStats=OutreachStats.Model.LeadterraCampaignStats",
                "Get-OutreachConnection=OutreachStats.Connections.OutreachConnection",
                "Connect-OutreachProvider=OutreachStats.Connections.OutreachConnection",
            },
            result.Output.Select(o => o.BaseObject.ToString()).ToArray());
    }
}
