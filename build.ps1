<#
.SYNOPSIS
    Builds, tests or cleans OutreachStats with the same dotnet commands the README gives.
.DESCRIPTION
    Runs in any pwsh 7, including the repository's own (no install needed):
        dotnet run --project tests/OutreachStats.Pwsh -- ./build.ps1 -Task Demo
.EXAMPLE
    ./build.ps1                 # Build: stages the importable module at out/OutreachStats
.EXAMPLE
    ./build.ps1 -Task Test      # Runs every test (client, contract, PowerShell-level)
.EXAMPLE
    ./build.ps1 -Task Demo      # Starts the sandbox and runs the quickstart script (src/OutreachStats.Demo/Demo.ps1) under pwsh
.EXAMPLE
    ./build.ps1 -Task Clean
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug'
)

$ErrorActionPreference = 'Stop'
Set-Location -LiteralPath $PSScriptRoot

function Invoke-Dotnet {
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE." }
}

switch ($Task) {
    'Build' {
        Invoke-Dotnet build OutreachStats.sln --configuration $Configuration
        Write-Host "Module staged at $(Join-Path $PSScriptRoot 'out/OutreachStats'). Import it with:"
        Write-Host "  Import-Module $(Join-Path $PSScriptRoot 'out/OutreachStats/OutreachStats.psd1')"
    }
    'Test' {
        Invoke-Dotnet test OutreachStats.sln -m:1 --configuration $Configuration
    }
    'Demo' {
        Invoke-Dotnet build OutreachStats.sln --configuration $Configuration
        . (Join-Path $PSScriptRoot 'src/OutreachStats.Sandbox/SandboxProcess.ps1')
        $sandbox = Start-OutreachSandbox -Configuration $Configuration
        try {
            & (Join-Path $PSScriptRoot 'src/OutreachStats.Demo/Demo.ps1') -SandboxUri $sandbox.RootUri
        }
        finally {
            Stop-OutreachSandbox $sandbox
        }
    }
    'Clean' {
        Invoke-Dotnet clean OutreachStats.sln --configuration $Configuration
        foreach ($path in 'out', 'tests/contracts/node_modules') {
            if (Test-Path -LiteralPath $path) { Remove-Item -LiteralPath $path -Recurse -Force }
        }
    }
}
