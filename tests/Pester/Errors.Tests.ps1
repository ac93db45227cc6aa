# Errors as scripts handle them: -ErrorAction Stop with try/catch on the ErrorId, and -ErrorVariable.

BeforeDiscovery { . (Join-Path $PSScriptRoot 'Cases.ps1') }

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest
}

Describe '<Cmdlet> with an unknown campaign between two good ones' -ForEach $CmdletCases {
    BeforeAll {
        $connected = Connect-Sandbox $Provider
        $good = Get-SandboxCampaignId $Provider -Take 2 -Shape $Shape
        $unknown = $SandboxProviders[$Provider].UnknownId
        $ids = $good[0], $unknown, $good[1]
    }

    It 'under $ErrorActionPreference = Stop, is caught by its ErrorId after the campaign before it is written' {
        $written = [System.Collections.Generic.List[object]]::new()
        $caught = $null
        $ErrorActionPreference = 'Stop'
        try {
            & $Cmdlet $ids -Connection $connected.Connection | ForEach-Object { $written.Add($_) }
        }
        catch {
            $caught = $_
        }
        $ErrorActionPreference = 'Continue'

        $caught | Should -Not -BeNullOrEmpty
        $caught.FullyQualifiedErrorId | Should -BeLike "$NotFound,*"
        $caught.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        "$($caught.TargetObject)" | Should -Be $unknown
        $caught.Exception.Message | Should -Match ([regex]::Escape($unknown))
        @($written | ForEach-Object CampaignId | Select-Object -Unique) | Should -Be @($good[0])
        Test-KeyLeak ($caught | Out-String) $connected | Should -BeFalse
    }

    It 'with -ErrorVariable, collects the error and writes the other campaigns' {
        $written = @(& $Cmdlet $ids -Connection $connected.Connection -ErrorVariable failed -ErrorAction SilentlyContinue)

        @($written | ForEach-Object CampaignId | Select-Object -Unique) | Should -Be $good
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike "$NotFound,*"
        "$($failed[0].TargetObject)" | Should -Be $unknown
        "$($failed[0].TargetObject): $($failed[0].Exception.Message)" | Should -Match 'not found|does not exist|no campaign'
    }
}

Describe 'A provider cmdlet without a connection' -ForEach $CmdletCases {
    It '<Cmdlet> stops with OutreachNotConnected, caught under -ErrorAction Stop' {
        Disconnect-OutreachProvider -Provider $Provider -ErrorAction SilentlyContinue
        $caught = $null
        try { & $Cmdlet $SandboxProviders[$Provider].UnknownId -ErrorAction Stop } catch { $caught = $_ }

        $caught.FullyQualifiedErrorId | Should -BeLike 'OutreachNotConnected,*'
        $caught.Exception.Message | Should -Match 'Connect-OutreachProvider'
    }
}
