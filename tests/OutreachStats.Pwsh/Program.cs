// The SDK's console host, as pwsh itself starts it: every argument is pwsh's (-NoProfile, -File,
// -Command, -NonInteractive ...), and the exit code is the script's.
return Microsoft.PowerShell.UnmanagedPSEntry.Start(args, args.Length);
