using LlmPython.Resolver.Caching;

namespace LlmPython.Resolver.Indexes;

/// <summary>
/// Keeps the cache's staging area (<c>&lt;cache&gt;/staging</c>) from collecting dead partial downloads: a
/// <c>.part</c> (with its <c>.part.json</c>) goes when its wheel is filed in the cache already (a leftover of a
/// build killed after the rename) or when nothing wrote to it for <see cref="MaxAge"/> (a transfer nobody resumed:
/// its server's file has likely changed since, and a resume would be refused anyway). A younger one may be
/// continued by the next build and stays; one being written now is young by definition.
/// </summary>
public static class StagingPruner
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(7);

    /// <summary>Deletes stale partial downloads under <paramref name="cache"/>'s staging folder; returns how many went. Never throws for a file it cannot delete.</summary>
    public static int Prune(CacheStore cache, DateTime? nowUtc = null)
    {
        var staging = Path.Combine(cache.Root, "staging");
        if (!Directory.Exists(staging)) return 0;
        var cutoff = (nowUtc ?? DateTime.UtcNow) - MaxAge;
        var pruned = 0;
        foreach (var part in Directory.EnumerateFiles(staging, "*.part"))
        {
            var key = Path.GetFileNameWithoutExtension(part);
            var filed = key.Length == 64 && cache.TryGet(WheelDownloader.Bucket, key) is not null;
            if (!filed && File.GetLastWriteTimeUtc(part) >= cutoff) continue;
            try
            {
                File.Delete(part);
                File.Delete(part + ".json");
                pruned++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another process holds it; the next restore tries again.
            }
        }
        // A validator whose bytes are gone (a build killed between filing the file and deleting it).
        foreach (var validator in Directory.EnumerateFiles(staging, "*.part.json"))
            if (!File.Exists(validator[..^".json".Length]))
                TryDelete(validator);
        return pruned;
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}
