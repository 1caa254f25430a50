using LlmPython.Resolver.Caching;
using LlmPython.Resolver.Diagnostics;

namespace LlmPython.Resolver.Installation;

/// <summary>
/// Unpacks each verified wheel once into the cache (bucket <see cref="Bucket"/>, keyed by the wheel's sha256),
/// so environments are filled by hardlinks from there instead of unzipping again.
/// </summary>
public sealed class UnpackedWheelStore(CacheStore cache)
{
    /// <summary>Cache bucket; the suffix changes when the unpacked layout does.</summary>
    public const string Bucket = "unpacked-v1";

    public CacheStore Cache { get; } = cache;

    /// <summary>
    /// Returns the unpacked form of the wheel at <paramref name="wheelPath"/>, whose sha256 must be
    /// <paramref name="sha256"/> (LLMPY0710 otherwise). <paramref name="fileName"/> is the wheel's real
    /// name when the file on disk is named by hash.
    /// </summary>
    public async Task<UnpackedWheel> GetAsync(string wheelPath, string sha256, string? fileName = null, CancellationToken cancellationToken = default)
    {
        var key = sha256.ToLowerInvariant();
        if (key.Length != 64 || !key.All(char.IsAsciiHexDigitLower))
            throw new ArgumentException($"'{sha256}' is not a sha256 hex digest.", nameof(sha256));
        // A wheel filed in the cache under this hash was verified when it was filed (downloads hash while streaming):
        // reading a 2 GB file once more would buy nothing, as every member is still checked against RECORD below.
        var filed = Cache.TryGet(Indexes.WheelDownloader.Bucket, key) is { } entry && Path.GetFullPath(entry) == Path.GetFullPath(wheelPath);
        var folder = await Cache.GetOrCreateAsync(Bucket, key, (temp, ct) => Task.Run(() =>
        {
            var actual = filed ? key : RecordHash.FileSha256Hex(wheelPath);
            if (actual != key)
                throw new LlmPyException(DiagnosticCodes.Cache.HashMismatch,
                    $"The wheel '{fileName ?? Path.GetFileName(wheelPath)}' has sha256 {actual}, but {key} was expected. The file is corrupt or was replaced; delete it (or the cache entry) and restore again.")
                { PackageName = fileName ?? Path.GetFileName(wheelPath) };
            WheelArchive.ExtractVerified(wheelPath, temp, fileName, knownSha256: actual, ct);
        }, ct), cancellationToken).ConfigureAwait(false);
        return UnpackedWheel.Load(folder);
    }
}
