<#
.SYNOPSIS
    The OutreachStats quickstart: campaign statistics from every provider of a running sandbox.
.DESCRIPTION
    Connects to each provider at the OutreachStats sandbox, prints what the module's cmdlets return
    (tables through the module's format views), then a short cross-campaign summary.

    `dotnet run --project src/OutreachStats.Demo` starts a sandbox and runs this script in-process
    (no pwsh needed). With pwsh, `./build.ps1 -Task Demo` does the same, or start the sandbox
    yourself and run the script:

        dotnet run --project src/OutreachStats.Sandbox -- --port 5080
        ./src/OutreachStats.Demo/Demo.ps1 -SandboxUri http://127.0.0.1:5080/

    Against your real accounts, connect with your keys and leave out -BaseUri.
.PARAMETER SandboxUri
    The sandbox's root URL, as it prints at start.
.PARAMETER ModulePath
    The module to import; by default the one `dotnet build` staged in out/OutreachStats.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [uri] $SandboxUri,

    [string] $ModulePath = (Join-Path $PSScriptRoot '../../out/OutreachStats/OutreachStats.psd1')
)

$ErrorActionPreference = 'Stop'
Import-Module $ModulePath -Force

# The sandbox names its working keys at its control root (sbx-lm-Kq7Vw2 for lemlist). A real key
# comes from Read-Host -AsSecureString, Get-Credential or a vault, never from a script.
function Get-SandboxKey([string] $Provider) {
    $key = (Invoke-RestMethod ([uri]::new($SandboxUri, '_sandbox'))).providers.$Provider.keys.valid
    [System.Net.NetworkCredential]::new('', $key).SecurePassword
}

# The sandbox lists the campaigns it has. With a real account the IDs come from a CSV
# (Import-Csv campaigns.csv | Get-LemlistBatchStats) or the provider's app.
function Get-SandboxCampaignId([string] $Provider, [int] $Take) {
    (Invoke-RestMethod ([uri]::new($SandboxUri, "_sandbox/campaigns?provider=$Provider&take=$Take"))).campaigns.id
}

function Get-Share([double] $Part, [double] $Whole) {
    if ($Whole -eq 0) { 0 } else { $Part / $Whole }
}

$summary = [System.Collections.Generic.List[string]]::new()
function Add-Summary([string] $Provider, [int] $Campaigns, [long] $Sent, [long] $Replied) {
    $summary.Add(('{0,-10} {1,6:N0} campaigns {2,10:N0} sent {3,8:N0} replied  reply rate {4,6:P1}' -f
            $Provider, $Campaigns, $Sent, $Replied, (Get-Share $Replied $Sent)))
}

# --- lemlist ------------------------------------------------------------------------------------
Connect-OutreachProvider -Provider Lemlist -ApiKey (Get-SandboxKey lemlist) -BaseUri ([uri]::new($SandboxUri, 'lemlist/api'))
$lemlistIds = @(Get-SandboxCampaignId lemlist 250)

"lemlist: $($lemlistIds.Count) campaigns, first quarter of 2026, through Get-LemlistBatchStats (100 IDs per request)"
$lemlist = @($lemlistIds | Get-LemlistBatchStats -StartDate 2026-01-01 -EndDate 2026-03-31)

$byReplies = @($lemlist | Sort-Object Replied -Descending -Stable | Select-Object -First 5)
'The five campaigns with the most replies:'
$byReplies | Out-Host

"Steps of $($byReplies[0].CampaignId), one row each (-PerStep, ready for Export-Csv):"
Get-LemlistCampaignStats $byReplies[0].CampaignId -StartDate 2026-01-01 -EndDate 2026-03-31 -PerStep | Out-Host

$sent = 0; $replied = 0
$lemlist | ForEach-Object { $sent += $_.Sent; $replied += $_.Replied }
Add-Summary lemlist $lemlist.Count $sent $replied

# --- Smartlead ----------------------------------------------------------------------------------
Connect-OutreachProvider -Provider Smartlead -ApiKey (Get-SandboxKey smartlead) -BaseUri ([uri]::new($SandboxUri, 'smartlead'))
$smartleadIds = @(Get-SandboxCampaignId smartlead 8)

''
"Smartlead: $($smartleadIds.Count) campaigns, every page of their statistics read and summed (-Summary), per campaign:"
$smartleadCampaigns = @($smartleadIds | Get-SmartleadCampaignStatistics -Summary -PageSize 1000)
$smartleadCampaigns | Out-Host
$largest = ($smartleadCampaigns | Sort-Object Sent -Descending -Stable | Select-Object -First 1).CampaignId
"Per sequence step of campaign $($largest), the one that sent most (-Summary -PerStep):"
Get-SmartleadCampaignStatistics $largest -Summary -PerStep -PageSize 1000 | Out-Host

$sent = 0; $replied = 0
$smartleadCampaigns | ForEach-Object { $sent += $_.Sent; $replied += $_.Replied }
Add-Summary Smartlead $smartleadCampaigns.Count $sent $replied

# --- Leadlex -------------------------------------------------------------------------------------
Connect-OutreachProvider -Provider Leadlex -ApiKey (Get-SandboxKey leadlex) -BaseUri ([uri]::new($SandboxUri, 'leadlex'))
$leadlex = @(Get-SandboxCampaignId leadlex 25 | Get-LeadlexCampaignStats)
"Leadlex: $($leadlex.Count) campaigns, those with a reply rate of 5 % or more:"
$leadlex | Where-Object ReplyRate -ge 0.05 | Out-Host

$sent = 0; $replied = 0
$leadlex | ForEach-Object { $sent += $_.Sent; $replied += $_.Replied }
Add-Summary Leadlex $leadlex.Count $sent $replied

# --- Leadterra -----------------------------------------------------------------------------------
Connect-OutreachProvider -Provider Leadterra -ApiKey (Get-SandboxKey leadterra) -BaseUri ([uri]::new($SandboxUri, 'leadterra'))
$leadterra = @(Get-SandboxCampaignId leadterra 25 | Get-LeadterraCampaignStats)
"Leadterra: $($leadterra.Count) campaigns, the five with the best reply rate:"
$leadterra | Sort-Object ReplyRate -Descending -Stable | Select-Object -First 5 | Out-Host

$sent = 0; $replied = 0
$leadterra | ForEach-Object { $sent += $_.Sent; $replied += $_.Replied }
Add-Summary Leadterra $leadterra.Count $sent $replied

# --- across providers ---------------------------------------------------------------------------
''
'Across providers:'
$summary
''
'Connections used (the key shows only as a masked hint):'
Get-OutreachConnection | Out-Host
