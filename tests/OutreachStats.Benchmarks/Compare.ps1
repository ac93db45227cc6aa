<#
.SYNOPSIS
    The module against what a capable user writes without it, on the same work in the same run.

.DESCRIPTION
    For each latency, starts the sandbox with that latency and every provider behind its strict
    fixed-window limit (lemlist 20 per 2 s with its headers, Smartlead 60 per minute, Leadlex and
    Leadterra 60 per minute, the module's defaults for them), then runs each case twice: through
    the module's cmdlet, and through a naive loop (one Invoke-RestMethod per request; on a 429 it
    sleeps for the seconds Retry-After gives and sends the same request again). Each run has a key,
    so a rate-limit window, of its own.

    Prints one row per case and runner: seconds, the requests the sandbox served and its 429s, the
    floor (the least time the provider's limit allows for the requests the work needs: the window
    times (ceiling(requests / limit) - 1), plus one latency), the time over the floor and over the
    naive loop, and the peak live memory (after a full collection, sampled every 2,000 rows and
    at the end, above what was live before the run). Timings are measured, never asserted.

    Run in the repository's pwsh after `dotnet build OutreachStats.sln`:
        dotnet run --project tests/OutreachStats.Pwsh -- tests/OutreachStats.Benchmarks/Compare.ps1

.PARAMETER Quick
    One latency (10 ms) and small sizes, for a smoke test in well under a minute.
