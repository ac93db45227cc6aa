# Another culture and other time zones: the same campaigns give the same numbers, and dates
# without a zone are the user's local time.

BeforeDiscovery { . (Join-Path $PSScriptRoot 'Cases.ps1') }

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest
    # Only the numbers the provider sent (the window and filters asked for are compared apart).
    function Get-Numbers($Objects) {
        @($Objects | ForEach-Object {
                $row = $_
                ($row.PSObject.Properties | Where-Object { $_.Value -is [ValueType] -and $_.Value -isnot [datetime] } |
                    ForEach-Object { $_.Name + '=' + [string]::Format([cultureinfo]::InvariantCulture, '{0}', $_.Value) }) -join ';'
            })
    }
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
    @{ Zone = 'Asia/Tokyo'; Offset = '+9'; Start = '2025-12-31 15:00:00.000 UTC'; End = '2026-03-31 14:59:59.999 UTC' }
    # Daylight saving time starts in March: the window ends at UTC-7.
    @{ Zone = 'America/Los_Angeles'; Offset = '-8'; Start = '2026-01-01 08:00:00.000 UTC'; End = '2026-04-01 06:59:59.999 UTC' }
) {
    BeforeAll {
        $lemlist = Connect-Sandbox Lemlist
        $smartlead = Connect-Sandbox Smartlead
        $lemlistId = @(Get-SandboxCampaignId Lemlist -Take 1)[0]
        $smartleadId = @(Get-SandboxCampaignId Smartlead -Take 1 -Shape aggregate)[0]
        $child = $null
        if (-not $IsWindows) {
            $json = Invoke-ChildPwsh -Environment @{ TZ = $Zone } -Script @"
Import-Module '$ModuleManifest'
`$root = [uri]'$(Get-SandboxUri)'
Connect-OutreachProvider Lemlist (ConvertTo-SecureString '$($lemlist.Key)' -AsPlainText -Force) -BaseUri ([uri]::new(`$root, 'lemlist/api'))
Connect-OutreachProvider Smartlead (ConvertTo-SecureString '$($smartlead.Key)' -AsPlainText -Force) -BaseUri ([uri]::new(`$root, 'smartlead'))
`$l = Get-LemlistCampaignStats '$lemlistId' -StartDate 2026-01-01 -EndDate 2026-03-31
`$s = Get-SmartleadCampaignStatistics $smartleadId -StartDate 2026-01-01 -EndDate 2026-03-31 -Summary | Where-Object Scope -eq Campaign
`$format = 'yyyy-MM-dd HH:mm:ss.fff UTC'  # not ISO 8601, so ConvertFrom-Json keeps it a string
[pscustomobject]@{
    Offset = [TimeZoneInfo]::Local.GetUtcOffset([datetime]'2026-01-15').TotalHours
    LemlistStart = `$l.StartDate.ToUniversalTime().ToString(`$format); LemlistEnd = `$l.EndDate.ToUniversalTime().ToString(`$format)
    LemlistSent = `$l.MessagesSent; LemlistReplied = `$l.Replied
    SmartleadStart = `$s.StartDate.ToUniversalTime().ToString(`$format); SmartleadSent = `$s.Sent
} | ConvertTo-Json -Compress
"@
            $child = $json | ConvertFrom-Json
        }
    }

    It 'the child pwsh runs in that zone' {
        if ($IsWindows) { Set-ItResult -Skipped -Because '.NET reads TZ on Unix only' }
        $child.Offset | Should -Be ([double]$Offset)
    }

    It 'reads -StartDate 2026-01-01 -EndDate 2026-03-31 as that zone''s days, sent in UTC' {
        if ($IsWindows) { Set-ItResult -Skipped -Because '.NET reads TZ on Unix only' }
        $child.LemlistStart | Should -Be $Start
        $child.LemlistEnd | Should -Be $End
        $child.SmartleadStart | Should -Be $Start
    }

    It 'gets the numbers of that UTC window' {
        if ($IsWindows) { Set-ItResult -Skipped -Because '.NET reads TZ on Unix only' }
        $utcStart = [datetime]::ParseExact($Start, 'yyyy-MM-dd HH:mm:ss.fff UTC', [cultureinfo]::InvariantCulture, 'AssumeUniversal, AdjustToUniversal')
        $utcEnd = [datetime]::ParseExact($End, 'yyyy-MM-dd HH:mm:ss.fff UTC', [cultureinfo]::InvariantCulture, 'AssumeUniversal, AdjustToUniversal')
        $here = Get-LemlistCampaignStats $lemlistId -StartDate $utcStart -EndDate $utcEnd -Connection $lemlist.Connection
        $smartleadHere = Get-SmartleadCampaignStatistics $smartleadId -StartDate $utcStart -EndDate $utcEnd -Summary -Connection $smartlead.Connection | Where-Object Scope -eq Campaign

        $child.LemlistSent | Should -Be $here.MessagesSent
        $child.LemlistReplied | Should -Be $here.Replied
        $child.SmartleadSent | Should -Be $smartleadHere.Sent
        $here.MessagesSent | Should -BeGreaterThan 0 -Because 'a window with no activity would prove nothing'
    }
}
