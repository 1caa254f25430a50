using LlmPython.Resolver.Caching;
using LlmPython.Resolver.Indexes;
using LlmPython.Resolver.Tests.Caching;

namespace LlmPython.Resolver.Tests.Indexes;

/// <summary>Dead partial downloads leave the cache's staging area; resumable ones stay.</summary>
public sealed class StagingPrunerTests
{
    private static string Part(string staging, string key, TimeSpan age)
    {
        var part = Path.Combine(staging, key + ".part");
        File.WriteAllBytes(part, new byte[1000]);
        File.WriteAllText(part + ".json", "{\"Validator\":\"\\\"etag\\\"\"}");
        File.SetLastWriteTimeUtc(part, DateTime.UtcNow - age);
        return part;
    }

    [Fact]
    public async Task Old_filed_and_orphaned_partials_go_young_ones_stay()
    {
        using var dir = new ScratchFolder();
        var cache = new CacheStore(dir.Sub("cache"));
        var staging = Path.Combine(cache.Root, "staging");
        Directory.CreateDirectory(staging);
        var filedKey = new string('a', 64);
        await cache.GetOrCreateAsync(WheelDownloader.Bucket, filedKey, (temp, _) => File.WriteAllBytesAsync(temp, [1, 2, 3]));

        var old = Part(staging, new string('b', 64), TimeSpan.FromDays(8));
        var oldUnknown = Part(staging, Guid.NewGuid().ToString("N"), TimeSpan.FromDays(30));
        var young = Part(staging, new string('c', 64), TimeSpan.FromDays(6));
        var filed = Part(staging, filedKey, TimeSpan.FromMinutes(1));
        var orphan = Path.Combine(staging, new string('d', 64) + ".part.json");
        File.WriteAllText(orphan, "{}");

        Assert.Equal(3, StagingPruner.Prune(cache));

        Assert.Equal([young, young + ".json"], Directory.EnumerateFiles(staging).Order(StringComparer.Ordinal));
        Assert.False(File.Exists(old) || File.Exists(oldUnknown) || File.Exists(filed) || File.Exists(orphan));
        Assert.NotNull(cache.TryGet(WheelDownloader.Bucket, filedKey)); // the cache entry itself is untouched
    }

    [Fact]
    public void A_cache_without_staging_is_left_alone()
    {
        using var dir = new ScratchFolder();
        Assert.Equal(0, StagingPruner.Prune(new CacheStore(dir.Sub("cache"))));
        Assert.False(Directory.Exists(Path.Combine(dir.Sub("cache"), "staging")));
    }
}
