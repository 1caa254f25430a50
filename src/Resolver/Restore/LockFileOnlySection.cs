using LlmPython.Resolver.Accelerators;
using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Locking;

namespace LlmPython.Resolver.Restore;

/// <summary>
/// The build phase's view of python.lock.json (<see cref="RestoreRequest.FromLockFileOnly"/>): like NuGet's build,
/// which only reads project.assets.json (NETSDK1004), it takes this machine's section as the restore left it and
/// never resolves nor asks an index, not even to choose the PyTorch backend. Anything else is an error saying to restore.
/// </summary>
internal static class LockFileOnlySection
{
    /// <param name="backend">The backend chosen among the lock's sections (<see cref="BackendChoice"/>), or null without PyTorch-family items.</param>
    public static LockedEnvironment Find(RestoreSession session, BackendDecision? backend, LockFile? existing, bool current, IRestoreLog log)
    {
        var request = session.Request;
        if (existing is null)
            throw Error(request, "there is no lockfile");
        if (!current)
            throw Error(request, "the Python items or properties changed since the last restore wrote it");
        var sectionName = session.SectionName(backend);
        var section = existing.FindEnvironment(sectionName)
            ?? throw Error(request, $"it has no section for this machine ({sectionName})");
        log.Message($"Using {Path.GetFileName(request.LockFilePath)} ({sectionName}, {section.Packages.Count} packages) as restored.");
        return section;
    }

    private static LlmPyException Error(RestoreRequest request, string why) => new(DiagnosticCodes.Lock.NotRestored,
        $"The build materializes the Python environment from {request.LockFilePath} only (it never resolves, like NuGet's build with project.assets.json), " +
        $"but {why}. Run `dotnet restore` (or build without --no-restore), then build again. " +
        "To resolve during the build instead (for builds that skip restore), set PythonResolveOnBuild=true.");
}
