# Pipelines users type: stopping early, and parallel runspaces written as the README shows them.

BeforeDiscovery { . (Join-Path $PSScriptRoot 'Cases.ps1') }

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest
}

Describe 'Select-Object -First 1 over <Many> campaigns with <Cmdlet>' -ForEach $CmdletCases {
    It 'writes one object and stops the requests' {
        $connected = Connect-Sandbox $Provider
        $ids = Get-SandboxCampaignId $Provider -Take $Many -Shape $Shape

        $first = @($ids | & $Cmdlet -Connection $connected.Connection | Select-Object -First 1)
        # Anything the command still had queued would reach the sandbox within one lemlist window.
        Start-Sleep -Seconds 2

        $first.Count | Should -Be 1
        $first[0].CampaignId | Should -Be $ids[0]
        $requests = Get-SandboxRequestCount $connected
        $requests | Should -BeLessOrEqual $MaxRequests -Because "$Many campaigns were piped"
    }
}

Describe 'ForEach-Object -Parallel, as the README shows it' {
    BeforeAll {
        $readme = Get-Content -Raw (Join-Path $RepositoryRoot 'README.md')
        $blocks = [regex]::Matches($readme, '(?s)```powershell\r?\n(.*?)```') | ForEach-Object { $_.Groups[1].Value }
        $script:example = @($blocks | Where-Object { $_ -match 'ForEach-Object -Parallel' })
    }

    It 'is one example in the README' {
        $example.Count | Should -Be 1
    }

    It 'runs every campaign of both accounts, each on its own key' {
        $keyA = ConvertTo-SecureString "sbx-lm-Kq7Vw2-a$([guid]::NewGuid().ToString('N').Substring(0, 11))" -AsPlainText -Force
        $keyB = ConvertTo-SecureString "sbx-lm-Kq7Vw2-b$([guid]::NewGuid().ToString('N').Substring(0, 11))" -AsPlainText -Force
        $idsA = Get-SandboxCampaignId Lemlist -Take 150
        $idsB = Get-SandboxCampaignId Lemlist -Take 6 -Skip 150
        # The README's lines unchanged; only the server differs from the real one.
        $PSDefaultParameterValues['Connect-OutreachProvider:BaseUri'] = Get-SandboxUri 'lemlist/api'
        try {
            $results = @(. ([scriptblock]::Create($example[0])))
        }
        finally {
            $PSDefaultParameterValues.Remove('Connect-OutreachProvider:BaseUri')
        }

        $results.Count | Should -Be ($idsA.Count + $idsB.Count)
        @($results | Select-Object -First $idsA.Count | ForEach-Object CampaignId) | Should -Be $idsA
        @($results | Select-Object -Skip $idsA.Count | ForEach-Object CampaignId | Sort-Object) | Should -Be @($idsB | Sort-Object)
        $counters = (Invoke-RestMethod (Get-SandboxUri '_sandbox/counters')).providers.lemlist.requestsPerKey
        $counters.([Net.NetworkCredential]::new('', $keyA).Password) | Should -Be 2 -Because '150 IDs are two batches'
        $counters.([Net.NetworkCredential]::new('', $keyB).Password) | Should -Be $idsB.Count
    }
}

Describe 'ForEach-Object -Parallel with <Cmdlet> -Connection $using:c' -ForEach $CmdletCases {
    It 'writes every campaign, each sent from its own runspace on that connection' {
        $connected = Connect-Sandbox $Provider
        $c = $connected.Connection
        $ids = Get-SandboxCampaignId $Provider -Take 4 -Shape $Shape
        $manifest = Join-Path (Get-Module OutreachStats).ModuleBase 'OutreachStats.psd1'
        $command = $Cmdlet

        $results = @($ids | ForEach-Object -Parallel {
                Import-Module $using:manifest
                & $using:command $_ -Connection $using:c
            } -ThrottleLimit 4)

        @($results | ForEach-Object CampaignId | Select-Object -Unique | Sort-Object) | Should -Be @($ids | Sort-Object)
        Get-SandboxRequestCount $connected | Should -Be $ids.Count
    }
}
