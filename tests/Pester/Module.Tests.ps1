# The module as PowerShell sees it: its manifests, its help, and tab completion.

BeforeDiscovery { . (Join-Path $PSScriptRoot 'Cases.ps1') }

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest
    $script:Exported = @((Get-Module OutreachStats).ExportedCmdlets.Keys | Sort-Object)
}

Describe 'Test-ModuleManifest on <Name>' -ForEach @(
    @{ Name = 'the built manifest (out/OutreachStats)'; Manifest = 'out/OutreachStats/OutreachStats.psd1'; Base = 'out/OutreachStats' }
    @{ Name = 'the root OutreachStats.psd1'; Manifest = 'OutreachStats.psd1'; Base = '.' }
) {
    It 'passes with no error and lists the exported cmdlets' {
        $module = Test-ModuleManifest -Path (Join-Path $RepositoryRoot $Manifest) -ErrorVariable problems -ErrorAction SilentlyContinue

        $problems | Should -BeNullOrEmpty
        $module.Name | Should -Be 'OutreachStats'
        $module.Version | Should -Be (Get-Module OutreachStats).Version
        $module.ModuleBase | Should -Be (Resolve-Path (Join-Path $RepositoryRoot $Base)).Path.TrimEnd('/', '\')
        @($module.ExportedCmdlets.Keys | Sort-Object) | Should -Be $Exported
        $module.ExportedFormatFiles | ForEach-Object { Split-Path $_ -Parent | Should -Be $module.ModuleBase }
    }
}

Describe 'Get-Help <Command>' -ForEach $CommandCases {
    BeforeAll {
        $parameters = @((Get-Command $Command).Parameters.Values |
                Where-Object { $_.Name -notin [System.Management.Automation.PSCmdlet]::CommonParameters -and $_.Name -notin [System.Management.Automation.PSCmdlet]::OptionalCommonParameters } |
                ForEach-Object Name)
    }

    It '-Full shows the synopsis, description, every parameter, inputs, outputs and examples' {
        $help = Get-Help $Command -Full
        $text = $help | Out-String -Width 120

        $help.Synopsis | Should -Not -Match "^\s*$Command\s*(\[|$)" -Because 'a synopsis that is only the syntax means no help was found'
        $help.description.Text -join '' | Should -Not -BeNullOrEmpty
        foreach ($section in 'SYNOPSIS', 'SYNTAX', 'DESCRIPTION', 'PARAMETERS', 'INPUTS', 'OUTPUTS', 'EXAMPLE 1') { $text | Should -Match $section }
        foreach ($name in $parameters) { $text | Should -Match "-$name\b" }
    }

    It '-Examples shows examples that call it' {
        $examples = @((Get-Help $Command -Examples).examples.example)

        $examples.Count | Should -BeGreaterThan 0
        $examples | ForEach-Object { $_.code | Should -Match ([regex]::Escape($Command) + '|\$') }
        ($examples.code -join "`n") | Should -Match ([regex]::Escape($Command))
    }

    It '-Parameter * describes every parameter' {
        $described = @(Get-Help $Command -Parameter *)

        @($described.name | Sort-Object) | Should -Be @($parameters | Sort-Object)
        $described | ForEach-Object { ($_.description.Text -join '') | Should -Not -BeNullOrEmpty -Because "-$($_.name) needs a description" }
    }

    It 'completes every parameter name after a dash' {
        $line = "$Command -"
        $offered = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText

        foreach ($name in $parameters) { $offered | Should -Contain "-$name" }
    }
}

Describe 'Tab completion of <Cmdlet> -<Completions.Parameter>' -ForEach @($CmdletCases | Where-Object Completions) {
    It 'offers its values' {
        $line = "$Cmdlet -$($Completions.Parameter) "
        $offered = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText

        @($offered | Sort-Object) | Should -Be @($Completions.Values | Sort-Object)
    }

    It 'completes a partial parameter name' {
        $line = "$Cmdlet -$($Completions.Parameter.Substring(0, 3))"
        $offered = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText

        $offered | Should -Contain "-$($Completions.Parameter)"
    }
}

Describe 'Tab completion of Connect-OutreachProvider -Provider' {
    It 'offers the four providers' {
        $line = 'Connect-OutreachProvider -Provider '
        $offered = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText

        @($offered | Sort-Object) | Should -Be @('Leadlex', 'Leadterra', 'Lemlist', 'Smartlead')
    }
}

Describe 'With another module''s older Polly.Core (8.1.0) loaded first' {
    BeforeAll {
        # A fresh process, as a runbook that imported such a module before ours.
        $json = Invoke-ChildPwsh -Script (". '$(Join-Path $PSScriptRoot 'TestHelpers.ps1')'`n. '$(Join-Path $PSScriptRoot 'Cases.ps1')'`n" + @'
Add-Type -Path $OlderPollyPath
Import-Module $ModuleManifest
$runs = foreach ($case in $CmdletCases) {
    $connected = Connect-Sandbox $case.Provider
    try {
        $objects = @(Get-SandboxCampaignId $case.Provider -Take 2 -Shape $case.Shape | & $case.Cmdlet -Connection $connected.Connection)
        @{ Cmdlet = $case.Cmdlet; Count = $objects.Count; Error = $null }
    }
    catch {
        @{ Cmdlet = $case.Cmdlet; Count = 0; Error = "$($_.Exception.GetType().FullName): $($_.Exception.Message)" }
    }
}
$contextOf = { param($assembly) [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($assembly) }
$older = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object Location -eq $OlderPollyPath
# The Polly.Core that the module's own code is bound to: the assembly of the Polly types its fields
# hold. (Its types are found through a cmdlet: PowerShell resolves type names in the default context only.)
$module = (Get-Command Get-LemlistCampaignStats).Parameters['Connection'].ParameterType.Assembly
$polly = $module.GetTypes().GetFields([System.Reflection.BindingFlags]'Public, NonPublic, Instance, Static').FieldType |
    Where-Object { $_.Assembly.GetName().Name -eq 'Polly.Core' } | Select-Object -First 1 | ForEach-Object Assembly
[pscustomobject]@{
    Runs = $runs
    OlderPollyInDefaultContext = $null -ne $older -and (& $contextOf $older) -eq [System.Runtime.Loader.AssemblyLoadContext]::Default
    PollyVersion = $polly.GetCustomAttributes([System.Reflection.AssemblyInformationalVersionAttribute], $false).InformationalVersion -replace '\+.*'
    PollyInDefaultContext = (& $contextOf $polly) -eq [System.Runtime.Loader.AssemblyLoadContext]::Default
    PollyInModulesContext = (& $contextOf $polly) -eq (& $contextOf $module)
} | ConvertTo-Json -Depth 3
'@)
        $child = $json | ConvertFrom-Json
    }

    It 'the older Polly.Core is loaded in the default context before the module' {
        $child.OlderPollyInDefaultContext | Should -BeTrue
    }

    It '<Cmdlet> works against the sandbox' -ForEach $CmdletCases {
        $run = $child.Runs | Where-Object Cmdlet -eq $Cmdlet

        $run.Error | Should -BeNullOrEmpty
        $run.Count | Should -BeGreaterThan 0
    }

    It 'the module''s code uses its own Polly.Core 8.9.1, loaded outside the default context' {
        $child.PollyVersion | Should -Be '8.9.1'
        $child.PollyInDefaultContext | Should -BeFalse
        $child.PollyInModulesContext | Should -BeTrue
    }
}

Describe 'Import-Module in two runspaces of one process' {
    BeforeAll {
        $json = Invoke-ChildPwsh -Script (". '$(Join-Path $PSScriptRoot 'TestHelpers.ps1')'`n" + @'
Import-Module $ModuleManifest
$other = [powershell]::Create()
$null = $other.AddScript({ param($manifest) Import-Module $manifest }).AddArgument($ModuleManifest).Invoke()
# Here, as a user would: remove it, import it again, remove it again.
Remove-Module OutreachStats
Import-Module $ModuleManifest
$engine = (Get-Command Get-LemlistCampaignStats).Parameters['Connection'].ParameterType.Assembly
$copies = @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object FullName -eq $engine.FullName).Count
Remove-Module OutreachStats
$other.Commands.Clear()
$objects = $other.AddScript({
        param($helpers)
        . $helpers
        $connected = Connect-Sandbox Lemlist
        Get-SandboxCampaignId Lemlist -Take 2 | Get-LemlistCampaignStats -Connection $connected.Connection
    }).AddArgument((Join-Path $RepositoryRoot 'tests/Pester/TestHelpers.ps1')).Invoke()
[pscustomobject]@{
    Copies = $copies
    Count = $objects.Count
    Errors = @($other.Streams.Error | ForEach-Object { "$_" })
} | ConvertTo-Json -Depth 3
'@)
        $child = $json | ConvertFrom-Json
    }

    It 'loads the module''s code once' {
        $child.Copies | Should -Be 1
    }

    It 'Remove-Module in one leaves the other running the cmdlets' {
        $child.Errors | Should -BeNullOrEmpty
        $child.Count | Should -Be 2
    }
}
