using System.Security.Cryptography;

namespace LlmPython.Resolver.Locking;

/// <summary>
/// python.lock.json as one restore sees it, read once: its bytes (their sha256 identifies the lock in the no-op
/// stamp) and, only when a step needs it, the parsed <see cref="LockFile"/>. A lock this restore writes replaces it
/// from the written bytes, so nothing is read back.
/// </summary>
public sealed class LockFileOnDisk
{
    private readonly string _path;
    private readonly byte[]? _bytes;
    private LockFile? _parsed;

    private LockFileOnDisk(string path, byte[]? bytes, LockFile? parsed)
    {
        _path = path;
        _bytes = bytes;
        _parsed = parsed;
        Sha256 = bytes is null ? null : Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();
    }

    /// <summary>The file at <paramref name="path"/>; a missing file has no bytes and no lock.</summary>
    public static LockFileOnDisk Read(string path) => new(path, File.Exists(path) ? File.ReadAllBytes(path) : null, null);

    /// <summary>Writes <paramref name="lockFile"/> to <paramref name="path"/> when its bytes differ (<see cref="LockFileWriter.WriteIfChanged(byte[], string)"/>).</summary>
    /// <returns>The lock as now on disk, and whether the file was written.</returns>
    public static (LockFileOnDisk Lock, bool Written) Write(LockFile lockFile, string path)
    {
        var bytes = LockFileWriter.ToBytes(lockFile);
        var written = LockFileWriter.WriteIfChanged(bytes, path);
        return (new LockFileOnDisk(path, bytes, lockFile), written);
    }

    /// <summary>Lowercase hex sha256 of the file's bytes, or null when there is no file.</summary>
    public string? Sha256 { get; }

    /// <summary>The parsed lock, or null when there is no file (a damaged file is LLMPY0601, as <see cref="LockFileReader"/> reports it).</summary>
    public LockFile? Parsed => _bytes is null ? null : _parsed ??= LockFileReader.Parse(_bytes, _path);
}
