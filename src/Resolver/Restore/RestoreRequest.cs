namespace LlmPython.Resolver.Restore;

/// <summary>One <c>PythonPackage</c> item with its metadata, as the project declared it.</summary>
public sealed record PackageItem(
    string Include,
    string? Version = null,
    string? Extras = null,
    string? Cuda = null,
    string? Index = null,
    bool NoDeps = false,
    string? Markers = null,
    bool PrivateAssets = false,
    /// <summary>Where it was declared (project file path), for diagnostics.</summary>
    string? DefiningProject = null)
{
    /// <summary>AllowSourceBuild: this package may be built from its sdist.</summary>
    public bool AllowSourceBuild { get; init; }
    /// <summary>BuildRequires: <c>torch</c> = the sdist's build environment gets the locked torch.</summary>
    public string? BuildRequires { get; init; }
    /// <summary>BuildIsolation=false: build against the environment's locked packages (here: its torch) too.</summary>
    public bool BuildIsolation { get; init; } = true;
    /// <summary>BuildSettings: PEP 517 config settings, <c>key=value;key=value</c>.</summary>
    public string? BuildSettings { get; init; }
}

/// <summary>One <c>PythonIndex</c> item.</summary>
public sealed record IndexItem(string Url, string? Name = null, bool Explicit = false);

/// <summary>One <c>PythonConstraint</c> item.</summary>
public sealed record ConstraintItem(string Name, string Version);

/// <summary>One <c>PythonProject</c> item: a pyproject.toml and the extras of it to install.</summary>
public sealed record ProjectFileItem(string Path, string? Extras = null);

/// <summary>The custom metadata names one item was declared with (<c>Versoin</c> included), for the unknown-metadata check.</summary>
public sealed record DeclaredMetadata(string ItemType, string Include, string? DefiningProject, IReadOnlyList<string> Names);

/// <summary>Everything a restore needs, taken from the project's items and properties.</summary>
public sealed record RestoreRequest
{
    public required string ProjectPath { get; init; }
    public IReadOnlyList<PackageItem> Packages { get; init; } = [];
    public IReadOnlyList<IndexItem> Indexes { get; init; } = [];
    public IReadOnlyList<string> FindLinks { get; init; } = [];
    public IReadOnlyList<ConstraintItem> Constraints { get; init; } = [];
    /// <summary>PythonRequirementsFile items (absolute paths): read into the lists above by <see cref="ProjectFileExpansion"/>.</summary>
    public IReadOnlyList<string> RequirementsFiles { get; init; } = [];
    /// <summary>PythonProject items (absolute paths): read into the lists above by <see cref="ProjectFileExpansion"/>.</summary>
    public IReadOnlyList<ProjectFileItem> Projects { get; init; } = [];
    /// <summary>--hash values of requirements files: the locked file of each named package must be one of them.</summary>
    public IReadOnlyList<ProjectFiles.HashPin> RequiredHashes { get; init; } = [];
    /// <summary>requires-python of PythonProject items, checked against the interpreter.</summary>
    public IReadOnlyList<ProjectFiles.RequiresPythonPin> RequiresPython { get; init; } = [];
    /// <summary>The metadata names of every Python item as declared, checked by <see cref="ItemMetadataCheck"/>. Not hashed.</summary>
    public IReadOnlyList<DeclaredMetadata> DeclaredMetadata { get; init; } = [];

    public string? PythonVersion { get; init; }
    public string? PythonExecutable { get; init; }
    public string PythonIndexUrl { get; init; } = "https://pypi.org/simple";
    public string PyTorchIndexUrl { get; init; } = "https://download.pytorch.org/whl";
    public string PythonCuda { get; init; } = "auto";
    public string? TargetCudaDriver { get; init; }
    public string? TargetComputeCapability { get; init; }
    public required string LockFilePath { get; init; }
    public bool LockedMode { get; init; }
    public IReadOnlyList<string> UpdatePackages { get; init; } = [];
    public bool Offline { get; init; }
    public static readonly TimeSpan DefaultHttpTimeout = TimeSpan.FromSeconds(30);
    /// <summary>PythonHttpTimeout: how long a try may wait for headers or for the next body bytes (no limit on a whole transfer).</summary>
    public TimeSpan HttpTimeout { get; init; } = DefaultHttpTimeout;
    /// <summary>PythonRefresh: revalidate every cached index page once, however fresh its Cache-Control says it is.</summary>
    public bool Refresh { get; init; }
    public string? CacheDirectory { get; init; }
    /// <summary>RestoreConfigFile: the one NuGet.Config to read index credentials from, or null = NuGet's walk up from the project folder.</summary>
    public string? NuGetConfigFile { get; init; }
    public required string EnvironmentDirectory { get; init; }
    public bool AllowSourceBuilds { get; init; }
    /// <summary>PythonSourceBuildPackages: names that may be built from sdists even when AllowSourceBuilds is off.</summary>
    public IReadOnlyList<string> SourceBuildPackages { get; init; } = [];
    public bool AllowPrereleases { get; init; }
    public bool CompileBytecode { get; init; }
    /// <summary>Runtime identifier for a publish-time resolution (linux-x64, win-x64, …), or null = this machine.</summary>
    public string? RuntimeIdentifier { get; init; }
    /// <summary>Resolve and lock only; do not build the environment.</summary>
    public bool LockOnly { get; init; }
    /// <summary>
    /// The caller's identity of these inputs and of the discovery context (PATH, pyenv, …). When set, a
    /// successful restore records it in the stamp so the next build can confirm a no-op with
    /// <see cref="StampedNoOp"/> without running the engine. Not part of the lock's inputs hash.
    /// </summary>
    public string? NoOpKey { get; init; }
    /// <summary>The build phase: materialize from the lockfile as restored, never resolve or probe an index; a missing or
    /// stale lock is an error (see <see cref="LockFileOnlySection"/>). <see cref="UpdatePackages"/> is ignored.</summary>
    public bool FromLockFileOnly { get; init; }
}
