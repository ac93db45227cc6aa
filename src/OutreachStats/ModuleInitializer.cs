using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;

namespace OutreachStats;

/// <summary>
/// Resolves the module's dependencies from its dependencies/ folder. They sit apart from the
/// module assembly so PowerShell's default probing never loads them for other modules; this
/// handler serves them when the runtime cannot find them elsewhere. On PowerShell 7, an
/// assembly PowerShell already ships (System.Text.Json) resolves to PowerShell's own copy first;
/// on Windows PowerShell 5.1 this handler also stands in for binding redirects.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private static readonly string DependencyDirectory =
        Path.Combine(Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? string.Empty, "dependencies");

    public void OnImport() => AppDomain.CurrentDomain.AssemblyResolve += ResolveDependency;

    public void OnRemove(PSModuleInfo psModuleInfo) => AppDomain.CurrentDomain.AssemblyResolve -= ResolveDependency;

    private static Assembly? ResolveDependency(object? sender, ResolveEventArgs args)
    {
        var name = new AssemblyName(args.Name).Name;
        if (string.IsNullOrEmpty(name)) return null;
        var path = Path.Combine(DependencyDirectory, name + ".dll");
        return File.Exists(path) ? Assembly.LoadFrom(path) : null;
    }
}
