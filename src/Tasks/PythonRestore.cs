using System.Runtime.CompilerServices;
using LlmPython.Resolver.Restore;
using LlmPython.Resolver.Restore.NoOp;
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

    /// <summary>The folder that was filled: the venv, or obj/python/rid/&lt;rid&gt;/ for another platform (what publish ships).</summary>
    [Output] public string? MaterializedEnvironmentDirectory { get; private set; }

    protected override bool ExecuteCore()
    {
        // Only a plain build can be a no-op; lock-only and update requests always reach the engine.
        var noOpKey = LockOnly || Setting("PythonUpdatePackages") is not null ? null : RestoreInputsKey.Compute(this);
        if (noOpKey is not null && TryStampedNoOp(noOpKey))
            return true;
        return RunEngine(noOpKey);
    }

    // The fast path: the stamp vouches for these exact inputs; nothing of the engine is loaded or run.
    private bool TryStampedNoOp(string noOpKey)
    {
        var context = SettingContext;
        var stamp = StampedNoOp.TryConfirm(context.RequiredPath("PythonEnvironmentDirectory", Setting("PythonEnvironmentDirectory")),
            context.RequiredPath("PythonLockFile", Setting("PythonLockFile")), noOpKey);
        if (stamp is null)
            return false;
        SetOutputs(stamp.Packages!, stamp.EnvironmentPython, stamp.SitePackages, stamp.EnvironmentDirectory);
        LogUpToDate();
        return true;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool RunEngine(string? noOpKey)
    {
        var request = BuildRequest(LockOnly) with { NoOpKey = noOpKey, FromLockFileOnly = FromLockFileOnly };
        var engine = new RestoreEngine(new MSBuildRestoreLog(Log, ProjectFile, Locate));
        var result = engine.Run(request, CancellationToken);
        SetOutputs(result.Packages, result.EnvironmentPython, result.SitePackages, result.EnvironmentDirectory);
        if (result.NoOp)
            LogUpToDate();
        return result.Success;
    }

    // High importance by default: shown at dotnet build's default (minimal) console verbosity, next to NuGet's
    // "All projects are up-to-date for restore."
    private void LogUpToDate() =>
        Log.LogMessage(ParseImportance(UpToDateMessageImportance), "Python environment is up to date for {0} ({1} packages).",
            Path.GetFileName(ProjectPath), ResolvedPackages.Length);

    private void SetOutputs(IReadOnlyList<ResolvedPackage> packages, string? environmentPython, string? sitePackages, string? materializedDirectory)
    {
        ResolvedPackages = packages.Select(p =>
        {
            var item = new TaskItem(p.Name);
            item.SetMetadata("Version", p.Version);
            item.SetMetadata("Url", p.Url);
            item.SetMetadata("Sha256", p.Sha256);
            return (ITaskItem)item;
        }).ToArray();
        EnvironmentPython = environmentPython;
        SitePackages = sitePackages;
        MaterializedEnvironmentDirectory = materializedDirectory;
    }

    private static MessageImportance ParseImportance(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "low" => MessageImportance.Low,
        "normal" => MessageImportance.Normal,
        _ => MessageImportance.High,
    };
}
