using System.Collections.Concurrent;
using System.Text.Json;
using LlmPython.Resolver.Requirements;
using LlmPython.Resolver.Resolution;
using LlmPython.Resolver.Versioning;

namespace LlmPython.TestSupport;

/// <summary>
/// A frozen resolvelib index (name → version → dependency strings) as a resolver source. Emulates the marker
/// rule of resolvelib's test provider (vectors README): a dependency with a marker applies only to a candidate
/// with extras, and only if the marker holds for one of those extras on the host. Markers that mention
/// <c>extra</c> already behave that way; any other marker is evaluated on the host here and, when true,
/// rewritten to <c>extra != ""</c> so it reaches the extra nodes only.
/// </summary>
/// Shared by the resolver tests and the resolve benchmark.
public sealed class ResolvelibIndexSource : IResolverSource
{
    private readonly JsonElement _root;
    private readonly MarkerEnvironment _host;

    /// <param name="index">A parsed <c>resolvelib/index/*.json</c> file.</param>
    public ResolvelibIndexSource(JsonDocument index, MarkerEnvironment host)
    {
        _root = index.RootElement;
        _host = host;
    }

    /// <summary>name==version of every candidate whose dependencies were requested.</summary>
    public ConcurrentDictionary<string, int> DependencyRequests { get; } = new();

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
        var key = (string)candidate.Distribution!;
        DependencyRequests.AddOrUpdate($"{name}=={candidate.Version}", 1, (_, n) => n + 1);
        var result = new List<Requirement>();
        var dependencies = _root.GetProperty(name.Value).GetProperty(key).GetProperty("dependencies");
        // One frozen entry (toolz 0.10.0) has {} instead of a list.
        if (dependencies.ValueKind != JsonValueKind.Array) return Task.FromResult<IReadOnlyList<Requirement>>(result);
        foreach (var text in dependencies.EnumerateArray().Select(e => e.GetString()!))
        {
            Requirement requirement;
            try { requirement = Requirement.Parse(text); }
            catch (FormatException) { continue; } // a few frozen strings are not PEP 508 (see the vectors README)
            if (requirement.Marker is null || text.Contains("extra", StringComparison.Ordinal))
            {
                result.Add(requirement);
                continue;
            }
            bool holds;
            try { holds = requirement.Marker.Evaluate(_host, ["x"]); }
            catch (Exception e) when (e is FormatException or LlmPython.Resolver.Diagnostics.LlmPyException) { holds = false; }
            if (holds) result.Add(Requirement.Parse(text[..text.IndexOf(';')] + "; extra != \"\""));
        }
        return Task.FromResult<IReadOnlyList<Requirement>>(result);
    }
}
