using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using LlmPython.Resolver.Caching;
using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Http;
using LlmPython.Resolver.Requirements;

namespace LlmPython.Resolver.Indexes;

/// <summary>Where a wheel's core metadata came from.</summary>
public enum MetadataOrigin
{
    Cache,
    /// <summary>The PEP 658 <c>.metadata</c> file.</summary>
    MetadataFile,
    /// <summary>The wheel's METADATA read with HTTP range requests.</summary>
    RangeRequests,
    /// <summary>The whole wheel was downloaded (the server ignored Range, or the zip could not be read in parts).</summary>
    WholeWheel,
    /// <summary>A local wheel (find-links folder or a path).</summary>
    LocalFile,
}

/// <summary>A wheel's METADATA text as fetched; <see cref="Parse"/> gives the typed view.</summary>
public sealed record FetchedMetadata(string Text, MetadataOrigin Origin)
{
    public CoreMetadata Parse() => CoreMetadata.Parse(Text);
}

/// <summary>
/// Gets a wheel's core metadata without installing it, cheapest way first: the cache (keyed by the wheel's
/// sha256), the PEP 658 <c>.metadata</c> file (checked against its advertised hash), the METADATA member by HTTP
/// range requests, and last the whole wheel (stored in the cache for the installer when its hash is known).
/// </summary>
public sealed class MetadataFetcher
{
    public const string Bucket = "metadata";
    private readonly PythonHttpClient _http;
    private readonly CacheStore? _cache;

    public MetadataFetcher(PythonHttpClient http, CacheStore? cache = null)
    {
        _http = http;
        _cache = cache;
    }

