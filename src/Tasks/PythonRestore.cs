using LlmPython.Resolver.Restore;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace LlmPython.Tasks;

/// <summary>Resolve + lock + materialize (the PythonRestore and PythonLock targets).</summary>
public sealed class PythonRestore : RestoreTaskBase
{
    /// <summary>Resolve and write the lockfile only; do not build the environment.</summary>
    public bool LockOnly { get; set; }

    /// <summary>The build phase: materialize from the lockfile as the restore left it; never resolve (LLMPY0640 when stale).</summary>
    public bool FromLockFileOnly { get; set; }

    /// <summary><c>high</c> (default), <c>normal</c> or <c>low</c>: the importance of the "up to date" line of a no-op.</summary>
    public string? UpToDateMessageImportance { get; set; }

    /// <summary>One item per locked package: ItemSpec = name; metadata Version, Url, Sha256.</summary>
    [Output] public ITaskItem[] ResolvedPackages { get; private set; } = [];

    /// <summary>The environment's interpreter (becomes PythonEnvironmentPython).</summary>
    [Output] public string? EnvironmentPython { get; private set; }

    [Output] public string? SitePackages { get; private set; }

    protected override bool ExecuteCore()
    {
        var request = BuildRequest(LockOnly) with { FromLockFileOnly = FromLockFileOnly };
        var engine = new RestoreEngine(new MSBuildRestoreLog(Log, ProjectFile));
        var result = engine.Run(request, CancellationToken);

        ResolvedPackages = result.Packages.Select(p =>
        {
            var item = new TaskItem(p.Name);
            item.SetMetadata("Version", p.Version);
            item.SetMetadata("Url", p.Url);
            item.SetMetadata("Sha256", p.Sha256);
            return (ITaskItem)item;
        }).ToArray();
        EnvironmentPython = result.EnvironmentPython;
        SitePackages = result.SitePackages;
        // High importance: shown at dotnet build's default (minimal) console verbosity, next to NuGet's "All projects are up-to-date for restore."
        if (result.NoOp)
            Log.LogMessage(ParseImportance(UpToDateMessageImportance), "Python environment is up to date for {0} ({1} packages).",
                Path.GetFileName(ProjectPath), ResolvedPackages.Length);
        return result.Success;
    }

    private static MessageImportance ParseImportance(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "low" => MessageImportance.Low,
        "normal" => MessageImportance.Normal,
        _ => MessageImportance.High,
    };
}
