using LlmPython.Resolver.Caching;
using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Http;
using LlmPython.Resolver.Indexes;
using LlmPython.TestSupport;

namespace LlmPython.Resolver.Tests.Indexes;

public sealed class MetadataFetcherTests
{
    private static async Task<DistributionFile> ListedAsync(LocalIndexServer server, string project)
    {
        var page = await new SimpleIndexClient(IndexTestKit.Http(), server.IndexUrl).GetProjectAsync(project);
        server.ResetCounts();
        return Assert.Single(page!.Files);
    }

    [Fact]
    public async Task Pep658_metadata_file_is_used_and_the_wheel_is_not_touched()
    {
        await using var server = await LocalIndexServer.StartAsync();
        var wheel = server.AddFile("foo-1.0-py3-none-any.whl", TinyWheel.Build("foo", "1.0", 0, "bar>=2"));
        var file = await ListedAsync(server, "foo");

        var metadata = await new MetadataFetcher(IndexTestKit.Http()).FetchAsync(file);

        Assert.Equal(MetadataOrigin.MetadataFile, metadata.Origin);
        Assert.Contains("Requires-Dist: bar>=2", metadata.Text);
        Assert.Equal("bar", Assert.Single(metadata.Parse().RequiresDist).Name);
        Assert.Equal(0, server.RequestCount(wheel.UrlPath));
        Assert.Equal(1, server.RequestCount(wheel.UrlPath + ".metadata"));
    }

    [Fact]
    public async Task A_metadata_file_that_does_not_match_its_hash_is_LLMPY0711()
    {
        await using var server = await LocalIndexServer.StartAsync();
        server.AddFile("foo-1.0-py3-none-any.whl", TinyWheel.Build("foo", "1.0"), new() { AdvertisedMetadataSha256 = new string('0', 64) });
        var file = await ListedAsync(server, "foo");

        var e = await Assert.ThrowsAsync<LlmPyException>(() => new MetadataFetcher(IndexTestKit.Http()).FetchAsync(file));

        Assert.Equal(DiagnosticCodes.Cache.MetadataHashMismatch, e.Code);
        Assert.Equal("foo", e.PackageName);
    }

    [Fact]
    public async Task Without_metadata_files_METADATA_is_read_by_range_requests()
    {
        await using var server = await LocalIndexServer.StartAsync();
        server.MetadataFiles = false;
        // 1 MB of stored data before METADATA: the range reads must skip it.
        var wheel = server.AddFile("big-1.0-py3-none-any.whl", TinyWheel.Build("big", "1.0", 1_000_000, "numpy"));
        var file = await ListedAsync(server, "big");

        var metadata = await new MetadataFetcher(IndexTestKit.Http()).FetchAsync(file);

        Assert.Equal(MetadataOrigin.RangeRequests, metadata.Origin);
        Assert.StartsWith("Metadata-Version: 2.1\nName: big\nVersion: 1.0\nRequires-Dist: numpy", metadata.Text);
        var requests = server.Requests.Where(r => r.Path == wheel.UrlPath).ToList();
        Assert.All(requests, r => Assert.NotNull(r.Range));
        Assert.InRange(requests.Count, 2, 3);
    }

    [Fact]
    public async Task A_central_directory_beyond_the_first_range_is_fetched_separately()
    {
        await using var server = await LocalIndexServer.StartAsync();
        server.MetadataFiles = false;
        var wheel = server.AddFile("many-1.0-py3-none-any.whl", TinyWheel.BuildWithManyMembers("many", "1.0", 3000));
        var file = await ListedAsync(server, "many");

        var metadata = await new MetadataFetcher(IndexTestKit.Http()).FetchAsync(file);

        Assert.Equal(MetadataOrigin.RangeRequests, metadata.Origin);
        Assert.Contains("Name: many", metadata.Text);
        Assert.True(wheel.Content.Length > 3 * 64 * 1024, "the central directory alone exceeds the tail read");
        Assert.Equal(3, server.RequestCount(wheel.UrlPath)); // tail, central directory, METADATA
    }

    [Fact]
    public async Task An_advertised_metadata_file_that_is_gone_falls_back_to_range_requests()
    {
        await using var server = await LocalIndexServer.StartAsync();
        var wheel = server.AddFile("foo-1.0-py3-none-any.whl", TinyWheel.Build("foo", "1.0"));
        var file = await ListedAsync(server, "foo");
        server.FailNext(wheel.UrlPath + ".metadata", 1, LocalIndexFailure.NotFound);

        var metadata = await new MetadataFetcher(IndexTestKit.Http()).FetchAsync(file);

        Assert.Equal(MetadataOrigin.RangeRequests, metadata.Origin);
        Assert.Contains("Name: foo", metadata.Text);
    }