    public async Task<FetchedMetadata> FetchAsync(DistributionFile file, CancellationToken cancellationToken = default)
    {
        if (!file.IsWheel)
            throw new ArgumentException($"'{file.FileName}' is not a wheel; sdist metadata needs a build.", nameof(file));
        var key = file.Sha256;
        if (_cache is not null && key is not null && _cache.TryGet(Bucket, key) is { } cached)
            return new FetchedMetadata(await File.ReadAllTextAsync(cached, cancellationToken).ConfigureAwait(false), MetadataOrigin.Cache);
        if (file.IsLocal)
            return new FetchedMetadata(FromZipFile(file.Url.LocalPath, file), MetadataOrigin.LocalFile);
        if (_http.Offline)
            throw new LlmPyException(DiagnosticCodes.Http.OfflineNotCached,
                $"The metadata of '{file.FileName}' is not in the cache and PythonOffline is true. Run one restore online, or set PythonOffline=false.")
            { PackageName = file.Project };

        if (_cache is null || key is null)
            return await FetchRemoteAsync(file, cancellationToken).ConfigureAwait(false);
        // Fetched under the entry's lock: parallel restores (other projects of a -m build) wait and read this one's copy.
        FetchedMetadata? fetched = null;
        var path = await _cache.GetOrCreateAsync(Bucket, key, async (temp, ct) =>
        {
            fetched = await FetchRemoteAsync(file, ct).ConfigureAwait(false);
            await File.WriteAllTextAsync(temp, fetched.Text, ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return fetched ?? new FetchedMetadata(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false), MetadataOrigin.Cache);
    }

    private async Task<FetchedMetadata> FetchRemoteAsync(DistributionFile file, CancellationToken ct)
    {
        if (file.HasCoreMetadata)
        {
            var bytes = await _http.GetBytesAsync(file.CoreMetadataUrl, ct).ConfigureAwait(false);
            if (bytes is not null)
            {
                VerifyMetadataHash(file, bytes);
                return new FetchedMetadata(Decode(bytes), MetadataOrigin.MetadataFile);
            }
            // Advertised but gone: fall through to the wheel itself.
        }

        try
        {
            var reader = new RemoteZipReader(_http, file.Url);
            var result = await reader.ReadMemberAsync(names => ChooseMetadata(names, file), ct).ConfigureAwait(false);
            if (result.Member is not null)
                return new FetchedMetadata(Decode(result.Member), MetadataOrigin.RangeRequests);
            if (result.WholeFile is not null)
            {
                if (file.Sha256 is { } expected && Sha256Hex(result.WholeFile) != expected)
                    throw new LlmPyException(DiagnosticCodes.Cache.HashMismatch,
                        $"'{file.FileName}' from {UrlRedaction.Redact(file.Url)} does not match its advertised sha256 {expected}. The index serves a different file than it lists; nothing was cached.")
                    { PackageName = file.Project };
                return new FetchedMetadata(FromZipBytes(result.WholeFile, file), MetadataOrigin.WholeWheel);
            }
            throw NoMetadata(file, "it has no .dist-info/METADATA");
        }
        catch (FormatException)
        {
            // Zip not readable in parts (odd layout, a server that mangles ranges): take the whole wheel.
        }

        if (_cache is not null)
        {
            var downloaded = await new WheelDownloader(_http, _cache).DownloadAsync(file, null, ct).ConfigureAwait(false);
            return new FetchedMetadata(FromZipFile(downloaded.Path, file), MetadataOrigin.WholeWheel);
        }
        var whole = await _http.GetBytesAsync(file.Url, ct).ConfigureAwait(false)
            ?? throw NoMetadata(file, "the wheel is gone from the index (HTTP 404)");
        return new FetchedMetadata(FromZipBytes(whole, file), MetadataOrigin.WholeWheel);
    }

    /// <summary>The top-level <c>*.dist-info/METADATA</c>, preferring the one named after the project.</summary>
    internal static string? ChooseMetadata(IReadOnlyList<string> names, DistributionFile file)
    {
        var candidates = names.Where(n => n.EndsWith(".dist-info/METADATA", StringComparison.Ordinal) && n.Count(c => c == '/') == 1).ToList();
        return candidates.FirstOrDefault(n => ProjectNames.Normalize(n.Split('/')[0].Split('-')[0]) == file.Project)
            ?? candidates.FirstOrDefault();
    }

    private static string FromZipBytes(byte[] wheel, DistributionFile file)
    {
        using var stream = new MemoryStream(wheel);
        return FromZip(stream, file);
    }

    private static string FromZipFile(string path, DistributionFile file)
    {
        using var stream = File.OpenRead(path);
        return FromZip(stream, file);
    }

    private static string FromZip(Stream stream, DistributionFile file)
    {
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read);
            var name = ChooseMetadata(zip.Entries.Select(e => e.FullName).ToList(), file) ?? throw NoMetadata(file, "it has no .dist-info/METADATA");
            using var entry = zip.GetEntry(name)!.Open();
            using var buffer = new MemoryStream();
            entry.CopyTo(buffer);
            return Decode(buffer.ToArray());
        }
        catch (InvalidDataException e)
        {
            throw NoMetadata(file, "it is not a valid zip file (" + e.Message + ")");
        }
    }

    private static void VerifyMetadataHash(DistributionFile file, byte[] bytes)
    {
        foreach (var (algorithm, expected) in file.CoreMetadataHashes)
        {
            var actual = algorithm switch
            {
                "sha256" => Sha256Hex(bytes),
                "sha384" => Convert.ToHexString(SHA384.HashData(bytes)).ToLowerInvariant(),
                "sha512" => Convert.ToHexString(SHA512.HashData(bytes)).ToLowerInvariant(),
                _ => null, // an algorithm we cannot check is skipped, as pip does
            };
            if (actual is not null && actual != expected)
                throw new LlmPyException(DiagnosticCodes.Cache.MetadataHashMismatch,
                    $"The metadata file of '{file.FileName}' ({UrlRedaction.Redact(file.CoreMetadataUrl)}) has {algorithm} {actual} but the index advertises {expected}. The index is inconsistent; report it to its maintainers or use another index.")
                { PackageName = file.Project };
        }
    }

    private static LlmPyException NoMetadata(DistributionFile file, string why) =>
        new(DiagnosticCodes.Http.MetadataUnavailable,
            $"The metadata of '{file.FileName}' ({UrlRedaction.Redact(file.Url)}) cannot be read: {why}. The wheel is broken; pick another version or report it to the index.")
        { PackageName = file.Project };

    private static string Decode(byte[] bytes) => new UTF8Encoding(false).GetString(bytes).TrimStart('\uFEFF');

    private static string Sha256Hex(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();
}
