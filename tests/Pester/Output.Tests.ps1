# What users do with the objects: Export-Csv, ConvertTo-Json, Format-Table, Format-List.

BeforeDiscovery { . (Join-Path $PSScriptRoot 'Cases.ps1') }

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest
    # A cell or a line showing a .NET type name instead of a value.
    $script:TypeName = '(^|\s)(System|OutreachStats)\.[A-Za-z0-9_.`\[\]]+($|\s)'
}

Describe '<Name> output' -ForEach $OutputCases {
    BeforeAll {
        $connected = Connect-Sandbox $Provider
        $objects = @(Invoke-Case $_ $connected)
    }

    It 'writes <Type> objects' {
        $objects.Count | Should -BeGreaterThan 0
        $objects | ForEach-Object { $_.GetType().FullName | Should -Be $Type }
    }

    It 'exports to CSV one row per object, every cell a value' {
        $file = Join-Path $TestDrive 'stats.csv'
        $objects | Export-Csv -LiteralPath $file -NoTypeInformation
        $rows = @(Import-Csv -LiteralPath $file)

        $rows.Count | Should -Be $objects.Count
        $rows[0].PSObject.Properties.Name | Should -Be $objects[0].PSObject.Properties.Name
        foreach ($row in $rows) {
            foreach ($cell in $row.PSObject.Properties) { $cell.Value | Should -Not -Match $TypeName -Because "column $($cell.Name)" }
        }
        $rows[0].CampaignId | Should -Be $objects[0].CampaignId
    }

    It 'converts to JSON at depth 5 and back without loss or warning' {
        $json = $objects | ConvertTo-Json -Depth 5 -WarningVariable depthWarnings -WarningAction SilentlyContinue
        $depthWarnings | Should -BeNullOrEmpty
        $back = @($json | ConvertFrom-Json)

        $back.Count | Should -Be $objects.Count
        for ($i = 0; $i -lt $objects.Count; $i++) {
            foreach ($property in $objects[$i].PSObject.Properties | Where-Object { $_.Value -is [ValueType] -and $_.Value -isnot [datetime] }) {
                $back[$i].($property.Name) | Should -Be $property.Value -Because "$($property.Name) of row $i"
            }
            $back[$i].CampaignId | Should -Be $objects[$i].CampaignId
        }
    }

    It 'shows a table within 80 columns, no value cut' {
        $text = $objects | Format-Table | Out-String -Width 80
        $lines = $text -split "`r?`n" | Where-Object { $_.Trim() }

        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 -Because "line '$_'" }
        $text | Should -Not -Match '…'
        $lines[0] | Should -Match '^CampaignId\s'
        # A value too long for its column wraps onto lines that start blank, under the CampaignId column.
        @($lines | Where-Object { $_ -match '^\S' }).Count | Should -Be ($objects.Count + 2) -Because 'a header, its underline and one row per object'
        $text | Should -Not -Match $TypeName
    }

    It 'lists every property with Format-List *, as values' {
        $text = $objects[0] | Format-List * | Out-String -Width 200
        foreach ($name in $objects[0].PSObject.Properties.Name) { $text | Should -Match "(?m)^$name\s*:" }
        $text | Should -Not -Match $TypeName
    }
}

Describe 'A connection' {
    BeforeAll {
        $connected = Connect-Sandbox Lemlist
    }

    It 'converts to JSON with its settings and a key hint, never the key' {
        $json = $connected.Connection | ConvertTo-Json -Depth 5 -WarningAction SilentlyContinue
        $back = $json | ConvertFrom-Json

        $back.Provider | Should -Not -BeNullOrEmpty
        $back.BaseUri | Should -Not -BeNullOrEmpty
        $back.KeyHint | Should -Match '^\*+.{1,4}$'
        $json | Should -Match ([regex]::Escape($connected.Key.Substring($connected.Key.Length - 4))) -Because 'the check below would pass on an empty text'
        Test-KeyLeak $json $connected | Should -BeFalse
    }

    It 'shows a table within 80 columns and a list of its settings, never the key' {
        $table = $connected.Connection | Format-Table | Out-String -Width 80
        $list = $connected.Connection | Format-List * | Out-String -Width 200

        $table -split "`r?`n" | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
        $table | Should -Not -Match '…'
        $table | Should -Match 'Provider\s+BaseUri'
        $list | Should -Match '(?m)^KeyHint\s*:'
        Test-KeyLeak ($table + $list) $connected | Should -BeFalse
    }
}
