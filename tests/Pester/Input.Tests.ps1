# Input as users type it: objects that hold no campaign ID, dates in another culture and time
# zone, DateTimeOffset and midnight ends, and keys with white space around them.

BeforeDiscovery { . (Join-Path $PSScriptRoot 'Cases.ps1') }

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $PSScriptRoot 'Cases.ps1')
    Import-Module $ModuleManifest

    # Connects with a key of its own, given as $Typed makes it from the key's text (padded, in a
    # credential...); returns what Connect-Sandbox returns, and the verbose records of connecting.
    function Connect-SandboxKey([string] $Provider, [scriptblock] $Typed) {
        $key = "sbx-$($SandboxProviders[$Provider].KeyCode)-Kq7Vw2-$([guid]::NewGuid().ToString('N').Substring(0, 12))"
        $arguments = & $Typed $key
        $verbose = @(Connect-OutreachProvider -Provider $Provider -BaseUri (Get-SandboxUri $SandboxProviders[$Provider].Path) @arguments -PassThru -Verbose 4>&1)
        [pscustomobject]@{
            Connection = $verbose | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }
            Key = $key; Provider = $Provider
            Verbose = @($verbose | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
        }
    }
}

Describe '<Cmdlet> given objects that hold no campaign ID' -ForEach $CmdletCases {
    BeforeAll {
        $connected = Connect-Sandbox $Provider
        $ids = Get-SandboxCampaignId $Provider -Take 4 -Shape $Shape
        $semicolonCsv = Join-Path $TestDrive "$Cmdlet.csv"
        "CampaignId;Name`n$($ids[3]);Spring" | Set-Content -LiteralPath $semicolonCsv
    }

    It 'refuses each, naming its properties, before any request for it, and fetches the rest' {
        # lemlist's own campaign list has _id; a semicolon CSV read with commas is one column.
        $lemlistList = [pscustomobject]@{ _id = $ids[2]; name = 'Spring'; status = 'running' }
        $before = Get-SandboxRequestCount $connected

        $written = @($ids[0], $lemlistList, (Import-Csv -LiteralPath $semicolonCsv), [pscustomobject]@{ CampaignId = $ids[1] } |
                & $Cmdlet -Connection $connected.Connection -ErrorVariable failed -ErrorAction SilentlyContinue)

        $failed.Count | Should -Be 2
        $failed | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'OutreachInputWithoutCampaignId,*' }
        $failed | ForEach-Object { $_.CategoryInfo.Category | Should -Be 'InvalidArgument' }
        $failed[0].Exception.Message | Should -BeLike '*neither a CampaignId nor an Id property*its properties are _id, name, status.*'
        $failed[1].Exception.Message | Should -BeLike '*its properties are CampaignId;Name.*'
        $failed[0].TargetObject._id | Should -Be $ids[2]
        @($written | ForEach-Object { "$($_.CampaignId)" } | Select-Object -Unique) | Should -Be @($ids[0], $ids[1])
        (Get-SandboxRequestCount $connected) - $before | Should -Be $(if ($Cmdlet -eq 'Get-LemlistBatchStats') { 1 } else { 2 })
    }

    It 'reads the CSV once it is told its delimiter' {
        $written = @(Import-Csv -LiteralPath $semicolonCsv -Delimiter ';' | & $Cmdlet -Connection $connected.Connection)

        @($written | ForEach-Object { "$($_.CampaignId)" } | Select-Object -Unique) | Should -Be @($ids[3])
    }

    It 'under -ErrorAction Stop, is caught by its ErrorId with nothing sent' {
        $before = Get-SandboxRequestCount $connected

        { [pscustomobject]@{ _id = $ids[0] } | & $Cmdlet -Connection $connected.Connection -ErrorAction Stop } |
            Should -Throw -ErrorId 'OutreachInputWithoutCampaignId,*'
        Get-SandboxRequestCount $connected | Should -Be $before
    }
}

