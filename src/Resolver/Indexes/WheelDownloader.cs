using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using LlmPython.Resolver.Caching;
using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Http;

namespace LlmPython.Resolver.Indexes;

/// <summary>A file in the cache: where it is, its sha256 and its size; <paramref name="FromCache"/> when no transfer was needed.</summary>
public sealed record DownloadedFile(string Path, string Sha256, long Size, bool FromCache = false);

/// <summary>
/// Streams wheels into the cache store, content-addressed by sha256 (bucket <see cref="Bucket"/>, key = the
/// lower-case hex digest). The hash is computed while streaming; a mismatch fails with
/// <see cref="DiagnosticCodes.Cache.HashMismatch"/> and leaves nothing in the cache. A second download of the
/// same hash (another project, another build process) waits for the first and reuses its file. A transfer cut
/// short (a reset, a stall, Ctrl-C, a killed build) continues with Range + If-Range from the bytes staged so far.
/// </summary>
public sealed class WheelDownloader
{
    public const string Bucket = "wheels";
    private readonly PythonHttpClient _http;
    private readonly CacheStore _cache;

    public WheelDownloader(PythonHttpClient http, CacheStore cache)
    {
        _http = http;
        _cache = cache;
    }

    /// <summary>Minimum time between two progress callbacks (the last one always comes).</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Downloads (or finds in the cache) a file listed by a source, checked against its advertised sha256.</summary>
    public Task<DownloadedFile> DownloadAsync(DistributionFile file, Action<DownloadProgress>? progress = null, CancellationToken cancellationToken = default) =>
        DownloadAsync(file.Url, file.Sha256, progress, cancellationToken, file.FileName);

    /// <summary>
    /// Downloads (or finds in the cache) <paramref name="url"/>. With <paramref name="expectedSha256"/> the cache is
    /// consulted first and the download must match it; without, the file is hashed and stored under its own hash.
    /// file:// URLs are copied. Offline: the cache only (<see cref="DiagnosticCodes.Cache.OfflineWheelNotCached"/>).
    /// </summary>
    public async Task<DownloadedFile> DownloadAsync(Uri url, string? expectedSha256, Action<DownloadProgress>? progress = null,
        CancellationToken cancellationToken = default, string? displayName = null)
    {
        var name = displayName ?? Uri.UnescapeDataString(url.Segments[^1]);
        var expected = expectedSha256?.ToLowerInvariant();
        if (expected is not null && _cache.TryGet(Bucket, expected) is { } hit)
            return new DownloadedFile(hit, expected, new FileInfo(hit).Length, FromCache: true);
        if (_http.Offline && !url.IsFile)
            throw new LlmPyException(DiagnosticCodes.Cache.OfflineWheelNotCached,
                $"'{name}' is not in the cache ({_cache.Root}) and PythonOffline is true. Run one restore online, or set PythonOffline=false.")
            { PackageName = ProjectNames.ProjectOf(name) };

        if (expected is not null)
        {
            // Another build downloading the same file holds the lock for as long as its transfer moves: wait that long.
            var staged = new FileInfo(PartialDownload.PathFor(StagingFolder, expected));
            var path = await _cache.GetOrCreateAsync(Bucket, expected,
                (temp, ct) => FetchVerifiedAsync(url, temp, expected, name, progress, ct), cancellationToken,
                producerProgress: () => { staged.Refresh(); return staged.Exists ? staged.Length : -1; }).ConfigureAwait(false);
            return new DownloadedFile(path, expected, new FileInfo(path).Length);
        }

        // Unknown hash: fetch into staging under a name of its own, then file it under the hash it turned out to have.
        using var partial = PartialDownload.Open(StagingFolder, $"{Guid.NewGuid():N}");
        try
        {
            await FetchAsync(url, partial, name, progress, cancellationToken).ConfigureAwait(false);
            var sha256 = partial.Sha256();
            var path = await _cache.GetOrCreateAsync(Bucket, sha256, (temp, _) =>
            {
                partial.MoveTo(temp);
                return Task.CompletedTask;
            }, cancellationToken).ConfigureAwait(false);
            return new DownloadedFile(path, sha256, new FileInfo(path).Length);
        }
        finally
        {
            partial.Delete();
        }
    }

    /// <summary>Where partial downloads live until verified: inside the cache folder, so filing one is a rename.</summary>
    private string StagingFolder => Path.Combine(_cache.Root, "staging");

    /// <summary>
    /// Runs under the entry's cache lock: continues what an earlier try or build left in staging, verifies the
    /// whole file's sha256 and moves it to <paramref name="destination"/>. A network failure keeps resumable bytes
    /// (<see cref="DiagnosticCodes.Cache.DownloadFailed"/>); a bad hash drops them (<see cref="DiagnosticCodes.Cache.HashMismatch"/>).
    /// </summary>
    private async Task FetchVerifiedAsync(Uri url, string destination, string expected, string name, Action<DownloadProgress>? progress, CancellationToken ct)
    {
        using var partial = PartialDownload.Open(StagingFolder, expected);
        var resumedFromDisk = partial.ResumedFrom > 0;
        await FetchAsync(url, partial, name, progress, ct).ConfigureAwait(false);
        if (partial.Sha256() != expected && resumedFromDisk)
        {
            // The bytes an earlier build left may be damaged (a crash, a full disk): start over once.
            partial.Delete();
            await FetchAsync(url, partial, name, progress, ct).ConfigureAwait(false);
        }
        var actual = partial.Sha256();
        if (actual != expected)
        {
            var size = partial.Length;
            partial.Delete();
            throw new LlmPyException(DiagnosticCodes.Cache.HashMismatch,
                $"'{name}' from {UrlRedaction.Redact(url)} has sha256 {actual} ({size} bytes) but {expected} was expected. " +
                "The file changed on the index or was altered in transit; nothing was cached. If the new file is trusted, re-lock (PythonUpdatePackages) to record its hash.")
            { PackageName = ProjectNames.ProjectOf(name) };
        }
        partial.MoveTo(destination);
    }

