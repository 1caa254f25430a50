namespace LlmPython.Resolver.Locking;

/// <summary>
/// python.lock.json: for every resolution environment, each package with its exact file, and a hash
/// of the inputs so a stale lock is detected. Same inputs → same bytes (see <see cref="LockFileWriter"/>).
/// </summary>
public sealed record LockFile
{
    public const int CurrentFormatVersion = 1;

    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>sha256 of the normalized restore inputs (items, metadata, properties, interpreter, backend).</summary>
    public required string InputsHash { get; init; }

    public IReadOnlyList<LockedEnvironment> Environments { get; init; } = [];

    public LockedEnvironment? FindEnvironment(string name) =>
        Environments.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.Ordinal));
}

/// <summary>One resolution environment: python version × platform × accelerator backend.</summary>
public sealed record LockedEnvironment
{
    /// <summary>Stable key, e.g. "cp311-manylinux_2_36_x86_64-cu118".</summary>
    public required string Name { get; init; }
    public required string PythonVersion { get; init; }
    /// <summary>The most specific platform tag of the target ("manylinux_2_36_x86_64", "win_amd64").</summary>
    public required string Platform { get; init; }
    /// <summary>The PyTorch backend ("cu118", "cpu", …) or null when no PyTorch-family package is present.</summary>
    public string? Backend { get; init; }
    /// <summary>One line: why that backend was chosen.</summary>
    public string? BackendReason { get; init; }
    public IReadOnlyList<LockedPackage> Packages { get; init; } = [];

    public LockedPackage? Find(string normalizedName) =>
        Packages.FirstOrDefault(p => string.Equals(p.Name, normalizedName, StringComparison.Ordinal));
}

/// <summary>One package, pinned to one file.</summary>
public sealed record LockedPackage
{
    /// <summary>PEP 503 normalized name.</summary>
    public required string Name { get; init; }
    public required string Version { get; init; }
    /// <summary>The index (or find-links source, or "file") that answered for this name.</summary>
    public required string Source { get; init; }
    public required string FileName { get; init; }
    /// <summary>Where the file is fetched from; a path relative to the project for local wheels.</summary>
    public required string Url { get; init; }
    public required string Sha256 { get; init; }
    public long? Size { get; init; }
    /// <summary>True for top-level PythonPackage items (REQUESTED is written for these).</summary>
    public bool Requested { get; init; }
    /// <summary>True when installed without its dependencies (NoDeps).</summary>
    public bool NoDeps { get; init; }
    /// <summary>The file is a source distribution (URL, sha256 of the sdist): the install builds it (PEP 517), or takes the cached build.</summary>
    public bool BuildFromSource { get; init; }
    public IReadOnlyList<LockedDependency> Dependencies { get; init; } = [];
}

/// <summary>An edge of the graph: this package needs <see cref="Name"/> (with extras, under a marker).</summary>
public sealed record LockedDependency
{
    public required string Name { get; init; }
    public IReadOnlyList<string> Extras { get; init; } = [];
    /// <summary>The requirement as the package's metadata states it, e.g. "numpy>=1.17; python_version >= '3.8'".</summary>
    public string? Requirement { get; init; }
}