Describe '<Cmdlet> -StartDate and -EndDate under de-DE' -ForEach @($CmdletCases | Where-Object Provider -in 'Lemlist', 'Smartlead') {
    BeforeAll {
        $connected = Connect-Sandbox $Provider
        $id = Get-SandboxCampaignId $Provider -Take 1 -Shape $Shape
        $saved = [cultureinfo]::CurrentCulture

        # The window as -Verbose shows it sent (a campaign may have no activity in it): start and end, in UTC.
        function Get-SentWindow([hashtable] $Window) {
            $said = @(& $Cmdlet $id @Window -Connection $connected.Connection -Verbose 4>&1 |
                    Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })[0].Message
            @([regex]::Matches($said, '\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d\.\d{3}Z') |
                    ForEach-Object { [datetime]::Parse($_.Value.Replace(' ', 'T'), [cultureinfo]::InvariantCulture, 'AdjustToUniversal') })
        }
    }
    AfterEach {
        [cultureinfo]::CurrentCulture = $saved
    }

    It 'reads 2025-03-01 and 03/31/2025 as in en-US: 1 and 31 March, local time, the end through the day' {
        [cultureinfo]::CurrentCulture = 'de-DE'
        $german = Get-SentWindow @{ StartDate = '2025-03-01'; EndDate = '03/31/2025' }
        [cultureinfo]::CurrentCulture = 'en-US'
        $english = Get-SentWindow @{ StartDate = '2025-03-01'; EndDate = '03/31/2025' }

        $german | Should -Be @(
            [datetime]::new(2025, 3, 1, 0, 0, 0, [DateTimeKind]::Local).ToUniversalTime()
            [datetime]::new(2025, 3, 31, 23, 59, 59, 999, [DateTimeKind]::Local).ToUniversalTime()
        )
        $german | Should -Be $english
    }

    It 'gets the same numbers under de-DE as under en-US for -StartDate 2025-01-01 -EndDate 31.03.2026' {
        [cultureinfo]::CurrentCulture = 'de-DE'
        $german = @(& $Cmdlet $id -StartDate 2025-01-01 -EndDate 31.03.2026 -Connection $connected.Connection)
        [cultureinfo]::CurrentCulture = 'en-US'
        $english = @(& $Cmdlet $id -StartDate 2025-01-01 -EndDate 31.03.2026 -Connection $connected.Connection)

        Get-Numbers $german | Should -Be (Get-Numbers $english)
        (Get-Numbers $german) -join '' | Should -Match '=[1-9]' -Because 'a window with no activity would prove nothing'
    }

    It 'refuses 03/01/2025, which is 3 January in de-DE and 1 March in en-US, showing both ISO forms, with nothing sent' {
        [cultureinfo]::CurrentCulture = 'de-DE'
        $before = Get-SandboxRequestCount $connected

        { & $Cmdlet $id -StartDate 03/01/2025 -Connection $connected.Connection } |
            Should -Throw -ErrorId 'ParameterArgumentTransformationError,*' -ExpectedMessage '*StartDate*2025-01-03 or 2025-03-01*'
        Get-SandboxRequestCount $connected | Should -Be $before
    }

    It 'takes a [DateTimeOffset] as its instant, and one at midnight as the end through that day in its offset' {
        $sent = Get-SentWindow @{ StartDate = [DateTimeOffset]'2025-03-01T00:00:00+05:30'; EndDate = [DateTimeOffset]'2025-03-31T00:00:00+05:30' }

        $sent | Should -Be @(
            [datetime]::new(2025, 2, 28, 18, 30, 0, [DateTimeKind]::Utc)
            [datetime]::new(2025, 3, 31, 18, 29, 59, 999, [DateTimeKind]::Utc)
        )
    }

    It 'takes a UTC midnight as start and end as that whole UTC day' {
        $day = [datetime]::new(2026, 1, 15, 0, 0, 0, [DateTimeKind]::Utc)

        Get-SentWindow @{ StartDate = $day; EndDate = $day } | Should -Be @($day, $day.AddDays(1).AddMilliseconds(-1))
    }

    It 'refuses a window that is still empty, with nothing sent' {
        $before = Get-SandboxRequestCount $connected

        { & $Cmdlet $id -StartDate '2026-01-15 09:00' -EndDate '2026-01-15 09:00' -Connection $connected.Connection } |
            Should -Throw -ErrorId "$($Provider)InvalidDateRange,*" -ExpectedMessage '*is the same instant as*the window is empty*'
        Get-SandboxRequestCount $connected | Should -Be $before
    }
}

