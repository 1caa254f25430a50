namespace LlmPython.Resolver.Caching;

// CONTRACT STUB: the Installer helper replaces the bodies; keep these public signatures.
/// <summary>
/// The shared cache folder (PythonCacheDirectory). Every entry is produced into a temporary
/// name, verified, renamed into place, and marked complete last; a per-entry file lock makes
/// parallel builds (several processes, several machines on a shared folder) wait for one
/// another instead of corrupting or downloading twice.
/// </summary>
public sealed partial class CacheStore
{
    public CacheStore(string root) { Root = root; }
    public string Root { get; }

    /// <summary>Default root: env LLMPYTHON_CACHE, else XDG cache / %LOCALAPPDATA% + "llmpython".</summary>
    public static string DefaultRoot() => throw new NotImplementedException();

    /// <summary>Path of a complete entry, or null when absent or incomplete.</summary>
    public string? TryGet(string bucket, string key) => throw new NotImplementedException();

    /// <summary>
    /// Returns the path of entry <paramref name="bucket"/>/<paramref name="key"/>, producing it first
    /// when missing: <paramref name="produce"/> writes a file or folder at the temporary path it is
    /// given (and may throw to leave nothing behind).
    /// </summary>
    public Task<string> GetOrCreateAsync(string bucket, string key, Func<string, CancellationToken, Task> produce, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();
}
