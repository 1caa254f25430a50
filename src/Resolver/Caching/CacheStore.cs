using System.Diagnostics;
using LlmPython.Resolver.Diagnostics;

namespace LlmPython.Resolver.Caching;

/// <summary>
/// The shared cache folder (PythonCacheDirectory). Every entry is produced into a temporary
/// name, verified, renamed into place, and marked complete last; a per-entry file lock makes
/// parallel builds (several processes, several machines on a shared folder) wait for one
/// another instead of corrupting or downloading twice.
/// </summary>
/// <remarks>
/// Layout of one entry: <c>&lt;root&gt;/&lt;bucket&gt;/&lt;key&gt;</c> (a file or a folder),
/// <c>&lt;key&gt;.complete</c> (the marker, written last), <c>&lt;key&gt;.lock</c> (never deleted:
/// deleting a lock file another process waits on would let two producers in), and while producing
/// <c>.tmp-&lt;key&gt;-&lt;unique&gt;</c>.
/// </remarks>
public sealed class CacheStore
{
    private const string MarkerSuffix = ".complete";
    private const string LockSuffix = ".lock";
    private const string TempPrefix = ".tmp-";

    public CacheStore(string root) { Root = root; }
    public string Root { get; }

    /// <summary>How long to wait for another producer of the same entry before failing (LLMPY0701); the clock restarts whenever the producer shows progress.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Default root: env LLMPYTHON_CACHE, else XDG cache / %LOCALAPPDATA% + "llmpython".</summary>
    public static string DefaultRoot()
        => DefaultRoot(Environment.GetEnvironmentVariable, OperatingSystem.IsWindows(),
            Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
            Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData));

    /// <summary>The rule of <see cref="DefaultRoot()"/> over given inputs (testable without touching the process).</summary>
    internal static string DefaultRoot(Func<string, string?> environment, bool isWindows, string home, string localAppData)
    {
        var explicitRoot = environment("LLMPYTHON_CACHE");
        if (!string.IsNullOrWhiteSpace(explicitRoot))
            return Path.GetFullPath(explicitRoot);
        if (isWindows)
            return Path.Combine(localAppData, "llmpython");
        var xdg = environment("XDG_CACHE_HOME");
        // XDG says a relative value is invalid and must be ignored.
        if (!string.IsNullOrWhiteSpace(xdg) && Path.IsPathRooted(xdg))
            return Path.Combine(xdg, "llmpython");
        return Path.Combine(home, ".cache", "llmpython");
    }

    /// <summary>Where entry <paramref name="bucket"/>/<paramref name="key"/> lives (present or not).</summary>
    public string EntryPath(string bucket, string key)
    {
        CheckSegment(bucket, nameof(bucket));
        CheckSegment(key, nameof(key));
        return Path.Combine(Root, bucket, key);
    }

    /// <summary>Path of a complete entry, or null when absent or incomplete.</summary>
    public string? TryGet(string bucket, string key)
    {
        var path = EntryPath(bucket, key);
        return IsComplete(path) ? path : null;
    }

    /// <summary>
    /// Returns the path of entry <paramref name="bucket"/>/<paramref name="key"/>, producing it first
    /// when missing: <paramref name="produce"/> writes a file or folder at the temporary path it is
    /// given (and may throw to leave nothing behind). <paramref name="producerProgress"/>, when given, tells a waiter
    /// that another process's producer is still moving (e.g. the size of its partial download): the wait then lasts
    /// as long as that value keeps changing, not just <see cref="LockTimeout"/>.
    /// </summary>
    public async Task<string> GetOrCreateAsync(string bucket, string key, Func<string, CancellationToken, Task> produce, CancellationToken cancellationToken = default,
        Func<long>? producerProgress = null)
    {
        var path = EntryPath(bucket, key);
        if (IsComplete(path))
            return path;

        CreateFolder(Path.GetDirectoryName(path)!);
        using var entryLock = await AcquireLockAsync(path + LockSuffix, cancellationToken, producerProgress).ConfigureAwait(false);

        // Another producer may have finished while we waited for the lock.
        if (IsComplete(path))
            return path;
        await ProduceLockedAsync(bucket, key, path, produce, cancellationToken).ConfigureAwait(false);
        return path;
    }

    /// <summary>
    /// Takes entry <paramref name="bucket"/>/<paramref name="key"/>'s lock and holds it until the returned handle is
    /// disposed, so the caller can read, decide and replace the entry while other processes wait (one producer per key).
    /// </summary>
    public async Task<CacheEntryLock> LockAsync(string bucket, string key, CancellationToken cancellationToken = default)
    {
        var path = EntryPath(bucket, key);
        CreateFolder(Path.GetDirectoryName(path)!);
        var handle = await AcquireLockAsync(path + LockSuffix, cancellationToken).ConfigureAwait(false);
        return new CacheEntryLock(this, bucket, key, path, handle);
    }

    /// <summary>
    /// Writes the entry anew while its lock is held: produced into a temp name, then renamed over the old file in one
    /// step, so a reader in another process opens either the old or the new entry, never a torn or missing one.
    /// </summary>
    internal async Task ProduceLockedAsync(string bucket, string key, string path, Func<string, CancellationToken, Task> produce, CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(path)!;
        // Holding the lock, every temp entry of this key is left over from a killed process.
        RemoveLeftovers(folder, key, path);

        var temp = Path.Combine(folder, $"{TempPrefix}{key}-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            await produce(temp, cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (Directory.Exists(temp))
            {
                RemoveLocked(path);
                Directory.Move(temp, path);
            }
            else if (File.Exists(temp))
            {
                if (Directory.Exists(path)) RemoveLocked(path);
                File.Move(temp, path, overwrite: true);
            }
            else
                throw new InvalidOperationException($"The producer of cache entry '{bucket}/{key}' wrote nothing at '{temp}'.");
            // The marker comes last: an entry without it is incomplete and will be redone.
            if (!File.Exists(path + MarkerSuffix))
                using (new FileStream(path + MarkerSuffix, FileMode.Create, FileAccess.Write, FileShare.None)) { }
        }
        catch
        {
            DeleteQuietly(temp);
            if (!File.Exists(path + MarkerSuffix))
                DeleteQuietly(path);
            throw;
        }
    }

    /// <summary>Deletes an entry whose lock the caller holds: marker first, so no reader sees a half-deleted complete entry.</summary>
    internal static void RemoveLocked(string path)
    {
        DeleteQuietly(path + MarkerSuffix);
        DeleteQuietly(path);
    }

    internal static bool IsCompleteEntry(string path) => IsComplete(path);

    private static void CreateFolder(string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LlmPyException(DiagnosticCodes.Cache.CacheNotWritable,
                $"The Python cache folder '{folder}' cannot be created: {e.Message}. Set PythonCacheDirectory (or LLMPYTHON_CACHE) to a writable folder.", e);
        }
    }

    /// <summary>Removes an entry (marker first, so a reader never sees a half-deleted complete entry).</summary>
    public async Task RemoveAsync(string bucket, string key, CancellationToken cancellationToken = default)
    {
        var path = EntryPath(bucket, key);
        if (!Directory.Exists(Path.GetDirectoryName(path)!))
            return;
        using var entryLock = await AcquireLockAsync(path + LockSuffix, cancellationToken).ConfigureAwait(false);
        RemoveLocked(path);
    }

    private static bool IsComplete(string path)
        => File.Exists(path + MarkerSuffix) && (File.Exists(path) || Directory.Exists(path));

    private async Task<FileStream> AcquireLockAsync(string lockPath, CancellationToken cancellationToken, Func<long>? producerProgress = null)
    {
        var watch = Stopwatch.StartNew();
        var lastProgress = producerProgress?.Invoke();
        var delay = TimeSpan.FromMilliseconds(5);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                // FileShare.None maps to an exclusive lock (flock on Unix, share mode on Windows):
                // held per open handle, so it excludes other processes and other instances alike.
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (watch.Elapsed < LockTimeout)
            {
            }
            catch (UnauthorizedAccessException) when (watch.Elapsed < LockTimeout && File.Exists(lockPath))
            {
                // Windows reports a file being deleted/locked this way at times.
            }
            catch (IOException e)
            {
                throw new LlmPyException(DiagnosticCodes.Cache.LockTimeout,
                    $"The cache entry '{Path.GetFileNameWithoutExtension(lockPath)}' in '{Path.GetDirectoryName(lockPath)}' stayed locked by another build for {LockTimeout}. If no other build is running, delete '{lockPath}' and retry.", e);
            }
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 250));
            if (producerProgress?.Invoke() is { } progress && progress != lastProgress)
            {
                lastProgress = progress;
                watch.Restart();
            }
        }
    }

    private static void RemoveLeftovers(string folder, string key, string path)
    {
        foreach (var stale in Directory.EnumerateFileSystemEntries(folder, $"{TempPrefix}{key}-*"))
            DeleteQuietly(stale);
        if (!File.Exists(path + MarkerSuffix))
            DeleteQuietly(path);
    }

    private static void DeleteQuietly(string path)
    {
        try
        {
            if (Directory.Exists(path) && !File.GetAttributes(path).HasFlag(FileAttributes.ReparsePoint))
                Directory.Delete(path, recursive: true);
            else if (File.Exists(path) || Directory.Exists(path))
                File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover is cleaned by the next producer of this key.
        }
    }

    private static void CheckSegment(string value, string what)
    {
        if (string.IsNullOrEmpty(value) || value is "." or ".." || value.StartsWith(TempPrefix, StringComparison.Ordinal)
            || value.IndexOfAny(['/', '\\', ':', '\0']) >= 0)
            throw new ArgumentException($"Cache {what} '{value}' must be one plain path segment.", what);
    }
}
