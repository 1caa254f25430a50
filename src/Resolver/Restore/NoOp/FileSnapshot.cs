namespace LlmPython.Resolver.Restore.NoOp;

/// <summary>
/// A file's size and last-write time when the environment was last built: the no-op fast path's integrity
/// check is one stat per snapshot, never a read (a deleted venv, a reinstalled interpreter or a removed
/// package's RECORD changes one of them).
/// </summary>
public sealed record FileSnapshot(string Path, long Length, long LastWriteTicks)
{
    /// <summary>The snapshot of <paramref name="path"/> now, or null when it does not exist.</summary>
    public static FileSnapshot? Capture(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? new FileSnapshot(info.FullName, info.Length, info.LastWriteTimeUtc.Ticks) : null;
    }

    /// <summary>True when the file still exists with the same size and time stamp.</summary>
    public bool IsCurrent()
    {
        var info = new FileInfo(Path);
        return info.Exists && info.Length == Length && info.LastWriteTimeUtc.Ticks == LastWriteTicks;
    }
}
