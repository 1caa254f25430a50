using System.Security.Cryptography;
using LlmPython.Resolver.Environments;

namespace LlmPython.Resolver.Restore;

/// <summary>
/// The no-op check a build runs before the engine, touching only the stamp, the lockfile and a few stats:
/// no interpreter discovery, no GPU detection, no lock parsing. It succeeds only when the stamp carries the
/// caller's <see cref="RestoreRequest.NoOpKey"/> (same items, properties and discovery context), the lock's
/// bytes are the ones the environment was built from, and every recorded file is unchanged. Anything else
/// falls back to <see cref="RestoreEngine.Run"/>, whose own no-op check is the authority.
/// </summary>
public static class StampedNoOp
{
    /// <summary>The stamp whose recorded result still holds, or null when the engine must run.</summary>
    public static RestoreStamp? TryConfirm(string environmentDirectory, string lockFilePath, string noOpKey)
    {
        var environment = Path.GetFullPath(environmentDirectory);
        var stamp = RestoreStamp.TryRead(RestoreLayout.StampPath(environment));
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

    internal static string Sha256(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();
}
