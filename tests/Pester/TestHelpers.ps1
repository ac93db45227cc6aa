# Shared by every *.Tests.ps1 (dot-sourced in BeforeAll): where things are, the
# sandbox, connections with a key of their own, request counts, and a child pwsh.

$script:RepositoryRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
$script:ModuleManifest = Join-Path $RepositoryRoot 'out/OutreachStats/OutreachStats.psd1'

# Polly.Core 8.1.0 as another module would ship it (tests/OutreachStats.Pwsh restores it): same
# assembly version as ours (8.0.0.0), older API.
$script:OlderPollyPath = Join-Path $(if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }) 'polly.core/8.1.0/lib/netstandard2.0/Polly.Core.dll'

function Get-SandboxUri([string] $Relative = '') {
    if (-not $env:OUTREACHSTATS_SANDBOX_URI) {
        throw 'No sandbox: run the suite with tests/Pester/Invoke-PesterSuite.ps1, or set OUTREACHSTATS_SANDBOX_URI to a running sandbox.'
    }
    [uri]::new([uri]$env:OUTREACHSTATS_SANDBOX_URI, $Relative)
}

# Where each provider sits in the sandbox, and an ID it does not have.
$script:SandboxProviders = @{
    Lemlist   = @{ Name = 'lemlist'; KeyCode = 'lm'; Path = 'lemlist/api'; UnknownId = 'cam_doesnotexist00000' }
    Smartlead = @{ Name = 'smartlead'; KeyCode = 'sl'; Path = 'smartlead'; UnknownId = '9' }
    Leadlex   = @{ Name = 'leadlex'; KeyCode = 'lx'; Path = 'leadlex'; UnknownId = 'cmp_doesnotexist' }
    Leadterra = @{ Name = 'leadterra'; KeyCode = 'lt'; Path = 'leadterra'; UnknownId = 'camp_doesnotexist0000000000' }
}

# Campaign IDs the sandbox has, in its fixed order; -Shape picks Smartlead campaigns of one answer shape.
function Get-SandboxCampaignId([string] $Provider, [int] $Take = 3, [int] $Skip = 0, [string] $Shape) {
    $name = $SandboxProviders[$Provider].Name
    $campaigns = (Invoke-RestMethod (Get-SandboxUri "_sandbox/campaigns?provider=$name&skip=$Skip&take=$([Math]::Max($Take, 200))")).campaigns
    if ($Shape) { $campaigns = $campaigns | Where-Object shape -eq $Shape }
    @($campaigns | Select-Object -First $Take | ForEach-Object id)
}

# Connects to the sandbox with a key of its own (the sandbox counts and limits each key apart) and
# returns the connection and that key's text, for counting its requests.
function Connect-Sandbox([string] $Provider) {
    $key = "sbx-$($SandboxProviders[$Provider].KeyCode)-Kq7Vw2-$([guid]::NewGuid().ToString('N').Substring(0, 12))"
    $secure = ConvertTo-SecureString $key -AsPlainText -Force
    $connection = Connect-OutreachProvider -Provider $Provider -ApiKey $secure -BaseUri (Get-SandboxUri $SandboxProviders[$Provider].Path) -PassThru
    [pscustomobject]@{ Connection = $connection; Key = $key; Provider = $Provider }
}

# How many requests the sandbox has seen with this key.
function Get-SandboxRequestCount($Connected) {
    $counters = Invoke-RestMethod (Get-SandboxUri '_sandbox/counters')
    $perKey = $counters.providers.($SandboxProviders[$Connected.Provider].Name).requestsPerKey
    $count = $perKey.($Connected.Key)
    if ($null -eq $count) { 0 } else { [int]$count }
}

# Scripts a misbehaviour of the sandbox (a fault rule, as src/OutreachStats.Sandbox/README.md lists
# them) and returns its ID for Remove-SandboxFault.
function Add-SandboxFault([hashtable] $Rule) {
    (Invoke-RestMethod -Method Post (Get-SandboxUri '_sandbox/faults') -ContentType 'application/json' -Body (ConvertTo-Json $Rule -Compress)).id
}

function Remove-SandboxFault([int] $Id) {
    Invoke-RestMethod -Method Delete (Get-SandboxUri "_sandbox/faults/$Id") | Out-Null
}

# A case of Cases.ps1 run as a user types it: its cmdlet, its arguments, its campaigns.
function Invoke-Case([hashtable] $Case, $Connected, [int] $Campaigns = 2) {
    $ids = Get-SandboxCampaignId $Case.Provider -Take $Campaigns -Shape $Case.Shape
    $arguments = $Case.Arguments
    $ids | & $Case.Cmdlet @arguments -Connection $Connected.Connection
}

# The numbers the provider sent, one text per object ("Name=value;..." in the invariant culture),
# to compare runs in other cultures and zones (the window and filters asked for are compared apart).
function Get-Numbers($Objects) {
    @($Objects | ForEach-Object {
            ($_.PSObject.Properties | Where-Object { $_.Value -is [ValueType] -and $_.Value -isnot [datetime] } |
                ForEach-Object { $_.Name + '=' + [string]::Format([cultureinfo]::InvariantCulture, '{0}', $_.Value) }) -join ';'
        })
}

# True when $Text holds any run of 6 or more characters of the key's secret part (a sandbox key
# starts with the provider's name, which URLs and messages rightly show).
function Test-KeyLeak([string] $Text, $Connected) {
    $secret = $Connected.Key.Substring($Connected.Key.LastIndexOf('-') + 1)
    for ($i = 0; $i + 6 -le $secret.Length; $i++) {
        if ($Text.Contains($secret.Substring($i, 6))) { return $true }
    }
    $false
}

# Runs a script in a new pwsh process (this same pwsh) with extra environment variables, and
# returns what it wrote to the output stream; a failure of the script fails the caller.
function Invoke-ChildPwsh([string] $Script, [hashtable] $Environment = @{}) {
    $file = Join-Path ([IO.Path]::GetTempPath()) "outreachstats-child-$([guid]::NewGuid().ToString('N')).ps1"
    Set-Content -LiteralPath $file -Value "`$ErrorActionPreference = 'Stop'`n$Script" -Encoding utf8
    try {
        $start = [System.Diagnostics.ProcessStartInfo]::new([Environment]::ProcessPath)
        if ([IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet') {
            $start.ArgumentList.Add([System.Reflection.Assembly]::GetEntryAssembly().Location)
        }
        foreach ($argument in '-NoProfile', '-NonInteractive', '-File', $file) { $start.ArgumentList.Add($argument) }
        foreach ($name in $Environment.Keys) { $start.Environment[$name] = $Environment[$name] }
        $start.Environment['NO_COLOR'] = '1'
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        $start.UseShellExecute = $false
        $process = [System.Diagnostics.Process]::Start($start)
        $errors = $process.StandardError.ReadToEndAsync()
        $text = $process.StandardOutput.ReadToEnd()
        $process.WaitForExit()
        if ($process.ExitCode -ne 0 -or $errors.Result) {
            throw "The child pwsh failed (exit code $($process.ExitCode)): $($errors.Result)$text"
        }
        $text
    }
    finally {
        Remove-Item -LiteralPath $file -ErrorAction SilentlyContinue
    }
}
