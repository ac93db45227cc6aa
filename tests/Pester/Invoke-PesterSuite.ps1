<#
.SYNOPSIS
    Runs the Pester suite of the user's day against the OutreachStats sandbox.
.DESCRIPTION
    Imports Pester 5.7.1 from the NuGet package folder (restored by `dotnet build` of
    tests/OutreachStats.Pwsh), starts the sandbox from its build output unless -SandboxUri names a
    running one, runs every *.Tests.ps1 beside this script, and stops the sandbox. The tests import
    the built module folder out/OutreachStats as a user does. Exit code: the number of failed tests.

    `dotnet test OutreachStats.sln` runs this script too, one xUnit case per Pester test.
.EXAMPLE
    dotnet run --project tests/OutreachStats.Pwsh -- -NoProfile -File tests/Pester/Invoke-PesterSuite.ps1
.EXAMPLE
    ./tests/Pester/Invoke-PesterSuite.ps1 -Path tests/Pester/Module.Tests.ps1 -Output Detailed
#>
[CmdletBinding()]
param(
    # Test files or folders; all of this folder's *.Tests.ps1 by default.
    [string[]] $Path = $PSScriptRoot,

    # A running sandbox's root URL (as it prints at start); by default one is started and stopped.
    [uri] $SandboxUri,

    # Which build of the sandbox and pwsh to use.
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug',

    # Writes every test's path, result, error and duration in seconds as JSON (what the xUnit wrapper reads).
    [string] $ResultPath,

    # Lists the tests (one expanded path a line) without running them or starting the sandbox.
    [switch] $ListOnly,

    [ValidateSet('None', 'Normal', 'Detailed', 'Diagnostic')]
    [string] $Output = 'Normal'
)

$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot '../../src/OutreachStats.Sandbox/SandboxProcess.ps1')  # Start-OutreachSandbox

$pesterVersion = '5.7.1'
$packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
$pesterManifest = Join-Path $packages "pester/$pesterVersion/tools/Pester.psd1"
if (-not (Test-Path -LiteralPath $pesterManifest)) {
    throw "Pester $pesterVersion is not restored at $pesterManifest. Run: dotnet build tests/OutreachStats.Pwsh"
}
Import-Module $pesterManifest -RequiredVersion $pesterVersion -Force

$pesterSettings = New-PesterConfiguration
$pesterSettings.Run.Path = $Path
$pesterSettings.Run.PassThru = $true
$pesterSettings.Output.Verbosity = if ($ListOnly) { 'None' } else { $Output }

if ($ListOnly) {
    # Discovery alone leaves <name> templates unexpanded; expand them as a run does, from the data of
    # the test and of every block around it, so each line is the ExpandedPath the run reports.
    function Expand-Name([string] $Template, [hashtable] $Data) {
        [regex]::Replace($Template, '<([^<>]+)>', {
                param($match)
                $value = $Data
                foreach ($part in $match.Groups[1].Value.Split('.')) {
                    $value = if ($value -is [System.Collections.IDictionary]) { $value[$part] } else { $value.$part }
                }
                "$value"
            })
    }
    $pesterSettings.Run.SkipRun = $true
    $run = Invoke-Pester -Configuration $pesterSettings
    foreach ($test in $run.Tests) {
        $blocks = [System.Collections.Generic.List[object]]::new()
        for ($block = $test.Block; -not $block.IsRoot; $block = $block.Parent) { $blocks.Insert(0, $block) }
        $data = @{}
        $names = foreach ($block in $blocks) {
            if ($block.Data -is [System.Collections.IDictionary]) { foreach ($key in $block.Data.Keys) { $data[$key] = $block.Data[$key] } }
            Expand-Name $block.Name $data
        }
        if ($test.Data -is [System.Collections.IDictionary]) { foreach ($key in $test.Data.Keys) { $data[$key] = $test.Data[$key] } }
        (@($names) + (Expand-Name $test.Name $data)) -join '.'
    }
    exit $run.FailedContainersCount
}

$sandbox = $null
if ($SandboxUri) {
    $env:OUTREACHSTATS_SANDBOX_URI = $SandboxUri.AbsoluteUri
}
else {
    $sandbox = Start-OutreachSandbox -Configuration $Configuration
    $env:OUTREACHSTATS_SANDBOX_URI = $sandbox.RootUri
}
try {
    $run = Invoke-Pester -Configuration $pesterSettings
}
finally {
    if ($sandbox) { Stop-OutreachSandbox $sandbox }
}

if ($ResultPath) {
    $results = @($run.Tests | ForEach-Object {
            [ordered]@{
                path     = $_.ExpandedPath
                result   = $_.Result
                error    = ($_.ErrorRecord | ForEach-Object { "$_`n$($_.ScriptStackTrace)" }) -join "`n"
                seconds  = [math]::Round($_.Duration.TotalSeconds, 2)
            }
        })
    # Failures outside any test: a file that does not load, a BeforeAll or AfterAll that throws.
    $containers = @(@($run.Containers) + @($run.FailedBlocks) | Where-Object { $_.ErrorRecord.Count -gt 0 } | ForEach-Object {
            [ordered]@{ path = if ($_.Item) { "$($_.Item)" } else { $_.ExpandedPath }; error = ($_.ErrorRecord | ForEach-Object { "$_" }) -join "`n" }
        })
    [ordered]@{ tests = $results; failedContainers = $containers } | ConvertTo-Json -Depth 4 |
        Set-Content -LiteralPath $ResultPath -Encoding utf8
}
exit ($run.FailedCount + $run.FailedContainersCount)