#>
[CmdletBinding()]
param(
    [switch] $Quick,
    [int[]] $LatencyMs = @(10, 100, 300),
    [int] $LemlistSingleCampaigns = 200,
    [int] $LemlistBatchCampaigns = 10000,
    [int] $SmartleadRows = 100000,
    [int] $BearerCampaigns = 60,
    [string] $Configuration = 'Debug'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3

if ($Quick) {
    $LatencyMs = @(10)
    $LemlistSingleCampaigns = 25
    $LemlistBatchCampaigns = 300
    $SmartleadRows = 1000
    $BearerCampaigns = 5
}

. (Join-Path $PSScriptRoot '../../src/OutreachStats.Sandbox/SandboxProcess.ps1')  # Start-OutreachSandbox
$manifest = Join-Path $PSScriptRoot '../../out/OutreachStats/OutreachStats.psd1'
if (-not (Test-Path -LiteralPath $manifest)) { throw "The module is not built at $manifest. Run: dotnet build OutreachStats.sln" }

# The limits the sandbox enforces, and so the floor's terms.
$Limits = @{
    lemlist   = @{ Requests = 20; WindowSeconds = 2 }
    smartlead = @{ Requests = 60; WindowSeconds = 60 }
    leadlex   = @{ Requests = 60; WindowSeconds = 60 }
    leadterra = @{ Requests = 60; WindowSeconds = 60 }
}
$LemlistWindow = @{ StartDate = '2026-01-01'; EndDate = '2026-03-31' }
$LemlistBatchSize = 100
# The largest page both sides ask for: at Smartlead's 60 requests a minute the page size decides the time.
$SmartleadPageSize = 1000
$MemorySampleRows = 2000

function Get-FloorSeconds([string] $Provider, [long] $Requests, [int] $Latency) {
    $limit = $Limits[$Provider]
    $limit.WindowSeconds * ([math]::Ceiling($Requests / $limit.Requests) - 1) + $Latency / 1000
}

function ConvertTo-SecureKey([string] $Key) { [System.Net.NetworkCredential]::new('', $Key).SecurePassword }

# Invoke-RestMethod, and on a 429 a sleep for Retry-After, then the same request again.
function Invoke-NaiveRequest([hashtable] $Request) {
    while ($true) {
        try {
            return Invoke-RestMethod @Request
        }
        catch [Microsoft.PowerShell.Commands.HttpResponseException] {
            if ([int]$_.Exception.Response.StatusCode -ne 429) { throw }
            Start-Sleep -Milliseconds $_.Exception.Response.Headers.RetryAfter.Delta.TotalMilliseconds
        }
    }
}

function Get-SandboxCampaignId([string] $Provider, [int] $Take) {
    (Invoke-RestMethod "$($sandbox.RootUri)_sandbox/campaigns?provider=$Provider&take=$Take").campaigns.id
}

# Runs one case's work, its output counted and dropped as it arrives, as a user's pipeline would
# consume it; returns what the sandbox served meanwhile.
function Measure-Run([string] $Provider, [scriptblock] $Work) {
    $null = Invoke-RestMethod -Method Delete "$($sandbox.RootUri)_sandbox/counters"
    [GC]::Collect()
    $baseline = [GC]::GetTotalMemory($true)
    $peak = $baseline
    $items = 0
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    & $Work | ForEach-Object {
        $items++
        if ($items % $MemorySampleRows -eq 0) { $peak = [math]::Max($peak, [GC]::GetTotalMemory($true)) }
    }
    $clock.Stop()
    $peak = [math]::Max($peak, [GC]::GetTotalMemory($true))
    $served = (Invoke-RestMethod "$($sandbox.RootUri)_sandbox/counters").providers.$Provider
    [pscustomobject]@{
        Items      = $items
        Seconds    = $clock.Elapsed.TotalSeconds
        Requests   = $served.requests
        TooMany    = $served.rateLimited
        PeakLiveMB = ($peak - $baseline) / 1MB
    }
}

$results = [System.Collections.Generic.List[object]]::new()
function Add-Result([string] $Latency, [string] $Case, [string] $Runner, $Run, $FloorSeconds, $NaiveSeconds) {
    $results.Add([pscustomobject]@{
        Latency      = $Latency
        Case         = $Case
        Runner       = $Runner
        Items        = $Run.Items
        Seconds      = $Run.Seconds
        Requests     = $Run.Requests
        TooMany      = $Run.TooMany
        FloorSeconds = $FloorSeconds
        ToFloor      = if ($FloorSeconds) { $Run.Seconds / $FloorSeconds } else { $null }
        ToNaive      = if ($NaiveSeconds) { $Run.Seconds / $NaiveSeconds } else { $null }
        PeakLiveMB   = $Run.PeakLiveMB
    })
    Write-Host ('  {0,-34} {1,-6} {2,8:0.00} s' -f $Case, $Runner, $Run.Seconds)
}

# Both runners of one case: the module first, then the naive loop, each on a fresh key.
function Compare-Case([int] $Latency, [string] $Case, [string] $Provider, [long] $RequestsNeeded, [scriptblock] $Module, [scriptblock] $Naive) {
    $floor = Get-FloorSeconds $Provider $RequestsNeeded $Latency
    $moduleRun = Measure-Run $Provider $Module
    $naiveRun = Measure-Run $Provider $Naive
    Add-Result "$Latency ms" $Case 'module' $moduleRun $floor $naiveRun.Seconds
    Add-Result "$Latency ms" $Case 'naive' $naiveRun $floor $naiveRun.Seconds
}

function New-RunKey([string] $ValidKey) { "$ValidKey-$([guid]::NewGuid().ToString('N'))" }

# Import-Module first, before anything in this process has loaded the module or its dependencies.
$clock = [System.Diagnostics.Stopwatch]::StartNew()
Import-Module $manifest
$clock.Stop()
Add-Result '-' 'Import-Module' 'module' ([pscustomobject]@{ Items = 0; Seconds = $clock.Elapsed.TotalSeconds; Requests = 0; TooMany = 0; PeakLiveMB = $null }) $null $null

Write-Host "OutreachStats against a naive Invoke-RestMethod loop; $([Environment]::ProcessorCount) cores, $($PSVersionTable.PSVersion) ($(if ($Quick) { 'quick' } else { 'full' }))"
$firstLatency = $true
foreach ($latency in $LatencyMs) {
    Write-Host "Sandbox with $latency ms latency"
    $sandbox = Start-OutreachSandbox -Configuration $Configuration -Option @(
        '--latency', "$latency", '--campaigns', "$([math]::Max($LemlistBatchCampaigns, $LemlistSingleCampaigns))",
        '--smartlead-shape', 'per-send', '--leadlex-rate-limit', '60', '--leadterra-rate-limit', '60')
    try {
        $describe = Invoke-RestMethod "$($sandbox.RootUri)_sandbox"
        $keys = @{}
        $baseUris = @{}
        foreach ($provider in $Limits.Keys) {
            $keys[$provider] = $describe.providers.$provider.keys.valid
            $baseUris[$provider] = $describe.providers.$provider.baseUri
        }
        $lemlistIds = @(Get-SandboxCampaignId lemlist $LemlistBatchCampaigns)
        $lemlistSingleIds = $lemlistIds[0..($LemlistSingleCampaigns - 1)]

        if ($firstLatency) {
            # The first call after import: connecting and one lemlist request, against the naive
            # loop's first request; neither process had sent one before.
            $naiveKey = New-RunKey $keys.lemlist
            $naiveFirst = Measure-Run lemlist {
                Invoke-NaiveRequest @{ Uri = "$($baseUris.lemlist)/v2/campaigns/cam_123/stats?startDate=2026-01-01&endDate=2026-03-31"; Headers = @{ Authorization = 'Basic ' + [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes(":$naiveKey")) } }
            }
            $moduleFirst = Measure-Run lemlist {
                $connection = Connect-OutreachProvider -Provider Lemlist -ApiKey (ConvertTo-SecureKey (New-RunKey $keys.lemlist)) -BaseUri $baseUris.lemlist -PassThru
                Get-LemlistCampaignStats cam_123 @LemlistWindow -Connection $connection
            }
            $floor = Get-FloorSeconds lemlist 1 $latency
            Add-Result "$latency ms" 'first call after import' 'module' $moduleFirst $floor $naiveFirst.Seconds
            Add-Result "$latency ms" 'first call after import' 'naive' $naiveFirst $floor $naiveFirst.Seconds
            $firstLatency = $false
        }

        # The sandbox plays each lemlist campaign out once and keeps it: one untimed pass, so that
        # neither runner pays for generating the data.
        $warmKey = New-RunKey $keys.lemlist
        $warmConnection = Connect-OutreachProvider -Provider Lemlist -ApiKey (ConvertTo-SecureKey $warmKey) -BaseUri $baseUris.lemlist -PassThru
        $null = $lemlistIds | Get-LemlistBatchStats @LemlistWindow -Connection $warmConnection

        Compare-Case $latency "lemlist single, $($lemlistSingleIds.Count) IDs" lemlist $lemlistSingleIds.Count -Module {
            $connection = Connect-OutreachProvider -Provider Lemlist -ApiKey (ConvertTo-SecureKey (New-RunKey $keys.lemlist)) -BaseUri $baseUris.lemlist -PassThru
            $lemlistSingleIds | Get-LemlistCampaignStats @LemlistWindow -Connection $connection
        } -Naive {
            $headers = @{ Authorization = 'Basic ' + [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes(":$(New-RunKey $keys.lemlist)")) }
            foreach ($id in $lemlistSingleIds) {
                Invoke-NaiveRequest @{ Uri = "$($baseUris.lemlist)/v2/campaigns/$id/stats?startDate=$($LemlistWindow.StartDate)&endDate=$($LemlistWindow.EndDate)"; Headers = $headers }
            }
        }

        Compare-Case $latency "lemlist batch, $($lemlistIds.Count) IDs" lemlist ([math]::Ceiling($lemlistIds.Count / $LemlistBatchSize)) -Module {
            $connection = Connect-OutreachProvider -Provider Lemlist -ApiKey (ConvertTo-SecureKey (New-RunKey $keys.lemlist)) -BaseUri $baseUris.lemlist -PassThru
            $lemlistIds | Get-LemlistBatchStats @LemlistWindow -Connection $connection
        } -Naive {
            $headers = @{ Authorization = 'Basic ' + [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes(":$(New-RunKey $keys.lemlist)")) }
            for ($start = 0; $start -lt $lemlistIds.Count; $start += $LemlistBatchSize) {
                $body = @{
                    campaignIds = @($lemlistIds[$start..([math]::Min($start + $LemlistBatchSize, $lemlistIds.Count) - 1)])
                    startDate   = $LemlistWindow.StartDate
                    endDate     = $LemlistWindow.EndDate
                } | ConvertTo-Json
                (Invoke-NaiveRequest @{ Method = 'Post'; Uri = "$($baseUris.lemlist)/v2/campaigns/stats/batch"; Headers = $headers; Body = $body; ContentType = 'application/json' }).results
            }
        }

        # Per-send campaigns, in the sandbox's order, until they hold the rows asked for; an
        # untimed survey (its own key) reads each one's total and plays it out for both runners.
        $surveyKey = New-RunKey $keys.smartlead
        $smartleadCampaigns = [System.Collections.Generic.List[object]]::new()
        $rowsFound = 0
        foreach ($id in Get-SandboxCampaignId smartlead 1000) {
            if ($rowsFound -ge $SmartleadRows) { break }
            $total = [long](Invoke-NaiveRequest @{ Uri = "$($baseUris.smartlead)/api/v1/campaigns/$id/statistics?api_key=$surveyKey&limit=1" }).total_stats
            if ($total -eq 0) { continue }
            $smartleadCampaigns.Add([pscustomobject]@{ Id = $id; Rows = $total })
            $rowsFound += $total
        }
        $smartleadIds = @($smartleadCampaigns.Id)
        $smartleadPages = ($smartleadCampaigns | ForEach-Object { [math]::Ceiling($_.Rows / $SmartleadPageSize) } | Measure-Object -Sum).Sum
        Compare-Case $latency "Smartlead, $rowsFound rows, $($smartleadIds.Count) campaigns" smartlead $smartleadPages -Module {
            $connection = Connect-OutreachProvider -Provider Smartlead -ApiKey (ConvertTo-SecureKey (New-RunKey $keys.smartlead)) -BaseUri $baseUris.smartlead -PassThru
            $smartleadIds | Get-SmartleadCampaignStatistics -PageSize $SmartleadPageSize -Connection $connection
        } -Naive {
            $key = New-RunKey $keys.smartlead
            foreach ($id in $smartleadIds) {
                $offset = 0
                do {
                    $page = Invoke-NaiveRequest @{ Uri = "$($baseUris.smartlead)/api/v1/campaigns/$id/statistics?api_key=$key&offset=$offset&limit=$SmartleadPageSize" }
                    $page.data
                    $offset += $SmartleadPageSize
                } while ($offset -lt [long]$page.total_stats)
            }
        }

        foreach ($bearerProvider in 'Leadlex', 'Leadterra') {
            $name = $bearerProvider.ToLowerInvariant()
            $ids = @(Get-SandboxCampaignId $name $BearerCampaigns)
            Compare-Case $latency "$bearerProvider, $($ids.Count) IDs" $name $ids.Count -Module {
                $connection = Connect-OutreachProvider -Provider $bearerProvider -ApiKey (ConvertTo-SecureKey (New-RunKey $keys[$name])) -BaseUri $baseUris[$name] -PassThru
                $ids | & "Get-$($bearerProvider)CampaignStats" -Connection $connection
            } -Naive {
                $headers = @{ Authorization = "Bearer $(New-RunKey $keys[$name])" }
                foreach ($id in $ids) { Invoke-NaiveRequest @{ Uri = "$($baseUris[$name])/v1/campaigns/$id/stats"; Headers = $headers } }
            }
        }
    }
    finally {
        Stop-OutreachSandbox $sandbox
    }
}

function Format-Number($Value, [string] $Format) { if ($null -eq $Value) { '-' } else { $Value.ToString($Format, [cultureinfo]::InvariantCulture) } }

$row = '{0,-8} {1,-40} {2,-6} {3,8} {4,9} {5,9} {6,5} {7,8} {8,8} {9,8} {10,8}'
''
$row -f 'latency', 'case', 'runner', 'items', 'seconds', 'requests', '429s', 'floor s', 'x floor', 'x naive', 'live MB'
foreach ($result in $results) {
    $row -f $result.Latency, $result.Case, $result.Runner, $result.Items, (Format-Number $result.Seconds '0.00'),
        $result.Requests, $result.TooMany, (Format-Number $result.FloorSeconds '0.00'), (Format-Number $result.ToFloor '0.00'),
        (Format-Number $result.ToNaive '0.00'), (Format-Number $result.PeakLiveMB '0.0')
}
