using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Reflection;

namespace OutreachStats;

/// <summary>
/// Loads the module's engine (OutreachStats.Engine: everything but the cmdlets) and its
/// dependencies from the dependencies/ folder, where PowerShell's own probing never looks.
/// <para>
/// PowerShell 7: every Polly.Core 8.x has assembly version 8.0.0.0, so a copy another module
/// loaded first would satisfy our reference in the default context. The engine and the
/// dependencies PowerShell does not provide are therefore loaded into an AssemblyLoadContext of
/// the module's own, all of them at once: a plain load context binds what it already holds and
/// asks the default context only for the rest. The cmdlets, in the default context, get the
/// engine from it through this handler. PowerShell loads the cmdlet classes before it calls
/// <see cref="OnImport"/>, so they must load without the engine: no base class closed over an
/// engine type, no field of an engine enum or struct. Scripts cannot name the engine's types
/// (<c>[OutreachStats.Model.LemlistCampaignStats]</c>): PowerShell resolves type names in the
/// default context only.
/// </para>
/// <para>
/// Windows PowerShell 5.1 has no load contexts: this handler serves the engine and every file of
/// dependencies/ when the runtime cannot find them, so an assembly of the same identity that is
/// already loaded wins there.
/// </para>
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer
{
    private const string EngineName = "OutreachStats.Engine";

    /// <summary>
    /// Dependencies shared with PowerShell 7 instead of isolated: System.Text.Json and the
    /// netstandard stand-ins for .NET's own types (Span, ValueTask, IAsyncEnumerable...), which
    /// PowerShell provides. Their types pass between the engine, the cmdlets and PowerShell, so
    /// each must be one copy; ours is served only where PowerShell has none.
    /// A new dependency of that kind belongs here; any other is isolated.
    /// </summary>
    private static readonly HashSet<string> SharedWithPowerShell = new(StringComparer.OrdinalIgnoreCase)
    {
        "System.Text.Json",
        "System.Text.Encodings.Web",
        "Microsoft.Bcl.AsyncInterfaces",
        "System.Buffers",
        "System.Memory",
        "System.Numerics.Vectors",
        "System.Runtime.CompilerServices.Unsafe",
        "System.Threading.Tasks.Extensions",
        "System.ComponentModel.Annotations",
    };

    private static readonly string DependencyDirectory =
        Path.Combine(Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? string.Empty, "dependencies");

    private static readonly object Gate = new();
    private static bool s_loaded;

    /// <summary>
    /// Runs at every import, in every runspace; loads and hooks once per process. Never undone
    /// (no module cleanup): other runspaces may still use the module, and the engine cannot be
    /// unloaded while the cmdlet assembly, which stays loaded, is bound to it.
    /// </summary>
    public void OnImport()
    {
        lock (Gate)
        {
            if (s_loaded) return;
            var loadContextType = typeof(object).Assembly.GetType("System.Runtime.Loader.AssemblyLoadContext");
            if (loadContextType is null)
            {
                AppDomain.CurrentDomain.AssemblyResolve += ResolveFromDependencies;
            }
            else
            {
                var (resolve, engine) = LoadIsolated(loadContextType);
                AppDomain.CurrentDomain.AssemblyResolve += resolve;
                NameInScripts(engine);
            }
            s_loaded = true;
        }
    }

    /// <summary>
    /// Loads the engine and the isolated dependencies into a new load context (by reflection:
    /// netstandard2.0 has no such type) and returns the handler that serves the engine from it,
    /// and the shared dependencies from dependencies/ where PowerShell lacks them.
    /// </summary>
    private static (ResolveEventHandler Resolve, Assembly Engine) LoadIsolated(Type loadContextType)
    {
        var context = Activator.CreateInstance(loadContextType, "OutreachStats", false);
        var loadFromPath = loadContextType.GetMethod("LoadFromAssemblyPath", new[] { typeof(string) })!;
        Assembly? engine = null;
        foreach (var path in Directory.GetFiles(DependencyDirectory, "*.dll"))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            if (SharedWithPowerShell.Contains(name)) continue;
            var assembly = (Assembly)loadFromPath.Invoke(context, new object[] { path });
            if (name == EngineName) engine = assembly;
        }
        if (engine is null) throw new FileNotFoundException($"The module's {EngineName}.dll is missing from {DependencyDirectory}.");

        return ((_, args) =>
        {
            var name = new AssemblyName(args.Name).Name;
            if (name == EngineName) return engine;
            return name is not null && SharedWithPowerShell.Contains(name) ? ResolveFromDependencies(name) : null;
        }, engine);
    }

    /// <summary>
    /// PowerShell 7 resolves a type name in scripts (<c>[OutreachStats.Model.LemlistCampaignStats]</c>,
    /// <c>catch [OutreachStats.Http.OutreachApiException]</c>) in the default load context only, so
    /// each public type of the engine is made a type accelerator under its full name, as if it were
    /// found there. PowerShell's accelerator table is not public API: it is reached by reflection,
    /// and when it cannot be, scripts match on type-name strings instead.
    /// </summary>
    private static void NameInScripts(Assembly engine)
    {
        var accelerators = typeof(PSObject).Assembly.GetType("System.Management.Automation.TypeAccelerators");
        var add = accelerators?.GetMethod("Add", BindingFlags.Public | BindingFlags.Static, null, new[] { typeof(string), typeof(Type) }, null);
        if (add is null) return;
        foreach (var type in engine.GetExportedTypes())
        {
            if (type.FullName is { } fullName) add.Invoke(null, new object[] { fullName, type });
        }
    }

    private static Assembly? ResolveFromDependencies(object? sender, ResolveEventArgs args) =>
        new AssemblyName(args.Name).Name is { Length: > 0 } name ? ResolveFromDependencies(name) : null;

    private static Assembly? ResolveFromDependencies(string name)
    {
        var path = Path.Combine(DependencyDirectory, name + ".dll");
        return File.Exists(path) ? Assembly.LoadFrom(path) : null;
    }
}
