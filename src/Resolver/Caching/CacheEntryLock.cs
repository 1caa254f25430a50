namespace LlmPython.Resolver.Caching;

/// <summary>
/// A cache entry's lock, held until disposed (<see cref="CacheStore.LockAsync"/>): other processes asking for the
/// same entry wait, so one of them fetches or computes it and the others read the result.
/// </summary>
public sealed class CacheEntryLock : IDisposable
{
    private readonly CacheStore _store;
    private readonly string _bucket;
    private readonly string _key;
    private readonly FileStream _handle;

    internal CacheEntryLock(CacheStore store, string bucket, string key, string path, FileStream handle)
    {
        _store = store;
        _bucket = bucket;
        _key = key;
        Path = path;
        _handle = handle;
    }

    /// <summary>Where the entry lives (present or not).</summary>
    public string Path { get; }

    /// <summary>The entry's path when it is complete, else null.</summary>
    public string? Existing => CacheStore.IsCompleteEntry(Path) ? Path : null;

    /// <summary>Writes the entry anew (temp name, then one rename over the old one; readers never see it missing).</summary>
    public Task ReplaceAsync(Func<string, CancellationToken, Task> produce, CancellationToken cancellationToken = default) =>
        _store.ProduceLockedAsync(_bucket, _key, Path, produce, cancellationToken);

    /// <summary>Removes the entry (marker first).</summary>
    public void Remove() => CacheStore.RemoveLocked(Path);

    public void Dispose() => _handle.Dispose();
}
