using LlmPython.Resolver.Restore;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace LlmPython.Tasks;

/// <summary>Resolve + lock + materialize (the PythonRestore and PythonLock targets).</summary>
public sealed class PythonRestore : RestoreTaskBase
{
    /// <summary>Resolve and write the lockfile only; do not build the environment.</summary>
    public bool LockOnly { get; set; }

    /// <summary>One item per locked package: ItemSpec = name; metadata Version, Url, Sha256.</summary>
    [Output] public ITaskItem[] ResolvedPackages { get; private set; } = [];

    /// <summary>The environment's interpreter (becomes PythonEnvironmentPython).</summary>
    [Output] public string? EnvironmentPython { get; private set; }

    [Output] public string? SitePackages { get; private set; }

    /// <summary>The folder that was filled: the venv, or obj/python/rid/&lt;rid&gt;/ for another platform (what publish ships).</summary>
    [Output] public string? MaterializedEnvironmentDirectory { get; private set; }

    protected override bool ExecuteCore()
    {
        var request = BuildRequest(LockOnly);
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
        MaterializedEnvironmentDirectory = result.EnvironmentDirectory;
        if (result.NoOp)
            Log.LogMessage(MessageImportance.Low, "LlmPython: Python environment of {0} is up to date.", Path.GetFileName(ProjectPath));
        return result.Success;
    }
}
