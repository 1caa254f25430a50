using LlmPython.Resolver.Caching;
using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Http;
using LlmPython.Resolver.Indexes;
using LlmPython.TestSupport;

namespace LlmPython.Resolver.Tests.Indexes;

/// <summary>Downloads cut short (reset, stall, cancel) continue with Range + If-Range instead of starting over.</summary>
public sealed class WheelDownloadResumeTests
{
    /// <summary>A 2 MB wheel on a fresh server whose first answer for it fails as given, and an empty cache.</summary>
    private sealed class OneWheel : IAsyncDisposable
    {
        public required LocalIndexServer Server { get; init; }
        public required LocalIndexFile Wheel { get; init; }
        public TempFolder Temp { get; } = new();
        public CacheStore Cache => new(Temp.Path);

        public static async Task<OneWheel> ServeAsync(LocalIndexFailure firstAnswer)
        {
            var server = await LocalIndexServer.StartAsync();
            var wheel = server.AddFile("foo-1.0-py3-none-any.whl", TinyWheel.Build("foo", "1.0", 2_000_000));
            server.FailNext(wheel.UrlPath, 1, firstAnswer);
            return new OneWheel { Server = server, Wheel = wheel };
        }

        public async ValueTask DisposeAsync()
        {
            await Server.DisposeAsync();
            Temp.Dispose();
        }
    }

