using LlmPython.Resolver.Caching;
using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Http;
using LlmPython.Resolver.Indexes;
using LlmPython.TestSupport;

namespace LlmPython.Resolver.Tests.Indexes;

public sealed class WheelDownloaderTests
{
    [Fact]
    public async Task Downloads_into_the_cache_by_sha256_with_progress_and_reuses_it()
    {
        await using var server = await LocalIndexServer.StartAsync();
        var wheel = server.AddFile("foo-1.0-py3-none-any.whl", TinyWheel.Build("foo", "1.0", 300_000));
        using var temp = new TempFolder();
        var cache = new CacheStore(temp.Path);
        var downloader = new WheelDownloader(IndexTestKit.Http(cache), cache) { ProgressInterval = TimeSpan.Zero };
        var reports = new List<DownloadProgress>();

        var first = await downloader.DownloadAsync(new Uri(server.UrlOf(wheel)), wheel.Sha256, reports.Add);
        var second = await downloader.DownloadAsync(new Uri(server.UrlOf(wheel)), wheel.Sha256.ToUpperInvariant());

        Assert.Equal(cache.TryGet(WheelDownloader.Bucket, wheel.Sha256), first.Path);
        Assert.Equal(wheel.Content, await File.ReadAllBytesAsync(first.Path));
        Assert.Equal(first.Path, second.Path);
        Assert.Equal(1, server.RequestCount(wheel.UrlPath));
        Assert.Equal(wheel.Content.Length, reports[^1].BytesReceived);
        Assert.Equal(wheel.Content.Length, reports[^1].TotalBytes);
        Assert.True(reports.Count > 1);
        Assert.True(reports.Zip(reports.Skip(1)).All(p => p.First.BytesReceived <= p.Second.BytesReceived));
    }

    [Fact]
    public async Task A_hash_mismatch_is_LLMPY0710_and_leaves_nothing_in_the_cache()
    {
        await using var server = await LocalIndexServer.StartAsync();
        var wheel = server.AddFile("foo-1.0-py3-none-any.whl", TinyWheel.Build("foo", "1.0"));
        using var temp = new TempFolder();
        var cache = new CacheStore(temp.Path);
        var expected = new string('a', 64);

        var e = await Assert.ThrowsAsync<LlmPyException>(() =>
            new WheelDownloader(IndexTestKit.Http(cache), cache).DownloadAsync(new Uri(server.UrlOf(wheel)), expected));

        Assert.Equal(DiagnosticCodes.Cache.HashMismatch, e.Code);
        Assert.Contains(wheel.Sha256, e.Message);
        Assert.Contains(expected, e.Message);
        Assert.Equal("foo", e.PackageName);
        Assert.Null(cache.TryGet(WheelDownloader.Bucket, expected));
        Assert.All(Directory.EnumerateFiles(Path.Combine(temp.Path, WheelDownloader.Bucket)), f => Assert.EndsWith(".lock", f));
    }

    [Fact]
    public async Task A_reset_mid_download_is_retried()
    {
        await using var server = await LocalIndexServer.StartAsync();
        var wheel = server.AddFile("foo-1.0-py3-none-any.whl", TinyWheel.Build("foo", "1.0", 50_000));
        server.FailNext(wheel.UrlPath, 1, LocalIndexFailure.ConnectionReset);
        using var temp = new TempFolder();
        var cache = new CacheStore(temp.Path);

        var file = await new WheelDownloader(IndexTestKit.Http(cache), cache).DownloadAsync(new Uri(server.UrlOf(wheel)), wheel.Sha256);

        Assert.Equal(wheel.Content, await File.ReadAllBytesAsync(file.Path));
        Assert.Equal(2, server.RequestCount(wheel.UrlPath));
    }

    [Fact]
    public async Task Without_a_known_hash_the_file_is_stored_under_its_own()
    {
        await using var server = await LocalIndexServer.StartAsync();
        var wheel = server.AddFindLinksFile("foo-1.0-py3-none-any.whl", TinyWheel.Build("foo", "1.0"), new() { AdvertiseHash = false });
        var listed = Assert.Single((await new FindLinksSource(IndexTestKit.Http(), server.FindLinksUrl).GetProjectAsync("foo"))!.Files);
        using var temp = new TempFolder();
        var cache = new CacheStore(temp.Path);

        var file = await new WheelDownloader(IndexTestKit.Http(cache), cache).DownloadAsync(listed);

        Assert.Null(listed.Sha256);
        Assert.Equal(wheel.Sha256, file.Sha256);
        Assert.Equal(cache.TryGet(WheelDownloader.Bucket, wheel.Sha256), file.Path);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(temp.Path, "staging")));
    }

    [Fact]
    public async Task Offline_uses_the_cache_or_fails_with_LLMPY0712()
    {
        await using var server = await LocalIndexServer.StartAsync();
        var wheel = server.AddFile("foo-1.0-py3-none-any.whl", TinyWheel.Build("foo", "1.0"));
        var other = server.AddFile("bar-1.0-py3-none-any.whl", TinyWheel.Build("bar", "1.0"));
        using var temp = new TempFolder();
        var cache = new CacheStore(temp.Path);
        await new WheelDownloader(IndexTestKit.Http(cache), cache).DownloadAsync(new Uri(server.UrlOf(wheel)), wheel.Sha256);
        server.ResetCounts();
        var offline = new WheelDownloader(IndexTestKit.Http(cache, offline: true), cache);

        var hit = await offline.DownloadAsync(new Uri(server.UrlOf(wheel)), wheel.Sha256);
        var e = await Assert.ThrowsAsync<LlmPyException>(() => offline.DownloadAsync(new Uri(server.UrlOf(other)), other.Sha256));

        Assert.True(File.Exists(hit.Path));
        Assert.Equal(DiagnosticCodes.Cache.OfflineWheelNotCached, e.Code);
        Assert.Contains("bar-1.0-py3-none-any.whl", e.Message);
        Assert.Empty(server.Requests);
    }
}
