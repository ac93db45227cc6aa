# Paging and long runs as users meet them: Smartlead's pages from a server that caps limit, the
# total count exported to CSV as the help shows it, Get-Help -Online, and -Verbose over many
# lemlist campaigns.

BeforeDiscovery { . (Join-Path $PSScriptRoot 'Cases.ps1') }

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $PSScriptRoot 'Cases.ps1')
    Import-Module $ModuleManifest

    # A per-send Smartlead campaign with $Least to $Most rows, and its rows' stats_id as Smartlead
    # has them (asked for with the sandbox's plain key, not the module's).
    function Get-PerSendCampaign([int] $Least, [int] $Most) {
        foreach ($id in Get-SandboxCampaignId Smartlead -Take 40 -Shape perSend) {
            $page = Invoke-RestMethod (Get-SandboxUri "smartlead/api/v1/campaigns/$id/statistics?api_key=sbx-sl-Kq7Vw2&limit=1000")
            if ([int]$page.total_stats -ge $Least -and [int]$page.total_stats -le $Most) {
                return [pscustomobject]@{ Id = $id; Total = [int]$page.total_stats; StatsIds = @($page.data.stats_id) }
            }
        }
        throw "No per-send campaign of the sandbox has $Least to $Most rows."
    }
}

Describe 'Get-SmartleadCampaignStatistics from a server that caps limit at 40' {
    BeforeAll {
        $script:campaign = Get-PerSendCampaign -Least 150 -Most 1000
        $script:fault = Add-SandboxFault @{ provider = 'smartlead'; kind = 'limitCapped'; limit = 40; campaignIds = @($campaign.Id) }
    }
    AfterAll {
        Remove-SandboxFault $fault
    }

    It 'writes each of the first 150 rows once, in order, four pages of at most 40' {
        $connected = Connect-Sandbox Smartlead

        $rows = @(Get-SmartleadCampaignStatistics $campaign.Id -First 150 -Connection $connected.Connection)

        $rows.StatsId | Should -Be $campaign.StatsIds[0..149]
        Get-SandboxRequestCount $connected | Should -Be 4
    }
}

Describe 'Get-SmartleadCampaignStatistics -IncludeTotalCount to CSV, as the help shows it' {
    BeforeAll {
        $script:campaign = Get-PerSendCampaign -Least 1 -Most 300
        $script:example = @((Get-Help Get-SmartleadCampaignStatistics).examples.example |
                Where-Object title -Match 'Export the rows to CSV and keep the total apart')
    }

    It 'is one example of the help, and -IncludeTotalCount''s description points at it' {
        $example.Count | Should -Be 1
        (Get-Help Get-SmartleadCampaignStatistics -Parameter IncludeTotalCount).description.Text -join ' ' | Should -BeLike '*Export-Csv*(Example 5)*'
    }

    It 'exports every row under the rows'' columns and keeps the total' {
        Connect-Sandbox Smartlead | Out-Null
        $file = Join-Path $TestDrive 'sends.csv'
        $code = $example[0].code.Replace('12345', $campaign.Id).Replace('sends.csv', "'$file'")

        $said = . ([scriptblock]::Create($code))

        $said | Should -Be "Smartlead has $($campaign.Total) rows for campaign $($campaign.Id) (accuracy 1)"
        $total -is [ulong] | Should -BeTrue
        $rows = @(Import-Csv -LiteralPath $file)
        $rows.Count | Should -Be $campaign.Total
        $rows.StatsId | Should -Be $campaign.StatsIds
        (Get-Content -LiteralPath $file -TotalCount 1) | Should -Not -Match 'Accuracy'
    }

    It 'piped straight into Export-Csv instead, the total takes the header (why the help shows the pattern)' {
        $connected = Connect-Sandbox Smartlead
        $file = Join-Path $TestDrive 'straight.csv'

        Get-SmartleadCampaignStatistics $campaign.Id -IncludeTotalCount -Connection $connected.Connection | Export-Csv -LiteralPath $file -NoTypeInformation

        Get-Content -LiteralPath $file -TotalCount 1 | Should -Be '"Accuracy"'
    }
}

Describe 'Get-Help <Command> -Online' -ForEach $CommandCases {
    BeforeAll {
        $project = [string](Get-Module OutreachStats).PrivateData.PSData.ProjectUri
        # The anchors GitHub gives the README's headings (outside code blocks).
        $inCode = $false
        $script:anchors = @(Get-Content (Join-Path $RepositoryRoot 'README.md') | ForEach-Object {
                if ($_ -like '```*') { $inCode = -not $inCode }
                elseif (-not $inCode -and $_ -match '^#+\s+(.*)$') { ($Matches[1].Trim().ToLowerInvariant() -replace '[^\p{L}\p{N} _-]', '') -replace ' ', '-' }
            })
        $script:uri = (Get-Command $Command).HelpUri
    }

    It 'opens the command''s section of the project README' {
        $uri | Should -BeLike "$project#*"
        $project | Should -Be 'https://github.com/outreachstats/OutreachStats'
        $anchors | Should -Contain $uri.Substring($project.Length + 1)
        $first = @((Get-Help $Command).relatedLinks.navigationLink)[0]
        $first.linkText | Should -Be 'Online Version:'
        $first.uri | Should -Be $uri
    }

    It 'is the URI PowerShell tries to open (Linux with no program to open it)' -Skip:(-not $IsLinux -or [bool](Get-Command xdg-open -ErrorAction Ignore)) {
        { Get-Help $Command -Online -ErrorAction Stop } | Should -Throw "*URI $uri*"
    }
}

Describe '-Verbose over 40 lemlist campaigns' {
    It 'writes one wait line per request that waited, no 0.00 s, each wait naming a campaign asked for' {
        $connected = Connect-Sandbox Lemlist
        $ids = Get-SandboxCampaignId Lemlist -Take 40

        $all = @($ids | Get-LemlistCampaignStats -Connection $connected.Connection -Verbose 4>&1)

        $stats = @($all | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })
        $lines = @($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
        $stats.CampaignId | Should -Be $ids
        $waits = @($lines | Where-Object { $_ -like "*': Waited *" })
        # 40 requests at 20 per 2 s: the first 20 start at once.
        $waits.Count | Should -BeGreaterThan 0
        $waits.Count | Should -BeLessOrEqual 20
        $lines | Should -Not -Match '0\.00 s to stay within|Waiting 0\.00 s'
        $named = @($waits | ForEach-Object { if ($_ -match "^Campaign '([^']+)': Waited \d+\.\d\d s to stay within lemlist's rate limit") { $Matches[1] } })
        $named.Count | Should -Be $waits.Count
        $named | ForEach-Object { $_ | Should -BeIn $ids }
        @($named | Select-Object -Unique).Count | Should -Be $named.Count
        $lines.Count | Should -BeLessOrEqual (3 * 40 + 5)
        Test-KeyLeak ($lines -join "`n") $connected | Should -BeFalse
    }
}
