namespace LlmPython.Resolver.Indexes;

/// <summary>One file a source offers for a project (PEP 503/691 file entry, find-links link, or a direct wheel).</summary>
public sealed record DistributionFile
{
    private static readonly IReadOnlyDictionary<string, string> NoHashes = new Dictionary<string, string>();

    /// <summary>File name, percent-decoded (<c>torch-2.4.0+cu118-…whl</c>).</summary>
    public required string FileName { get; init; }
    /// <summary>Absolute download URL without fragment and without credentials (http(s) or file).</summary>
    public required Uri Url { get; init; }
    /// <summary>Hash algorithm (lower case, e.g. sha256) → lower-case hex digest, as advertised.</summary>
    public IReadOnlyDictionary<string, string> Hashes { get; init; } = NoHashes;
    /// <summary>PEP 503 data-requires-python / PEP 691 requires-python, unescaped; null when absent.</summary>
    public string? RequiresPython { get; init; }
    /// <summary>PEP 592.</summary>
    public bool Yanked { get; init; }
    /// <summary>Reason given with the yank, when there is one.</summary>
    public string? YankedReason { get; init; }
    /// <summary>PEP 658/714: the index serves <see cref="CoreMetadataUrl"/>.</summary>
    public bool HasCoreMetadata { get; init; }
    /// <summary>Hashes of the .metadata file, when advertised.</summary>
    public IReadOnlyDictionary<string, string> CoreMetadataHashes { get; init; } = NoHashes;
    /// <summary>PEP 700 size in bytes, when advertised.</summary>
    public long? Size { get; init; }

    public string? Sha256 => Hashes.TryGetValue("sha256", out var h) ? h : null;
    public bool IsWheel => ProjectNames.IsWheel(FileName);
    public bool IsLocal => Url.IsFile;
    /// <summary>Normalized project name taken from the file name (null when the name is not a distribution's).</summary>
    public string? Project => ProjectNames.ProjectOf(FileName);
    /// <summary>PEP 658: the metadata file is the file URL plus <c>.metadata</c>.</summary>
    public Uri CoreMetadataUrl => new(Url.AbsoluteUri + ".metadata");
}

/// <summary>What a source lists for one project.</summary>
public sealed record ProjectPage(string Name, Uri Url, IReadOnlyList<DistributionFile> Files);

/// <summary>Something that can answer "which files does project X have": an index or a find-links location.</summary>
public interface IPackageSource
{
    /// <summary>Where it is (URL without credentials, or a folder), for messages and the lockfile.</summary>
    string Location { get; }
    /// <summary>The project's files, or null when this source does not have the project.</summary>
    Task<ProjectPage?> GetProjectAsync(string name, CancellationToken cancellationToken = default);
}