    [Fact]
    public async Task A_server_that_ignores_range_gives_the_whole_wheel_once()
    {
        await using var server = await LocalIndexServer.StartAsync();
        server.MetadataFiles = false;
        server.AcceptRanges = false;
        var wheel = server.AddFile("foo-1.0-py3-none-any.whl", TinyWheel.Build("foo", "1.0", 10_000));
        var file = await ListedAsync(server, "foo");

        var metadata = await new MetadataFetcher(IndexTestKit.Http()).FetchAsync(file);

        Assert.Equal(MetadataOrigin.WholeWheel, metadata.Origin);
        Assert.Contains("Name: foo", metadata.Text);
        Assert.Equal(1, server.RequestCount(wheel.UrlPath));
    }

    [Fact]
    public async Task A_large_wheel_on_a_server_without_range_is_streamed_into_the_cache_not_buffered()
    {
        await using var server = await LocalIndexServer.StartAsync();
        server.MetadataFiles = false;
        server.AcceptRanges = false;
        var wheel = server.AddFile("huge-1.0-py3-none-any.whl", TinyWheel.Build("huge", "1.0", 300_000));
        var file = await ListedAsync(server, "huge");
        using var temp = new TempFolder();
        var cache = new CacheStore(temp.Path);

        var http = new PythonHttpClient(new HttpSettings { Cache = cache, Retry = IndexTestKit.FastRetry, MaxUnrangedBody = 100_000 });

        var metadata = await new MetadataFetcher(http, cache).FetchAsync(file);

        Assert.Equal(MetadataOrigin.WholeWheel, metadata.Origin);
        Assert.Contains("Name: huge", metadata.Text);
        Assert.NotNull(cache.TryGet(WheelDownloader.Bucket, wheel.Sha256)); // the installer will not download it again
        Assert.NotNull(cache.TryGet(MetadataFetcher.Bucket, wheel.Sha256));
        Assert.Equal(2, server.RequestCount(wheel.UrlPath));
    }

    [Fact]
    public async Task Whole_wheel_fallback_checks_the_advertised_hash()
    {
        await using var server = await LocalIndexServer.StartAsync();
        server.MetadataFiles = false;
        server.AcceptRanges = false;
        server.AddFile("foo-1.0-py3-none-any.whl", TinyWheel.Build("foo", "1.0"), new() { AdvertisedSha256 = new string('1', 64) });
        var file = await ListedAsync(server, "foo");

        var e = await Assert.ThrowsAsync<LlmPyException>(() => new MetadataFetcher(IndexTestKit.Http()).FetchAsync(file));
        Assert.Equal(DiagnosticCodes.Cache.HashMismatch, e.Code);
    }

    [Fact]
    public async Task Cached_metadata_is_reused_offline_and_missing_metadata_offline_is_LLMPY0302()
    {
        await using var server = await LocalIndexServer.StartAsync();
        server.AddFile("foo-1.0-py3-none-any.whl", TinyWheel.Build("foo", "1.0"));
        server.AddFile("bar-1.0-py3-none-any.whl", TinyWheel.Build("bar", "1.0"));
        var foo = await ListedAsync(server, "foo");
        var bar = await ListedAsync(server, "bar");
        using var temp = new TempFolder();
        var cache = new CacheStore(temp.Path);
        await new MetadataFetcher(IndexTestKit.Http(cache), cache).FetchAsync(foo);
        server.ResetCounts();

        var offline = new MetadataFetcher(IndexTestKit.Http(cache, offline: true), cache);
        var again = await offline.FetchAsync(foo);
        var e = await Assert.ThrowsAsync<LlmPyException>(() => offline.FetchAsync(bar));

        Assert.Equal(MetadataOrigin.Cache, again.Origin);
        Assert.Contains("Name: foo", again.Text);
        Assert.Equal(DiagnosticCodes.Http.OfflineNotCached, e.Code);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Local_wheels_are_read_from_disk()
    {
        using var temp = new TempFolder();
        var path = Path.Combine(temp.Path, "loc-3.0-py3-none-any.whl");
        await File.WriteAllBytesAsync(path, TinyWheel.Build("loc", "3.0"));

        var metadata = await new MetadataFetcher(IndexTestKit.Http(offline: true)).FetchAsync(DirectWheel.FromInclude(path, temp.Path));

        Assert.Equal(MetadataOrigin.LocalFile, metadata.Origin);
        Assert.Contains("Version: 3.0", metadata.Text);
    }
}