    /// <summary>Fills <paramref name="partial"/> with the whole file (resuming with Range + If-Range when it can).</summary>
    private async Task FetchAsync(Uri url, PartialDownload partial, string name, Action<DownloadProgress>? progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var sessionStart = partial.Length;
        long? total = null;
        TimeSpan? lastReport = null;
        void Report(long length, bool last = false)
        {
            if (progress is null || (!last && lastReport is { } previous && clock.Elapsed - previous < ProgressInterval)) return;
            lastReport = clock.Elapsed;
            var seconds = clock.Elapsed.TotalSeconds;
            progress(new DownloadProgress(length, total, seconds > 0 ? (length - sessionStart) / seconds : 0));
        }

        try
        {
            if (url.IsFile)
            {
                if (!File.Exists(url.LocalPath))
                    throw new LlmPyException(DiagnosticCodes.Http.LocalSourceMissing, $"The wheel '{url.LocalPath}' does not exist. Fix the path that lists it.")
                    { PackageName = ProjectNames.ProjectOf(name) };
                await using var source = new FileStream(url.LocalPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, useAsync: true);
                total = source.Length;
                partial.Restart(null);
                await partial.AppendAsync(source, length => Report(length), ct).ConfigureAwait(false);
            }
            else
            {
                await _http.SendAsync(url, request =>
                {
                    // Offsets are those of the stored file: never let a server or proxy re-encode it.
                    request.Headers.AcceptEncoding.Clear();
                    request.Headers.AcceptEncoding.ParseAdd("identity");
                    if (partial.CanResume)
                    {
                        request.Headers.Range = new RangeHeaderValue(partial.Length, null);
                        request.Headers.TryAddWithoutValidation("If-Range", partial.Validator);
                    }
                }, async (response, token) =>
                {
                    if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable && partial.CanResume)
                    {
                        partial.Restart(null);
                        throw new HttpRequestException("the server refused to continue the partial download (HTTP 416); starting over");
                    }
                    PythonHttpClient.EnsureSuccess(response, url);
                    if (response.StatusCode == HttpStatusCode.PartialContent)
                    {
                        if (response.Content.Headers.ContentRange is not { From: { } from } range || from != partial.Length)
                        {
                            partial.Restart(null);
                            throw new HttpRequestException("the server answered another byte range than the one asked for; starting over");
                        }
                        total = range.Length;
                    }
                    else
                    {
                        // 200: the whole file (no partial yet, the file changed, or Range is not supported).
                        partial.Restart(ResumeValidator(response));
                        total = response.Content.Headers.ContentLength;
                    }
                    await using var body = await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false);
                    await partial.AppendAsync(body, length => Report(length), token).ConfigureAwait(false);
                    return true;
                }, ct).ConfigureAwait(false);
            }
        }
        catch (LlmPyException e) when (e.Code is DiagnosticCodes.Http.RequestFailed or DiagnosticCodes.Http.TransferStalled)
        {
            if (!partial.CanResume) partial.Delete();
            throw new LlmPyException(DiagnosticCodes.Cache.DownloadFailed,
                $"Downloading '{name}' stopped at {partial.Length:N0}{(total is { } t ? $" of {t:N0}" : "")} bytes: {e.Message} " +
                (partial.CanResume
                    ? $"The bytes received are kept in '{StagingFolder}' and the next build continues from there."
                    : "The server does not offer resuming (Accept-Ranges with an ETag or Last-Modified), so the next build starts over."), e)
            { PackageName = ProjectNames.ProjectOf(name) };
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C or a cancelled build: resumable bytes stay for the next build.
            if (!partial.CanResume) partial.Delete();
            throw;
        }
        catch
        {
            partial.Delete();
            throw;
        }

        if (total is { } length && length != partial.Length)
        {
            var received = partial.Length;
            partial.Delete();
            throw new LlmPyException(DiagnosticCodes.Cache.DownloadTruncated,
                $"'{name}' from {UrlRedaction.Redact(url)} ended after {received:N0} of {length:N0} bytes. Retry the build; if it persists, the server or a proxy is cutting downloads.")
            { PackageName = ProjectNames.ProjectOf(name) };
        }
        Report(partial.Length, last: true);
    }

    /// <summary>If-Range value for resuming this response's file: a strong ETag, else Last-Modified; null when the server does not do byte ranges.</summary>
    private static string? ResumeValidator(HttpResponseMessage response)
    {
        if (!response.Headers.AcceptRanges.Contains("bytes"))
            return null;
        if (response.Headers.ETag is { IsWeak: false } etag)
            return etag.ToString();
        return response.Content.Headers.LastModified?.ToString("R");
    }
}
