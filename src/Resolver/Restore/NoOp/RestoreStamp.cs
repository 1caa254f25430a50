using System.Text.Json;

namespace LlmPython.Resolver.Restore.NoOp;

/// <summary>
/// obj/python/restore.stamp: what the environment in <paramref name="EnvironmentDirectory"/> was last built from, as
/// <see cref="StampedNoOp"/> compares it: the lock's bytes (<paramref name="LockSha256"/>), and what each check sees of
/// the inputs: the engine's <paramref name="EngineKey"/> (the inputs hash and this machine), the task's <see cref="NoOpKey"/>.
/// </summary>
public sealed record RestoreStamp(string EngineKey, string LockSha256, string EnvironmentDirectory)
{
    /// <summary>The lock section the environment was built from.</summary>
    public string? LockSection { get; init; }

    /// <summary>
    /// The caller's <see cref="RestoreRequest.NoOpKey"/> when the result did not depend on anything the key
    /// cannot see (GPU detection, warnings to repeat); null = the fast path must run the engine.
    /// </summary>
    public string? NoOpKey { get; init; }

    /// <summary>The result the fast path hands back without running the engine.</summary>
    public IReadOnlyList<ResolvedPackage>? Packages { get; init; }
    public string? EnvironmentPython { get; init; }
    public string? SitePackages { get; init; }

    /// <summary>Files whose change means the environment must be checked by the engine (see <see cref="FileSnapshot"/>).</summary>
    public IReadOnlyList<FileSnapshot>? Files { get; init; }

    public static RestoreStamp? TryRead(string path)
    {
        try
        {
            return File.Exists(path) ? RestoreStampFormat.Read(File.ReadAllBytes(path)) : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return null; // a damaged stamp only costs a full restore
        }
    }

    /// <summary>
    /// The stamp of an environment folder: obj/python/restore.stamp for obj/python/venv, and
    /// obj/python/rid/win-x64.stamp for a described target's folder (each target keeps its own no-op record).
    /// </summary>
    public static string PathFor(string environmentDirectory, bool describedTarget = false)
    {
        var full = Path.GetFullPath(environmentDirectory).TrimEnd(Path.DirectorySeparatorChar);
        return describedTarget ? full + ".stamp" : Path.Combine(Path.GetDirectoryName(full)!, "restore.stamp");
    }

    public void Write(string path) => Write(path, RestoreStampFormat.Write(this));

    /// <summary>Writes the stamp unless the file already holds these bytes (a no-op build writes nothing).</summary>
    public void WriteIfChanged(string path)
    {
        var bytes = RestoreStampFormat.Write(this);
        try
        {
            if (File.Exists(path) && File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes)) return;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // unreadable: replace it
        }
        Write(path, bytes);
    }

    private static void Write(string path, byte[] bytes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        File.WriteAllBytes(temp, bytes);
        File.Move(temp, path, overwrite: true);
    }
}

