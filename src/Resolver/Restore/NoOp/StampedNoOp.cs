using System.Security.Cryptography;
using LlmPython.Resolver.Accelerators;
using LlmPython.Resolver.Environments;
using LlmPython.Resolver.Interpreters;
using LlmPython.Resolver.Locking;

namespace LlmPython.Resolver.Restore.NoOp;

/// <summary>
/// The one place that decides "nothing to do" (NuGet's no-op restore, for Python), from the stamp beside the
/// environment (<see cref="RestoreStamp"/>). Both checks require the stamp of this environment folder and the
/// lock bytes it was built from; then
/// <list type="bullet">
/// <item>the build's fast path (<see cref="TryConfirm(string, string, string)"/>, before the engine: no interpreter
/// discovery, no GPU detection, no lock parsing) compares the caller's <see cref="RestoreRequest.NoOpKey"/> and stats
/// the recorded files;</item>
/// <item>the engine (<see cref="TryConfirm(RestoreSession, GpuInfo, LockFileOnDisk)"/>) compares its key (<see cref="EngineKey"/>:
/// the lock's inputs hash and this machine) and checks the environment's files; it is the authority: anything the fast
/// path cannot confirm falls back to it.</item>
/// </list>
/// After a successful restore <see cref="Record"/> writes the stamp, armed for the fast path only when the key can
/// vouch for the result.
/// </summary>
public static class StampedNoOp
{
    /// <summary>The build's fast path: the stamp whose recorded result still holds, or null when the engine must run.</summary>
    public static RestoreStamp? TryConfirm(string environmentDirectory, string lockFilePath, string noOpKey)
    {
        var environment = Path.GetFullPath(environmentDirectory);
        var stamp = RestoreStamp.TryRead(RestoreStamp.PathFor(environment));
        if (stamp is not { NoOpKey: { } key, Packages: not null, Files: { Count: > 0 } files }
            || key != noOpKey || stamp.EnvironmentDirectory != environment)
            return null;
        foreach (var file in files)
            if (!file.IsCurrent())
                return null;
        byte[] lockBytes;
        try { lockBytes = File.ReadAllBytes(lockFilePath); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
        return Sha256(lockBytes) == stamp.LockSha256 ? stamp : null;
    }

    /// <summary>
    /// The engine's check: same inputs, same lock bytes, same machine, environment intact. PythonUpdatePackages and
    /// PythonLock always do work (the build phase, which only reads the lock, ignores PythonUpdatePackages).
    /// </summary>
    internal static RestoreStamp? TryConfirm(RestoreSession session, GpuInfo gpu, LockFileOnDisk lockFile)
    {
        var request = session.Request;
        if (request.LockOnly || lockFile.Sha256 is null || (request.UpdatePackages.Count > 0 && !request.FromLockFileOnly))
            return null;
        var stamp = RestoreStamp.TryRead(session.StampPath);
        return stamp is not null
            && stamp.EngineKey == EngineKey(session, gpu) && stamp.LockSha256 == lockFile.Sha256
            && stamp.EnvironmentDirectory == Path.GetFullPath(session.EnvironmentDirectory)
            && IsIntact(session.EnvironmentDirectory, session.BaseInterpreter)
            ? stamp : null;
    }

    /// <summary>
    /// Writes the stamp of a successful restore (when its bytes change). It carries the fast path's record only when
    /// the key can vouch for the result: not for a detected GPU (the key does not see the hardware), not after warnings
    /// a no-op would not repeat, not for a described target or an interpreter wrapper (only the engine's probe sees those).
    /// </summary>
    internal static void Record(RestoreSession session, GpuInfo gpu, string lockSha256, string? lockSection, RestoreResult result, bool warned)
    {
        var stamp = new RestoreStamp(EngineKey(session, gpu), lockSha256, Path.GetFullPath(session.EnvironmentDirectory))
        {
            LockSection = lockSection,
        };
        var request = session.Request;
        if (request.NoOpKey is not null && !warned && !(session.HasPyTorchFamily && !gpu.IsDescribed)
            && !session.BaseInterpreter.IsDescribed && ExecutableIsTheInterpreter(session)
            && CaptureFiles(session.EnvironmentDirectory, session.BaseInterpreter) is { } files)
        {
            stamp = stamp with
            {
                NoOpKey = request.NoOpKey, Packages = result.Packages, EnvironmentPython = result.EnvironmentPython,
                SitePackages = result.SitePackages, Files = files,
            };
        }
        stamp.WriteIfChanged(session.StampPath);
    }

    /// <summary>
    /// What the engine sees besides the lock: the lock's inputs hash, and what decides the environment on this machine
    /// (target, interpreter, bytecode, the requested backend and the GPU). Readable, for whoever opens the stamp.
    /// </summary>
    internal static string EngineKey(RestoreSession session, GpuInfo gpu) =>
        string.Join("|", session.InputsHash, session.Target.Key, session.Target.PythonVersion, session.BaseInterpreter.Executable, session.Request.CompileBytecode,
            session.HasPyTorchFamily ? session.RequestedBackend + ":" + gpu.Describe() : "");

    /// <summary>The engine's integrity check: the skeleton and every installed distribution's files.</summary>
    internal static bool IsIntact(string environmentDirectory, BaseInterpreter baseInterpreter)
    {
        var layout = VirtualEnvironmentLayout.For(environmentDirectory, baseInterpreter);
        if (!EnvironmentIntegrity.SkeletonIsIntact(layout, hasInterpreter: !baseInterpreter.IsDescribed)) return false;
        var state = EnvironmentState.Read(layout.Root);
        return state is not null && EnvironmentIntegrity.BrokenDistributions(layout, state).Count == 0;
    }

    /// <summary>
    /// What the fast path stats: the base interpreter, the venv's interpreter and pyvenv.cfg, the environment
    /// state file and each installed distribution's RECORD. Null when the environment is incomplete.
    /// </summary>
    internal static IReadOnlyList<FileSnapshot>? CaptureFiles(string environmentDirectory, BaseInterpreter baseInterpreter)
    {
        var layout = VirtualEnvironmentLayout.For(environmentDirectory, baseInterpreter);
        var state = EnvironmentState.Read(layout.Root);
        if (state is null) return null;
        string[] paths =
        [
            baseInterpreter.Executable, layout.Python, layout.ConfigFile, Path.Combine(layout.Root, EnvironmentState.FileName),
            .. state.Packages.Select(p => Path.Combine(layout.SitePackages, p.DistInfo, "RECORD")),
        ];
        var files = new List<FileSnapshot>(paths.Length);
        foreach (var path in paths)
        {
            if (FileSnapshot.Capture(path) is not { } snapshot) return null;
            files.Add(snapshot);
        }
        return files;
    }

    // A PythonExecutable that is a wrapper or shim can switch interpreters without changing itself: only the engine's probe sees that.
    private static bool ExecutableIsTheInterpreter(RestoreSession session) =>
        session.Request.PythonExecutable is null
        || InterpreterInfoCache.RealPath(session.Request.PythonExecutable) == InterpreterInfoCache.RealPath(session.BaseInterpreter.Executable);

    internal static string Sha256(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();
}
