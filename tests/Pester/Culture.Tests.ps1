# Another culture and other time zones: the same campaigns give the same numbers, and dates
# without a zone are the user's local time.

BeforeDiscovery { . (Join-Path $PSScriptRoot 'Cases.ps1') }

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $PSScriptRoot 'Cases.ps1')
    Import-Module $ModuleManifest
}

Describe 'Under [cultureinfo]::CurrentCulture = ''de-DE''' {
    BeforeAll {
        $saved = [cultureinfo]::CurrentCulture
    }
    AfterEach {
        [cultureinfo]::CurrentCulture = $saved
    }

    It '<Name> gives the same numbers as under en-US, and exports them in the culture''s format' -ForEach $OutputCases {
        $connected = Connect-Sandbox $Provider
        $window = if ($Provider -in 'Lemlist', 'Smartlead') { @{ StartDate = '2025-01-01'; EndDate = '2026-03-31' } } else { @{} }
        $ids = Get-SandboxCampaignId $Provider -Take 2 -Shape $Shape
        [cultureinfo]::CurrentCulture = 'en-US'
        $english = @($ids | & $Cmdlet @Arguments @window -Connection $connected.Connection)

        [cultureinfo]::CurrentCulture = 'de-DE'
        $german = @($ids | & $Cmdlet @Arguments @window -Connection $connected.Connection)
        $file = Join-Path $TestDrive 'de.csv'
        $german | Export-Csv -LiteralPath $file -NoTypeInformation
        $rows = @(Import-Csv -LiteralPath $file)
        $table = $german | Format-Table | Out-String -Width 80

        $german.Count | Should -BeGreaterThan 0
        Get-Numbers $german | Should -Be (Get-Numbers $english)
        if ($window.StartDate) { $german[0].StartDate | Should -Be $english[0].StartDate }
        $rows.Count | Should -Be $german.Count
        foreach ($property in $german[0].PSObject.Properties | Where-Object { $_.Value -is [double] }) {
            [double]::Parse($rows[0].($property.Name), [cultureinfo]'de-DE') | Should -Be $property.Value -Because "$($property.Name) in de-DE"
        }
        $table -split "`r?`n" | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
    }

    It 'a rate shows with a decimal comma in the table' {
        $connected = Connect-Sandbox Leadlex
        [cultureinfo]::CurrentCulture = 'de-DE'
        $table = Get-SandboxCampaignId Leadlex -Take 3 | Get-LeadlexCampaignStats -Connection $connected.Connection | Format-Table | Out-String -Width 80

        $table | Should -Match '\d+,\d %'
    }
}

Describe 'With TZ=<Zone> (UTC<Offset>)' -ForEach @(
    @{ Zone = 'Asia/Tokyo'; Offset = '+9'; Start = '2024-12-31 15:00:00.000 UTC'; End = '2026-03-31 14:59:59.999 UTC' }
    # The window starts in winter time (UTC-8) and ends in summer time (UTC-7).
    @{ Zone = 'America/Los_Angeles'; Offset = '-8'; Start = '2025-01-01 08:00:00.000 UTC'; End = '2026-04-01 06:59:59.999 UTC' }
) {
    BeforeAll {
        # Each provider cmdlet on two campaigns; those with dates from January 2025 to March 2026, local.
        $runs = @($CmdletCases | ForEach-Object {
                @{
                    Cmdlet = $_.Cmdlet; Provider = $_.Provider
                    Ids = @(Get-SandboxCampaignId $_.Provider -Take 2 -Shape $_.Shape)
                    Dated = (Get-Command $_.Cmdlet).Parameters.ContainsKey('StartDate')
                }
            })
        $child = @{}
        if (-not $IsWindows) {
            $json = Invoke-ChildPwsh -Environment @{ TZ = $Zone } -Script @"
. '$(Join-Path $PSScriptRoot 'TestHelpers.ps1')'
Import-Module `$ModuleManifest
`$format = 'yyyy-MM-dd HH:mm:ss.fff UTC'  # not ISO 8601, so ConvertFrom-Json keeps it a string
@('$(ConvertTo-Json $runs -Depth 3 -Compress)' | ConvertFrom-Json | ForEach-Object {
    `$connected = Connect-Sandbox `$_.Provider
    `$window = if (`$_.Dated) { @{ StartDate = '2025-01-01'; EndDate = '2026-03-31' } } else { @{} }
    `$objects = @(`$_.Ids | & `$_.Cmdlet @window -Connection `$connected.Connection)
    [pscustomobject]@{
        Cmdlet = `$_.Cmdlet
        Offset = [TimeZoneInfo]::Local.GetUtcOffset([datetime]'2026-01-15').TotalHours
        Start = if (`$_.Dated) { [DateTimeOffset]::Parse(`$objects[0].StartDate, [cultureinfo]::InvariantCulture).UtcDateTime.ToString(`$format) }
        End = if (`$_.Dated) { [DateTimeOffset]::Parse(`$objects[0].EndDate, [cultureinfo]::InvariantCulture).UtcDateTime.ToString(`$format) }
        Numbers = Get-Numbers `$objects
    }
}) | ConvertTo-Json -Depth 3
"@
            $json | ConvertFrom-Json | ForEach-Object { $child[$_.Cmdlet] = $_ }
        }
    }

    It 'the child pwsh runs in that zone' {
        if ($IsWindows) { Set-ItResult -Skipped -Because '.NET reads TZ on Unix only' }
        $child.Values | ForEach-Object { $_.Offset | Should -Be ([double]$Offset) }
    }

    It '<Cmdlet> reads -StartDate 2025-01-01 -EndDate 2026-03-31 as that zone''s days and gets that UTC window''s numbers' -ForEach $CmdletCases {
        if ($IsWindows) { Set-ItResult -Skipped -Because '.NET reads TZ on Unix only' }
        $run = $runs | Where-Object Cmdlet -eq $Cmdlet
        $window = @{}
        if ($run.Dated) {
            $child[$Cmdlet].Start | Should -Be $Start
            $child[$Cmdlet].End | Should -Be $End
            $window.StartDate = [datetime]::ParseExact($Start, 'yyyy-MM-dd HH:mm:ss.fff UTC', [cultureinfo]::InvariantCulture, 'AssumeUniversal, AdjustToUniversal')
            $window.EndDate = [datetime]::ParseExact($End, 'yyyy-MM-dd HH:mm:ss.fff UTC', [cultureinfo]::InvariantCulture, 'AssumeUniversal, AdjustToUniversal')
        }
        $connected = Connect-Sandbox $Provider
        $here = @($run.Ids | & $Cmdlet @window -Connection $connected.Connection)

        @($child[$Cmdlet].Numbers) | Should -Be (Get-Numbers $here)
        (Get-Numbers $here) -join '' | Should -Match '=[1-9]' -Because 'a window with no activity would prove nothing'
    }
}
