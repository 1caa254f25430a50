using LlmPython.Resolver.Requirements;
using LlmPython.Resolver.Versioning;

namespace LlmPython.Resolver.Resolution;

/// <summary>One installed package of the resolved graph.</summary>
public sealed record ResolvedNode(PackageName Name, Pep440Version Version, ResolverCandidate Candidate)
{
    /// <summary>The extras of this package that something requested (sorted).</summary>
    public IReadOnlyList<string> Extras { get; init; } = [];
}

/// <summary>
/// A dependency edge: <see cref="From"/> (null = the project itself) requires <see cref="To"/> through
/// <see cref="Requirement"/>; <see cref="ViaExtra"/> is the extra of From that brought it, if any.
/// </summary>
public sealed record ResolvedEdge(PackageName? From, PackageName To, Requirement Requirement, string? ViaExtra)
{
    public string RequirementText => Requirement.ToString();
    public Marker? Marker => Requirement.Marker;
    public IReadOnlyList<string> Extras => Requirement.Extras;
}

/// <summary>The resolved graph: packages sorted by name, edges sorted by (from, to).</summary>
public sealed record ResolutionResult(IReadOnlyList<ResolvedNode> Packages, IReadOnlyList<ResolvedEdge> Edges)
{
    public ResolvedNode? Find(PackageName name) => Packages.FirstOrDefault(p => p.Name == name);
}