    [Fact]
    public async Task A_reset_at_half_is_resumed_with_Range_and_If_Range_and_re_sends_little()
    {
        await using var setup = await OneWheel.ServeAsync(LocalIndexFailure.ResetMidBody);
        var (server, wheel, temp, cache) = (setup.Server, setup.Wheel, setup.Temp, setup.Cache);

        var file = await new WheelDownloader(IndexTestKit.Http(cache), cache).DownloadAsync(new Uri(server.UrlOf(wheel)), wheel.Sha256);

        Assert.Equal(wheel.Content, await File.ReadAllBytesAsync(file.Path));
        var requests = server.Requests.Where(r => r.Path == wheel.UrlPath).ToList();
        Assert.Equal(2, requests.Count);
        Assert.Null(requests[0].Range);
        Assert.Equal($"bytes={wheel.Content.Length / 2}-", requests[1].Range);
        Assert.NotNull(requests[1].IfRange);
        Assert.True(server.BodyBytesSent(wheel.UrlPath) < wheel.Content.Length * 1.1, $"{server.BodyBytesSent(wheel.UrlPath)} bytes sent for {wheel.Content.Length}");
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(temp.Path, "staging")));
    }

    [Fact]
    public async Task A_body_that_stalls_fails_its_try_after_the_read_timeout_and_the_next_try_resumes()
    {
        await using var setup = await OneWheel.ServeAsync(LocalIndexFailure.StallMidBody);
        var (server, wheel, temp, cache) = (setup.Server, setup.Wheel, setup.Temp, setup.Cache);
        var http = IndexTestKit.Http(cache, retry: IndexTestKit.FastRetry with { ReadTimeout = TimeSpan.FromMilliseconds(500) });

        var file = await new WheelDownloader(http, cache).DownloadAsync(new Uri(server.UrlOf(wheel)), wheel.Sha256);

        Assert.Equal(wheel.Content, await File.ReadAllBytesAsync(file.Path));
        Assert.Equal($"bytes={wheel.Content.Length / 2}-", server.Requests.Last(r => r.Path == wheel.UrlPath).Range);
    }

    [Fact]
    public async Task A_429_with_Retry_After_is_waited_for_then_retried()
    {
        await using var setup = await OneWheel.ServeAsync(LocalIndexFailure.TooManyRequests);
        var (server, wheel, temp, cache) = (setup.Server, setup.Wheel, setup.Temp, setup.Cache);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var file = await new WheelDownloader(IndexTestKit.Http(cache), cache).DownloadAsync(new Uri(server.UrlOf(wheel)), wheel.Sha256);

        Assert.Equal(wheel.Content, await File.ReadAllBytesAsync(file.Path));
        Assert.Equal(2, server.RequestCount(wheel.UrlPath));
        // FastRetry's own backoff is 5–20 ms: only Retry-After: 1 explains a wait of a second.
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.9), $"retried after {clock.Elapsed}");
    }

    [Fact]
    public async Task A_download_that_keeps_failing_is_LLMPY0720_naming_the_bytes_and_the_next_build_resumes()
    {
        await using var setup = await OneWheel.ServeAsync(LocalIndexFailure.ResetMidBody);
        var (server, wheel, temp, cache) = (setup.Server, setup.Wheel, setup.Temp, setup.Cache);
        var downloader = new WheelDownloader(IndexTestKit.Http(cache), cache) { ProgressInterval = TimeSpan.Zero };
        var half = wheel.Content.Length / 2;

        // Once half has arrived the server goes down for longer than the retries last.
        var e = await Assert.ThrowsAsync<LlmPyException>(() => downloader.DownloadAsync(new Uri(server.UrlOf(wheel)), wheel.Sha256,
            p => { if (p.BytesReceived >= half) server.FailNext(wheel.UrlPath, 10, LocalIndexFailure.ServiceUnavailable); }));

        Assert.Equal(DiagnosticCodes.Cache.DownloadFailed, e.Code);
        Assert.Equal("foo", e.PackageName);
        Assert.Contains("foo-1.0-py3-none-any.whl", e.Message);
        Assert.Contains($"{half:N0} of {wheel.Content.Length:N0} bytes", e.Message);
        Assert.Contains("HTTP 503", e.Message);
        Assert.Contains("next build continues", e.Message);
        Assert.Null(cache.TryGet(WheelDownloader.Bucket, wheel.Sha256));

        server.FailNext(wheel.UrlPath, 0);
        server.ResetCounts();
        var file = await new WheelDownloader(IndexTestKit.Http(cache), cache).DownloadAsync(new Uri(server.UrlOf(wheel)), wheel.Sha256);

        Assert.Equal(wheel.Content, await File.ReadAllBytesAsync(file.Path));
        Assert.Equal($"bytes={half}-", Assert.Single(server.Requests).Range);
        Assert.Equal(wheel.Content.Length - half, server.BodyBytesSent(wheel.UrlPath));
    }

    [Fact]
    public async Task A_cancelled_download_is_resumed_and_a_server_that_answers_200_restarts_cleanly()
    {
        await using var setup = await OneWheel.ServeAsync(LocalIndexFailure.StallMidBody);
        var (server, wheel, temp, cache) = (setup.Server, setup.Wheel, setup.Temp, setup.Cache);
        using var ctrlC = new CancellationTokenSource();
        var downloader = new WheelDownloader(IndexTestKit.Http(cache), cache) { ProgressInterval = TimeSpan.Zero };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => downloader.DownloadAsync(new Uri(server.UrlOf(wheel)), wheel.Sha256,
            p => { if (p.BytesReceived >= wheel.Content.Length / 2) ctrlC.CancelAfter(50); }, ctrlC.Token));
        Assert.Null(cache.TryGet(WheelDownloader.Bucket, wheel.Sha256));
        Assert.Equal(wheel.Content.Length / 2, new FileInfo(Path.Combine(temp.Path, "staging", wheel.Sha256 + ".part")).Length);

        server.AcceptRanges = false;
        server.ResetCounts();
        var file = await new WheelDownloader(IndexTestKit.Http(cache), cache).DownloadAsync(new Uri(server.UrlOf(wheel)), wheel.Sha256);

        Assert.Equal(wheel.Content, await File.ReadAllBytesAsync(file.Path));
        Assert.NotNull(Assert.Single(server.Requests).Range);
        Assert.Equal(wheel.Content.Length, server.BodyBytesSent(wheel.UrlPath));
    }
}
