using LlmPython.Resolver.Requirements;
using LlmPython.Resolver.Versioning;

namespace LlmPython.Resolver.Resolution;

/// <summary>
/// Where the solver learns which versions exist and what they depend on. The index layer implements it
/// (routing each name to one index); tests implement it in memory. Calls may run concurrently.
/// </summary>
public interface IResolverSource
{
    /// <summary>
    /// Every version the index lists for <paramref name="name"/> (any order; the solver sorts them),
    /// or null when the project does not exist there.
    /// </summary>
    Task<IReadOnlyList<ResolverCandidate>?> GetVersionsAsync(PackageName name, CancellationToken cancellationToken);

    /// <summary>The Requires-Dist list of one candidate (its core metadata).</summary>
    Task<IReadOnlyList<Requirement>> GetDependenciesAsync(PackageName name, ResolverCandidate candidate, CancellationToken cancellationToken);
}

/// <summary>
/// One version of a project as the index lists it. <see cref="Distribution"/> is the source's own record of
/// the file it would install (name, URL, hash); the solver hands it back untouched in the result.
/// </summary>
public sealed record ResolverCandidate(Pep440Version Version)
{
    /// <summary>The Requires-Python of the version's files, or null when none is declared.</summary>
    public VersionSpecifierSet? RequiresPython { get; init; }

    /// <summary>PEP 592: the version is yanked; it is chosen only when pinned with == or ===.</summary>
    public bool IsYanked { get; init; }

    public string? YankedReason { get; init; }

    /// <summary>A wheel exists whose tags the target accepts (the source ranks files with SupportedTags).</summary>
    public bool HasCompatibleWheel { get; init; } = true;

    /// <summary>An sdist exists (usable only when source builds are allowed).</summary>
    public bool HasSourceDistribution { get; init; }

    /// <summary>Wheels of this version the build-variant label rules out, each with the part that did not match (for errors).</summary>
    public IReadOnlyList<(string File, string Reason)> RejectedFiles { get; init; } = [];

    /// <summary>
    /// The torch range this version's build-variant wheels load into (<c>torch&gt;=2.3,&lt;2.5</c>): an extra dependency, also
    /// under NoDeps, so the resolver picks a torch some wheel was built for; null when the wheels are not torch-coupled.
    /// </summary>
    public Requirement? TorchCoupling { get; init; }

    /// <summary>Why <see cref="TorchCoupling"/> is what it is, for messages.</summary>
    public string? TorchCouplingDetail { get; init; }

    /// <summary>The file the source would install for this version (opaque to the solver).</summary>
    public object? Distribution { get; init; }
}
