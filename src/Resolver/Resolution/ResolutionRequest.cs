using LlmPython.Resolver.Requirements;
using LlmPython.Resolver.Versioning;

namespace LlmPython.Resolver.Resolution;

/// <summary>A top-level requirement; <see cref="NoDeps"/> = install it without following its dependencies.</summary>
public sealed record ResolutionRoot(Requirement Requirement, bool NoDeps = false);

/// <summary>What to resolve and for which target environment.</summary>
public sealed record ResolutionRequest
{
    public required IReadOnlyList<ResolutionRoot> Roots { get; init; }

    /// <summary>Bounds a package only if something requires it (like pip's -c).</summary>
    public IReadOnlyList<Requirement> Constraints { get; init; } = [];

    /// <summary>Marker variables of the target (python_version, sys_platform, …).</summary>
    public required MarkerEnvironment Environment { get; init; }

    /// <summary>The target interpreter version checked against each candidate's Requires-Python;
    /// null = taken from the environment's python_full_version (else python_version).</summary>
    public Pep440Version? TargetPython { get; init; }

    /// <summary>Allow pre-releases of every package.</summary>
    public bool AllowPrereleases { get; init; }

    /// <summary>Versions with only an sdist are candidates (building runs arbitrary code).</summary>
    public bool AllowSourceBuilds { get; init; }

    /// <summary>Packages whose sdist-only versions are candidates even when <see cref="AllowSourceBuilds"/> is off.</summary>
    public IReadOnlySet<PackageName> SourceBuildPackages { get; init; } = new HashSet<PackageName>();

    /// <summary>Versions to try first (from an existing lockfile).</summary>
    public IReadOnlyDictionary<PackageName, Pep440Version> PreferredVersions { get; init; } = new Dictionary<PackageName, Pep440Version>();

    /// <summary>Request metadata of likely next candidates ahead of the solver.</summary>
    public bool Prefetch { get; init; } = true;

    /// <summary>Upper bound on solver decisions plus conflicts before giving up (LLMPY0405).</summary>
    public int MaxSteps { get; init; } = 200_000;
}
