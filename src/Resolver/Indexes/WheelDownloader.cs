using System.Diagnostics;
using System.Security.Cryptography;
using LlmPython.Resolver.Caching;
using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Http;

namespace LlmPython.Resolver.Indexes;

/// <summary>A file in the cache: where it is, its sha256 and its size.</summary>
public sealed record DownloadedFile(string Path, string Sha256, long Size);

/// <summary>
/// Streams wheels into the cache store, content-addressed by sha256 (bucket <see cref="Bucket"/>, key = the
/// lower-case hex digest). The hash is computed while streaming; a mismatch fails with
/// <see cref="IndexErrorCodes.DownloadHashMismatch"/> and leaves nothing in the cache. A second download of the
/// same hash (another project, another build process) waits for the first and reuses its file.
/// </summary>
public sealed class WheelDownloader
{
    public const string Bucket = "wheels";
    private const int BufferSize = 128 * 1024;
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
    /// file:// URLs are copied. Offline: the cache only (<see cref="IndexErrorCodes.OfflineWheelNotCached"/>).
    /// </summary>
    public async Task<DownloadedFile> DownloadAsync(Uri url, string? expectedSha256, Action<DownloadProgress>? progress = null,
        CancellationToken cancellationToken = default, string? displayName = null)
    {
        var name = displayName ?? Uri.UnescapeDataString(url.Segments[^1]);
        var expected = expectedSha256?.ToLowerInvariant();
        if (expected is not null && _cache.TryGet(Bucket, expected) is { } hit)
            return new DownloadedFile(hit, expected, new FileInfo(hit).Length);
        if (_http.Offline && !url.IsFile)
            throw new LlmPyException(IndexErrorCodes.OfflineWheelNotCached,
                $"'{name}' is not in the cache ({_cache.Root}) and PythonOffline is true. Run one restore online, or set PythonOffline=false.")
            { PackageName = ProjectNames.ProjectOf(name) };

        if (expected is not null)
        {
            var path = await _cache.GetOrCreateAsync(Bucket, expected,
                (temp, ct) => FetchVerifiedAsync(url, temp, expected, name, progress, ct), cancellationToken).ConfigureAwait(false);
            return new DownloadedFile(path, expected, new FileInfo(path).Length);
        }

        // Unknown hash: fetch beside the cache, then file it under the hash it turned out to have.
        var staging = Path.Combine(_cache.Root, "staging");
        Directory.CreateDirectory(staging);
        var partial = Path.Combine(staging, $"{Guid.NewGuid():N}.part");
        try
        {
            var (sha256, _) = await FetchAsync(url, partial, name, progress, cancellationToken).ConfigureAwait(false);
            var path = await _cache.GetOrCreateAsync(Bucket, sha256, (temp, _) =>
            {
                File.Move(partial, temp);
                return Task.CompletedTask;
            }, cancellationToken).ConfigureAwait(false);
            return new DownloadedFile(path, sha256, new FileInfo(path).Length);
        }
        finally
        {
            if (File.Exists(partial)) File.Delete(partial);
        }
    }

    private async Task FetchVerifiedAsync(Uri url, string destination, string expected, string name, Action<DownloadProgress>? progress, CancellationToken ct)
    {
        var (actual, size) = await FetchAsync(url, destination, name, progress, ct).ConfigureAwait(false);
        if (actual != expected)
        {
            File.Delete(destination);
            throw new LlmPyException(IndexErrorCodes.DownloadHashMismatch,
                $"'{name}' from {UrlRedaction.Redact(url)} has sha256 {actual} ({size} bytes) but {expected} was expected. " +
                "The file changed on the index or was altered in transit; nothing was cached. If the new file is trusted, re-lock (PythonUpdatePackages) to record its hash.")
            { PackageName = ProjectNames.ProjectOf(name) };
        }
    }

    /// <summary>Writes the file at <paramref name="destination"/> and returns its sha256 and size.</summary>
    private async Task<(string Sha256, long Size)> FetchAsync(Uri url, string destination, string name, Action<DownloadProgress>? progress, CancellationToken ct)
    {
        if (url.IsFile)
        {
            if (!File.Exists(url.LocalPath))
                throw new LlmPyException(IndexErrorCodes.LocalSourceMissing, $"The wheel '{url.LocalPath}' does not exist. Fix the path that lists it.")
                { PackageName = ProjectNames.ProjectOf(name) };
            await using var source = File.OpenRead(url.LocalPath);
            return await CopyHashingAsync(source, destination, source.Length, progress, ct).ConfigureAwait(false);
        }
        return await _http.SendAsync(url, null, async (response, token) =>
        {
            PythonHttpClient.EnsureSuccess(response, url);
            var announced = response.Content.Headers.ContentLength;
            await using var body = await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false);
            var result = await CopyHashingAsync(body, destination, announced, progress, token).ConfigureAwait(false);
            if (announced is { } length && length != result.Size)
                throw new LlmPyException(IndexErrorCodes.DownloadTruncated,
                    $"'{name}' from {UrlRedaction.Redact(url)} ended after {result.Size} of {length} bytes. Retry the build; if it persists, the server or a proxy is cutting downloads.")
                { PackageName = ProjectNames.ProjectOf(name) };
            return result;
        }, ct).ConfigureAwait(false);
    }

    private async Task<(string Sha256, long Size)> CopyHashingAsync(Stream source, string destination, long? total, Action<DownloadProgress>? progress, CancellationToken ct)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[BufferSize];
        long received = 0;
        var clock = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        // FileMode.Create: a retried attempt starts the file over.
        await using (var output = new FileStream(destination, FileMode.Create, FileAccess.Write, FileShare.None, BufferSize, useAsync: true))
        {
            int read;
            while ((read = await source.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
            {
                sha.AppendData(buffer, 0, read);
                await output.WriteAsync(buffer.AsMemory(0, read), ct).ConfigureAwait(false);
                received += read;
                if (progress is not null && clock.Elapsed - lastReport >= ProgressInterval)
                {
                    lastReport = clock.Elapsed;
                    progress(new DownloadProgress(received, total, Speed(received, clock.Elapsed)));
                }
            }
        }
        progress?.Invoke(new DownloadProgress(received, total, Speed(received, clock.Elapsed)));
        return (Convert.ToHexString(sha.GetHashAndReset()).ToLowerInvariant(), received);
    }

    private static double Speed(long bytes, TimeSpan elapsed) => elapsed.TotalSeconds > 0 ? bytes / elapsed.TotalSeconds : bytes;
}
