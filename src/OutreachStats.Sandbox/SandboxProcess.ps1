# Starts and stops the sandbox as a process of its own, on a free 127.0.0.1 port, from its build
# output. Dot-sourced by build.ps1 (the Demo task), the Pester suite and the benchmark comparison.

# -Option passes the sandbox's own command-line options (--latency 100, --campaigns 10000 ...).
function Start-OutreachSandbox([string] $Configuration = 'Debug', [string[]] $Option = @()) {
    $dll = Join-Path $PSScriptRoot "bin/$Configuration/net10.0/OutreachStats.Sandbox.dll"
    if (-not (Test-Path -LiteralPath $dll)) { throw "The sandbox is not built at $dll. Run: dotnet build OutreachStats.sln" }
    $start = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($argument in @($dll, '--port', '0') + $Option) { $start.ArgumentList.Add($argument) }
    $start.RedirectStandardOutput = $true
    $start.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($start)
    # It prints its root URL on the "Control:" line, then serves until stopped.
    while ($null -ne ($line = $process.StandardOutput.ReadLine())) {
        if ($line -match '^Control: (http\S+?)_sandbox') {
            $null = $process.StandardOutput.ReadToEndAsync()  # keep the pipe drained
            return [pscustomobject]@{ Process = $process; RootUri = $Matches[1] }
        }
    }
    throw "The sandbox ($dll) exited before printing its URL (exit code $($process.ExitCode))."
}

function Stop-OutreachSandbox($Sandbox) {
    if (-not $Sandbox.Process.HasExited) { $Sandbox.Process.Kill() }
    $Sandbox.Process.WaitForExit()
}
