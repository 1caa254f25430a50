using LlmPython.Resolver.Caching;
using LlmPython.Resolver.Indexes;
using LlmPython.TestSupport;

namespace LlmPython.Resolver.Tests.Indexes;

/// <summary>
/// Downloads from Debian's nginx throttled with limit_rate: a transfer many times longer than the read timeout
/// finishes in one try, and one interrupted mid-way continues with a 206 (nginx's own Range/If-Range handling).
/// Runs alone (<see cref="SlowLinkCollection"/>): with the other ten thousand tests beside it, the test process's
/// thread pool could leave the socket unread for longer than the read timeout, which is not what is measured.
/// </summary>
[Collection(SlowLinkCollection.Name)]
public sealed class SlowLinkDownloadTests : IDisposable
{
    private const long RatePerSecond = 3L * 1024 * 1024 / 2;
    private readonly StaticIndexFolder _index = new();
    private readonly StaticWheel _wheel;
    private readonly TempFolder _cacheFolder = new();

    public SlowLinkDownloadTests()
    {
        Assert.True(NginxServer.IsInstalled, "nginx is missing: apt-get install nginx-light (.ci/run does)");
        // ~9.3 s at 1.5 MB/s: three times the 3 s read timeout below (a loaded CI machine pauses for over 1.5 s at times).
        _wheel = _index.AddPayloadWheel("slow-model", "1.0", 14L * 1024 * 1024);
    }

    [Fact]
    public async Task A_transfer_lasting_several_read_timeouts_finishes_in_one_try()
    {
        using var nginx = NginxServer.Serve(_index.Root, RatePerSecond);
        var cache = new CacheStore(_cacheFolder.Path);
        var http = IndexTestKit.Http(cache, retry: IndexTestKit.FastRetry with { ReadTimeout = TimeSpan.FromSeconds(3) });
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var file = await new WheelDownloader(http, cache).DownloadAsync(new Uri(nginx.BaseUrl + _wheel.UrlPath), _wheel.Sha256);

        Assert.True(clock.Elapsed > TimeSpan.FromSeconds(6), $"the throttle should make the transfer outlive the read timeout; it took {clock.Elapsed}");
        Assert.Equal(_wheel.Size, new FileInfo(file.Path).Length);
        var request = Assert.Single(nginx.Requests(), r => r.Path == _wheel.UrlPath);
        Assert.Equal(200, request.Status);
    }

    [Fact]
    public async Task An_interrupted_transfer_continues_with_a_206_from_nginx()
    {
        using var nginx = NginxServer.Serve(_index.Root, RatePerSecond);
        var cache = new CacheStore(_cacheFolder.Path);
        var url = new Uri(nginx.BaseUrl + _wheel.UrlPath);
        using var ctrlC = new CancellationTokenSource();
        var downloader = new WheelDownloader(IndexTestKit.Http(cache), cache) { ProgressInterval = TimeSpan.Zero };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => downloader.DownloadAsync(url, _wheel.Sha256,
            p => { if (p.BytesReceived >= _wheel.Size / 3) ctrlC.Cancel(); }, ctrlC.Token));
        var kept = new FileInfo(Path.Combine(_cacheFolder.Path, "staging", _wheel.Sha256 + ".part")).Length;
        var file = await new WheelDownloader(IndexTestKit.Http(cache), cache).DownloadAsync(url, _wheel.Sha256);

        Assert.Equal(_wheel.Size, new FileInfo(file.Path).Length);
        var requests = nginx.Requests().Where(r => r.Path == _wheel.UrlPath).ToList();
        Assert.Equal(2, requests.Count);
        Assert.Equal($"bytes={kept}-", requests[1].Range);
        Assert.NotNull(requests[1].IfRange);
        Assert.Equal(206, requests[1].Status);
        Assert.Equal(_wheel.Size - kept, requests[1].BodyBytes);
    }

    public void Dispose()
    {
        _index.Dispose();
        _cacheFolder.Dispose();
    }
}

/// <summary>Timing-sensitive downloads: run after the parallel tests, one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SlowLinkCollection
{
    public const string Name = "Slow link (not parallel)";
}
