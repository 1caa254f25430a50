using System.Collections.Concurrent;
using LlmPython.Resolver.Requirements;
using LlmPython.Resolver.Resolution;
using LlmPython.Resolver.Versioning;

namespace LlmPython.Resolver.Tests.Resolution;

/// <summary>
/// A package index held in memory: versions with their requirement strings. Counts every request so
/// tests can check what the solver looked at (and that nothing is asked twice).
/// </summary>
internal sealed class InMemoryResolverSource : IResolverSource
{
    private readonly Dictionary<PackageName, List<(ResolverCandidate Candidate, string[] Requires)>> _packages = [];

    public ConcurrentDictionary<string, int> VersionRequests { get; } = new();
    public ConcurrentDictionary<string, int> DependencyRequests { get; } = new();

    /// <summary>Adds one version; <paramref name="configure"/> sets yanked, requires-python, wheel flags.</summary>
    public InMemoryResolverSource Add(string name, string version, string[]? requires = null, Func<ResolverCandidate, ResolverCandidate>? configure = null)
    {
        var key = PackageName.Parse(name);
        if (!_packages.TryGetValue(key, out var list)) _packages[key] = list = [];
        var candidate = new ResolverCandidate(Pep440Version.Parse(version)) { Distribution = $"{key}-{version}" };
        list.Add((configure?.Invoke(candidate) ?? candidate, requires ?? []));
        return this;
    }

    /// <summary>Declares a project that exists but lists no versions.</summary>
    public InMemoryResolverSource AddEmpty(string name)
    {
        _packages.TryAdd(PackageName.Parse(name), []);
        return this;
    }

    public Task<IReadOnlyList<ResolverCandidate>?> GetVersionsAsync(PackageName name, CancellationToken cancellationToken)
    {
        VersionRequests.AddOrUpdate(name.Value, 1, (_, n) => n + 1);
        IReadOnlyList<ResolverCandidate>? result = _packages.TryGetValue(name, out var list) ? list.Select(v => v.Candidate).ToList() : null;
        return Task.FromResult(result);
    }

    public Task<IReadOnlyList<Requirement>> GetDependenciesAsync(PackageName name, ResolverCandidate candidate, CancellationToken cancellationToken)
    {
        DependencyRequests.AddOrUpdate($"{name}=={candidate.Version}", 1, (_, n) => n + 1);
        var entry = _packages[name].First(v => v.Candidate.Version == candidate.Version);
        IReadOnlyList<Requirement> requirements = entry.Requires.Select(Requirement.Parse).ToList();
        return Task.FromResult(requirements);
    }
}