Describe 'With TZ=Asia/Tokyo and de-DE in a child pwsh' {
    BeforeAll {
        $child = $null
        if (-not $IsWindows) {
            $json = Invoke-ChildPwsh -Environment @{ TZ = 'Asia/Tokyo' } -Script @"
. '$(Join-Path $PSScriptRoot 'TestHelpers.ps1')'
Import-Module `$ModuleManifest
[cultureinfo]::CurrentCulture = 'de-DE'
`$format = 'yyyy-MM-dd HH:mm:ss.fff UTC'  # not ISO 8601, so ConvertFrom-Json keeps it a string
`$connected = Connect-Sandbox Lemlist
`$id = Get-SandboxCampaignId Lemlist -Take 1
`$march = Get-LemlistCampaignStats `$id -StartDate 2025-03-01 -EndDate 31.03.2025 -Connection `$connected.Connection
`$offset = Get-LemlistCampaignStats `$id -StartDate ([DateTimeOffset]'2026-01-15T00:00+09:00') -EndDate ([DateTimeOffset]'2026-01-15T00:00+09:00') -Connection `$connected.Connection
`$asUtc = try { Get-LemlistCampaignStats `$id -StartDate (Get-Date '2026-01-15' -AsUTC) -EndDate (Get-Date '2026-01-15' -AsUTC) -Connection `$connected.Connection -ErrorAction Stop; 'no error' } catch { `$_.FullyQualifiedErrorId }
function Format-Window([string] `$iso) { [DateTimeOffset]::Parse(`$iso, [cultureinfo]::InvariantCulture).UtcDateTime.ToString(`$format) }
[pscustomobject]@{
    MarchStart = Format-Window `$march.StartDate; MarchEnd = Format-Window `$march.EndDate
    OffsetStart = Format-Window `$offset.StartDate; OffsetEnd = Format-Window `$offset.EndDate
    AsUtc = `$asUtc
} | ConvertTo-Json
"@
            $child = $json | ConvertFrom-Json
        }
    }

    It 'reads -StartDate 2025-03-01 -EndDate 31.03.2025 as Tokyo''s days' {
        if ($IsWindows) { Set-ItResult -Skipped -Because '.NET reads TZ on Unix only' }
        $child.MarchStart | Should -Be '2025-02-28 15:00:00.000 UTC'
        $child.MarchEnd | Should -Be '2025-03-31 14:59:59.999 UTC'
    }

    It 'takes a [DateTimeOffset] at midnight +09:00 as start and end as that whole day' {
        if ($IsWindows) { Set-ItResult -Skipped -Because '.NET reads TZ on Unix only' }
        $child.OffsetStart | Should -Be '2026-01-14 15:00:00.000 UTC'
        $child.OffsetEnd | Should -Be '2026-01-15 14:59:59.999 UTC'
    }

    It 'refuses Get-Date ''2026-01-15'' -AsUTC as start and end (15:00 UTC both), an empty window, instead of counting nothing' {
        if ($IsWindows) { Set-ItResult -Skipped -Because '.NET reads TZ on Unix only' }
        $child.AsUtc | Should -BeLike 'LemlistInvalidDateRange,*'
    }
}

Describe 'A <Provider> key with white space around it' -ForEach @(
    @{ Provider = 'Lemlist'; Padded = { param($key) " $key`r`n" } }
    @{ Provider = 'Smartlead'; Padded = { param($key) "$key`n" } }
    @{ Provider = 'Leadlex'; Padded = { param($key) "`t$key " } }
    @{ Provider = 'Leadterra'; Padded = { param($key) "$key`r`n" } }
) {
    BeforeAll {
        $case = $CmdletCases | Where-Object Provider -eq $Provider | Select-Object -First 1
        $id = Get-SandboxCampaignId $Provider -Take 1 -Shape $case.Shape
    }

    It 'from an environment variable, as -ApiKey, is trimmed (verbose says so, never the key) and works' {
        $connected = Connect-SandboxKey $Provider {
            param($key)
            $env:OUTREACHSTATS_TEST_KEY = & $Padded $key
            @{ ApiKey = ConvertTo-SecureString $env:OUTREACHSTATS_TEST_KEY -AsPlainText -Force }
        }
        Remove-Item Env:OUTREACHSTATS_TEST_KEY

        $written = @(& $case.Cmdlet $id -Connection $connected.Connection -Verbose 4>&1)

        $connected.Verbose | Should -Contain 'The API key had white space or a line break around it (as environment variables, files and secret stores often add); it is used without them.'
        @($written | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }).Count | Should -BeGreaterThan 0
        Get-SandboxRequestCount $connected | Should -BeGreaterThan 0
        Test-KeyLeak (($connected.Verbose + ($written | Out-String)) -join "`n") $connected | Should -BeFalse
    }

    It 'as the password of -Credential, is trimmed and works' {
        $connected = Connect-SandboxKey $Provider {
            param($key)
            @{ Credential = [pscredential]::new('any name', (ConvertTo-SecureString (& $Padded $key) -AsPlainText -Force)) }
        }

        @(& $case.Cmdlet $id -Connection $connected.Connection).Count | Should -BeGreaterThan 0
        $connected.Verbose -join "`n" | Should -Match 'white space or a line break around it'
    }
}

Describe 'A lemlist key that its Basic credential cannot carry' {
    It 'is refused by Connect-OutreachProvider with OutreachInvalidApiKey, not sent: <Name>' -ForEach @(
        @{ Name = 'a character outside ASCII'; Oddity = 'é' }
        @{ Name = 'a line break inside'; Oddity = "`nsecond-line" }
    ) {
        $key = "sbx-lm-Kq7Vw2-$([guid]::NewGuid().ToString('N').Substring(0, 12))$Oddity"
        $caught = $null
        try {
            Connect-OutreachProvider Lemlist (ConvertTo-SecureString $key -AsPlainText -Force) -BaseUri (Get-SandboxUri 'lemlist/api') -ErrorAction Stop
        }
        catch {
            $caught = $_
        }

        $caught.FullyQualifiedErrorId | Should -BeLike 'OutreachInvalidApiKey,*'
        $caught.Exception.Message | Should -Match 'at position \d+ of \d+'
        Test-KeyLeak ($caught | Out-String) ([pscustomobject]@{ Key = $key.Substring(0, 26) }) | Should -BeFalse
        Get-SandboxRequestCount ([pscustomobject]@{ Provider = 'Lemlist'; Key = $key }) | Should -Be 0
    }
}
