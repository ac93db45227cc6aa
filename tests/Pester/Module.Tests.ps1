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
