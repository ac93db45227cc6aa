<#
.SYNOPSIS
    Builds, tests or cleans OutreachStats with the same dotnet commands the README gives.
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
        Invoke-Dotnet test OutreachStats.sln --configuration $Configuration
    }
    'Demo' {
        Invoke-Dotnet build OutreachStats.sln --configuration $Configuration
        # The sandbox in the background on a free port; it prints its root URL first.
        $port = Get-Random -Minimum 20000 -Maximum 40000
        $sandbox = Start-Process dotnet -ArgumentList 'run', '--no-build', '--configuration', $Configuration, '--project', 'src/OutreachStats.Sandbox', '--', '--port', $port -PassThru -NoNewWindow -RedirectStandardOutput (New-TemporaryFile)
        try {
            $uri = "http://127.0.0.1:$port/"
            $deadline = (Get-Date).AddSeconds(60)
            while ($true) {
                try { $null = Invoke-RestMethod "$($uri)_sandbox"; break }
                catch { if ((Get-Date) -gt $deadline -or $sandbox.HasExited) { throw "The sandbox did not start on $uri." }; Start-Sleep -Milliseconds 250 }
            }
            & (Join-Path $PSScriptRoot 'src/OutreachStats.Demo/Demo.ps1') -SandboxUri $uri
        }
        finally {
            Stop-Process -Id $sandbox.Id -ErrorAction SilentlyContinue
        }
    }
    'Clean' {
        Invoke-Dotnet clean OutreachStats.sln --configuration $Configuration
        foreach ($path in 'out', 'tests/contracts/node_modules') {
            if (Test-Path -LiteralPath $path) { Remove-Item -LiteralPath $path -Recurse -Force }
        }
    }
}
