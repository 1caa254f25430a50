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
    public static async Task<LockedEnvironment> FindAsync(RestoreSession session, GpuInfo gpu, LockFile? existing, bool current,
        IRestoreLog log, CancellationToken cancellationToken)
    {
        var request = session.Request;
        if (existing is null)
            throw Error(request, "there is no lockfile");
        if (!current)
            throw Error(request, "the Python items or properties changed since the last restore wrote it");

        // The backend is chosen among the sections the lock has (no index probe), as a current lock is reused offline.
        BackendDecision? backend = session.HasPyTorchFamily
            ? await session.ChooseBackendAsync(gpu, existing, cancellationToken).ConfigureAwait(false)
            : null;
        var sectionName = session.SectionName(backend);
        var section = existing.FindEnvironment(sectionName)
            ?? throw Error(request, $"it has no section for this machine ({sectionName})");
        if (backend is not null)
        {
            foreach (var warning in backend.Warnings)
                log.Warning(warning.Code, warning.Message, request.ProjectPath);
            log.Message($"PyTorch backend: {backend.Backend} ({backend.Explanation})", important: true);
        }
        log.Message($"Using {Path.GetFileName(request.LockFilePath)} ({sectionName}, {section.Packages.Count} packages) as restored.");
        return section;
    }

    private static LlmPyException Error(RestoreRequest request, string why) => new(DiagnosticCodes.Lock.NotRestored,
        $"The build materializes the Python environment from {request.LockFilePath} only (it never resolves, like NuGet's build with project.assets.json), " +
        $"but {why}. Run `dotnet restore` (or build without --no-restore), then build again. " +
        "To resolve during the build instead (for builds that skip restore), set PythonResolveOnBuild=true.");
}
