namespace LlmPython.Resolver.Caching;

/// <summary>LLMPY codes of the cache, downloads and hashes area (0700–0799).</summary>
public static class CacheErrorCodes
{
    /// <summary>Another build held a cache entry's lock for longer than the lock timeout.</summary>
    public const string LockTimeout = "LLMPY0701";

    /// <summary>A file's sha256 differs from the one expected (lockfile, index or URL fragment).</summary>
    public const string HashMismatch = "LLMPY0702";

    /// <summary>The cache folder cannot be created or written (permissions, disk full, read-only medium).</summary>
    public const string CacheNotWritable = "LLMPY0703";

    /// <summary>A wheel cannot be unpacked into the cache (not a zip, unsafe member paths).</summary>
    public const string WheelNotUnpackable = "LLMPY0704";
}
