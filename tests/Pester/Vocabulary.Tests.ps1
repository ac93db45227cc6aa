# One vocabulary: what a table shows is a property to filter and sort on, every provider's campaign
# rows share the common names and rates, and -Summary's rows add up once.

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Cases.ps1')
    $CampaignRowCases = @($OutputCases | Where-Object { $_.CampaignRow })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest
    $script:Common = 'Sent', 'Delivered', 'Opened', 'Clicked', 'Replied', 'Bounced', 'Unsubscribed', 'OpenRate', 'ClickRate', 'ReplyRate', 'BounceRate'
}

Describe '<Name> table' -ForEach $OutputCases {
    BeforeAll {
        $connected = Connect-Sandbox $Provider
        $objects = @(Invoke-Case $_ $connected -Campaigns 3)
        $table = (Get-FormatData -TypeName $Type).FormatViewDefinition[0].Control
        $labels = @($table.Headers.Label)
    }

    It 'labels each column with the name of the property it shows' {
        $labels.Count | Should -BeGreaterThan 2
        @($table.Rows[0].Columns.DisplayEntry.Value) | Should -Be $labels
        foreach ($label in $labels) { $objects[0].PSObject.Properties.Name | Should -Contain $label }
    }

    It 'prints those names whole in the header at 80 columns' {
        $header = ($objects | Format-Table | Out-String -Width 80) -split "`r?`n" | Where-Object { $_.Trim() } | Select-Object -First 1
        -split $header | Should -Be $labels
    }

    It 'filters by every column it shows: Where-Object <column> -ge its least value keeps every row' {
        foreach ($label in $labels) {
            # Numbers and flags: text compares in culture rules that Sort-Object and -ge need not share.
            $values = @($objects | ForEach-Object { $_.$label } | Where-Object { $_ -is [ValueType] })
            if ($values.Count -eq 0) { continue }
            $least = ($values | Sort-Object | Select-Object -First 1)
            $kept = @($objects | Where-Object $label -ge $least)
            $kept.Count | Should -Be $values.Count -Because "Where-Object $label -ge $least"
        }
    }
}

Describe '<Name> campaign rows' -ForEach $CampaignRowCases {
    BeforeAll {
        $connected = Connect-Sandbox $Provider
        $objects = @(Invoke-Case $_ $connected -Campaigns 3)
    }

    It 'carry the common counts and rates, in the same order as on every provider' {
        $names = @($objects[0].PSObject.Properties.Name | Where-Object { $_ -in $Common })
        $names | Should -Be $Common
    }

    It 'compute each rate as its count over Sent, or $null' {
        foreach ($row in $objects) {
            foreach ($pair in @(('OpenRate', 'Opened'), ('ClickRate', 'Clicked'), ('ReplyRate', 'Replied'), ('BounceRate', 'Bounced'))) {
                $rate, $count = $pair
                if ($null -eq $row.$count -or $row.Sent -eq 0) { $row.$rate | Should -BeNullOrEmpty -Because "$rate of $($row.CampaignId)" }
                else { $row.$rate | Should -Be ($row.$count / $row.Sent) -Because "$rate of $($row.CampaignId)" }
            }
        }
        @($objects | Where-Object ReplyRate -gt 0).Count | Should -BeGreaterThan 0 -Because 'rates of zero everywhere would prove nothing'
    }

    It 'sort by ReplyRate as the counts rank them' {
        $sending = @($objects | Where-Object Sent -gt 0)
        $sorted = @($sending | Sort-Object ReplyRate -Descending -Stable | ForEach-Object CampaignId)
        $byCounts = @($sending | Sort-Object { $_.Replied / $_.Sent } -Descending -Stable | ForEach-Object CampaignId)
        $sorted | Should -Be $byCounts
    }
}

Describe 'Get-SmartleadCampaignStatistics -Summary' {
    BeforeAll {
        $connected = Connect-Sandbox Smartlead
        $id = Get-SandboxCampaignId Smartlead -Take 1 -Shape perSend
        $sends = @(Get-SmartleadCampaignStatistics $id -Connection $connected.Connection)
    }

    It 'writes one row per campaign, so Measure-Object Sent -Sum counts each send once' {
        $summary = @(Get-SmartleadCampaignStatistics $id -Summary -Connection $connected.Connection)

        $summary.Count | Should -Be 1
        $summary[0].Scope | Should -Be 'Campaign'
        ($summary | Measure-Object Sent -Sum).Sum | Should -Be $sends.Count
        $summary[0].Opened | Should -Be @($sends | Where-Object Opened).Count
    }

    It 'writes one row per step with -PerStep, which add up to the same sends' {
        $steps = @(Get-SmartleadCampaignStatistics $id -Summary -PerStep -Connection $connected.Connection)

        $steps | ForEach-Object { $_.Scope | Should -Be 'Step' }
        ($steps | Measure-Object Sent -Sum).Sum | Should -Be $sends.Count
        @($steps.SequenceNumber) | Should -Be @($sends | ForEach-Object SequenceNumber | Sort-Object -Unique)
    }

    It 'refuses -PerStep without -Summary before any request' {
        $before = Get-SandboxRequestCount $connected
        { Get-SmartleadCampaignStatistics $id -PerStep -Connection $connected.Connection -ErrorAction Stop } |
            Should -Throw -ErrorId 'SmartleadPerStepWithoutSummary,*'
        Get-SandboxRequestCount $connected | Should -Be $before
    }
}

Describe 'The window in a CSV written in de-DE in Asia/Tokyo' {
    It 'reads back as the same instants here, in this culture and zone' {
        if ($IsWindows) { Set-ItResult -Skipped -Because '.NET reads TZ on Unix only' }
        $file = Join-Path $TestDrive 'tokyo.csv'
        $id = Get-SandboxCampaignId Lemlist -Take 1
        Invoke-ChildPwsh -Environment @{ TZ = 'Asia/Tokyo' } -Script @"
. '$(Join-Path $PSScriptRoot 'TestHelpers.ps1')'
Import-Module `$ModuleManifest
[cultureinfo]::CurrentCulture = 'de-DE'
`$connected = Connect-Sandbox Lemlist
Get-LemlistCampaignStats '$id' -StartDate 2025-03-01 -EndDate 2025-03-31 -Connection `$connected.Connection |
    Export-Csv -LiteralPath '$file' -NoTypeInformation
"@ | Out-Null

        $saved = [cultureinfo]::CurrentCulture
        try {
            [cultureinfo]::CurrentCulture = 'en-US'
            $row = Import-Csv -LiteralPath $file
        }
        finally { [cultureinfo]::CurrentCulture = $saved }

        # Tokyo is UTC+9 all year: 1 March 00:00 there is 28 February 15:00 UTC.
        $row.StartDate | Should -Be '2025-02-28T15:00:00.000Z'
        $row.EndDate | Should -Be '2025-03-31T14:59:59.999Z'
        ([DateTimeOffset]$row.StartDate).UtcDateTime | Should -Be ([datetime]::new(2025, 2, 28, 15, 0, 0, [DateTimeKind]::Utc))
    }
}
