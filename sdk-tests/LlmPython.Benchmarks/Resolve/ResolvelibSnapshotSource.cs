using System.Text.Json;
using LlmPython.Resolver.Requirements;
using LlmPython.Resolver.Resolution;
using LlmPython.Resolver.Versioning;

namespace LlmPython.Benchmarks.Resolve;

/// <summary>
/// A frozen resolvelib index file (name → version → dependency strings) served to the solver from memory,
/// with the marker rule of resolvelib's functional-test provider: a dependency with a marker reaches only
/// the extra nodes (markers naming <c>extra</c> already do; others are evaluated on the host and, when
/// true, become <c>extra != ""</c>). Strings that are not PEP 508 are skipped, as upstream's data has a few.
/// </summary>
internal sealed class ResolvelibSnapshotSource : IResolverSource
{
    private readonly JsonElement _root;
    private readonly MarkerEnvironment _host;

    public ResolvelibSnapshotSource(JsonDocument index, MarkerEnvironment host)
    {
        _root = index.RootElement;
        _host = host;
    }

    /// <summary>How many candidates' dependencies the solver asked for.</summary>
    public int DependencyRequests;

    public Task<IReadOnlyList<ResolverCandidate>?> GetVersionsAsync(PackageName name, CancellationToken cancellationToken)
    {
        if (!_root.TryGetProperty(name.Value, out var versions) || versions.ValueKind != JsonValueKind.Object)
            return Task.FromResult<IReadOnlyList<ResolverCandidate>?>(null);
        var list = new List<ResolverCandidate>();
        foreach (var version in versions.EnumerateObject())
            if (Pep440Version.TryParse(version.Name, out var parsed))
                list.Add(new ResolverCandidate(parsed) { Distribution = version.Name });
        return Task.FromResult<IReadOnlyList<ResolverCandidate>?>(list);
    }

    public Task<IReadOnlyList<Requirement>> GetDependenciesAsync(PackageName name, ResolverCandidate candidate, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref DependencyRequests);
        var dependencies = _root.GetProperty(name.Value).GetProperty((string)candidate.Distribution!).GetProperty("dependencies");
        var result = new List<Requirement>();
        if (dependencies.ValueKind == JsonValueKind.Array)
        {
            foreach (var text in dependencies.EnumerateArray().Select(e => e.GetString()!))
            {
                if (ToHostRequirement(text) is { } requirement)
                    result.Add(requirement);
            }
        }
        return Task.FromResult<IReadOnlyList<Requirement>>(result);
    }

    private Requirement? ToHostRequirement(string text)
    {
        Requirement requirement;
        try { requirement = Requirement.Parse(text); }
        catch (FormatException) { return null; }
        if (requirement.Marker is null || text.Contains("extra", StringComparison.Ordinal))
            return requirement;
        try
        {
            return requirement.Marker.Evaluate(_host, ["x"]) ? Requirement.Parse(text[..text.IndexOf(';')] + "; extra != \"\"") : null;
        }
        catch (Exception e) when (e is FormatException or LlmPython.Resolver.Diagnostics.LlmPyException)
        {
            return null;
        }
    }
}
