using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace LlmPython.TestSupport;

/// <summary>How a registered file is listed; every property is optional.</summary>
public sealed record LocalIndexFileOptions
{
    /// <summary>Project the file is listed under; default: derived from the file name.</summary>
    public string? Project { get; init; }
    /// <summary>Raw PEP 440 specifier for <c>data-requires-python</c> / <c>requires-python</c> (escaped by the server).</summary>
    public string? RequiresPython { get; init; }
    /// <summary>PEP 592: listed as yanked.</summary>
    public bool Yanked { get; init; }
    /// <summary>Reason given with a yank (empty = yanked without reason).</summary>
    public string? YankedReason { get; init; }
    /// <summary>Core metadata served as the PEP 658 <c>.metadata</c> file; default: the wheel's own METADATA.</summary>
    public string? Metadata { get; init; }
    /// <summary>False: no PEP 658 metadata file for this file.</summary>
    public bool MetadataFile { get; init; } = true;
    /// <summary>Advertise this sha256 instead of the real one (hash-mismatch tests).</summary>
    public string? AdvertisedSha256 { get; init; }
    /// <summary>Advertise this sha256 for the metadata file instead of the real one.</summary>
    public string? AdvertisedMetadataSha256 { get; init; }
    /// <summary>False: the link carries no <c>#sha256=</c> fragment (and JSON hashes are empty).</summary>
    public bool AdvertiseHash { get; init; } = true;
}

/// <summary>A file the server serves, with the facts its listings advertise.</summary>
public sealed class LocalIndexFile
{
    internal LocalIndexFile(string fileName, byte[] content, LocalIndexFileOptions options, string urlPath)
    {
        FileName = fileName;
        Content = content;
        Options = options;
        UrlPath = urlPath;
        Project = LocalIndexNames.Normalize(options.Project ?? LocalIndexNames.ProjectOf(fileName));
        Sha256 = LocalIndexNames.Sha256Hex(content);
        Metadata = options.Metadata ?? (fileName.EndsWith(".whl", StringComparison.OrdinalIgnoreCase) ? ExtractWheelMetadata(content) : null);
        MetadataBytes = Metadata is null ? null : Encoding.UTF8.GetBytes(Metadata);
        MetadataSha256 = MetadataBytes is null ? null : LocalIndexNames.Sha256Hex(MetadataBytes);
    }

    public string FileName { get; }
    /// <summary>Normalized project name it is listed under.</summary>
    public string Project { get; }
    public byte[] Content { get; }
    public LocalIndexFileOptions Options { get; }
    /// <summary>Real sha256 (lowercase hex) of <see cref="Content"/>.</summary>
    public string Sha256 { get; }
    /// <summary>Decoded URL path the file is downloaded from (e.g. <c>/packages/foo-1.0-py3-none-any.whl</c>).</summary>
    public string UrlPath { get; }
    /// <summary>Core metadata text (wheel METADATA or the override), or null.</summary>
    public string? Metadata { get; }
    internal byte[]? MetadataBytes { get; }
    public string? MetadataSha256 { get; }

    internal string AdvertisedSha256 => Options.AdvertisedSha256 ?? Sha256;
    internal string? AdvertisedMetadataSha256 => Options.AdvertisedMetadataSha256 ?? MetadataSha256;

    private static string? ExtractWheelMetadata(byte[] wheel)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(wheel), ZipArchiveMode.Read);
            var entry = zip.Entries.FirstOrDefault(e =>
                e.FullName.EndsWith(".dist-info/METADATA", StringComparison.Ordinal) && e.FullName.Count(c => c == '/') == 1);
            if (entry is null) return null;
            using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
            return reader.ReadToEnd();
        }
        catch (InvalidDataException)
        {
            return null; // not a zip: served without metadata
        }
    }
}

/// <summary>Name helpers kept local so test support does not depend on the engine under test.</summary>
internal static partial class LocalIndexNames
{
    [GeneratedRegex("[-_.]+")]
    private static partial Regex Separators();

    public static string Normalize(string name) => Separators().Replace(name, "-").ToLowerInvariant();

    /// <summary>Project part of a wheel (first dash-separated part) or sdist (before the last dash) name.</summary>
    public static string ProjectOf(string fileName)
    {
        fileName = Uri.UnescapeDataString(fileName);
        if (fileName.EndsWith(".whl", StringComparison.OrdinalIgnoreCase))
            return fileName[..fileName.IndexOf('-')];
        var stem = StripArchiveExtension(fileName);
        var dash = stem.LastIndexOf('-');
        return dash > 0 ? stem[..dash] : stem;
    }

    /// <summary>Version part of a wheel or sdist name (for PEP 700 "versions").</summary>
    public static string? VersionOf(string fileName)
    {
        if (fileName.EndsWith(".whl", StringComparison.OrdinalIgnoreCase))
        {
            var parts = fileName.Split('-');
            return parts.Length >= 5 ? parts[1] : null;
        }
        var stem = StripArchiveExtension(fileName);
        var dash = stem.LastIndexOf('-');
        return dash > 0 ? stem[(dash + 1)..] : null;
    }

    private static string StripArchiveExtension(string fileName)
    {
        foreach (var ext in new[] { ".tar.gz", ".tar.bz2", ".tar.xz", ".zip", ".tgz", ".egg" })
            if (fileName.EndsWith(ext, StringComparison.OrdinalIgnoreCase))
                return fileName[..^ext.Length];
        return fileName;
    }

    public static bool IsDistribution(string fileName) =>
        fileName.EndsWith(".whl", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase)
        || fileName.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);

    public static string Sha256Hex(byte[] data) => Convert.ToHexString(SHA256.HashData(data)).ToLowerInvariant();

    /// <summary>Percent-encodes a file name for a link the way real indexes do ('+' → %2B).</summary>
    public static string EncodeFileName(string fileName) => Uri.EscapeDataString(fileName);
}
