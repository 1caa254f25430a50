using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Requirements;
using LlmPython.Resolver.Versioning;

namespace LlmPython.Resolver.Resolution;

/// <summary>
/// Memoizes the source: each version list and each metadata request is issued once, possibly ahead of
/// the solver (prefetch), and awaited when the solver needs it.
/// </summary>
internal sealed class CandidateCatalog
{
    private readonly IResolverSource _source;
    private readonly CancellationToken _cancellationToken;
    private readonly Dictionary<PackageName, Task<PackageVersions>> _versions = [];
    private readonly Dictionary<(PackageName, Pep440Version), Task<IReadOnlyList<Requirement>>> _dependencies = [];
    private readonly object _gate = new();

    public CandidateCatalog(IResolverSource source, CancellationToken cancellationToken)
    {
        _source = source;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Version lists already fetched (the solver indexes version sets into them).</summary>
    public Dictionary<PackageName, PackageVersions> Known { get; } = [];

    public async Task<IReadOnlyList<PackageVersions>> GetVersionsAsync(IEnumerable<PackageName> names)
    {
        var tasks = names.Distinct().Select(StartVersions).ToArray();
        var lists = await Task.WhenAll(tasks).ConfigureAwait(false);
        foreach (var list in lists) Known[list.Name] = list;
        return lists;
    }

    public Task<IReadOnlyList<Requirement>> GetDependenciesAsync(PackageName name, ResolverCandidate candidate)
    {
        lock (_gate)
        {
            var key = (name, candidate.Version);
            if (!_dependencies.TryGetValue(key, out var task))
                _dependencies[key] = task = FetchDependenciesAsync(name, candidate);
            return task;
        }
    }

    /// <summary>Starts fetching a candidate's metadata without waiting for it.</summary>
    public void Prefetch(PackageName name, ResolverCandidate candidate) => _ = GetDependenciesAsync(name, candidate);

    private Task<PackageVersions> StartVersions(PackageName name)
    {
        lock (_gate)
        {
            if (!_versions.TryGetValue(name, out var task))
                _versions[name] = task = FetchVersionsAsync(name);
            return task;
        }
    }

    private async Task<PackageVersions> FetchVersionsAsync(PackageName name)
    {
        try
        {
            var candidates = await _source.GetVersionsAsync(name, _cancellationToken).ConfigureAwait(false);
            return new PackageVersions(name, candidates);
        }
        catch (Exception e) when (e is not LlmPyException and not OperationCanceledException)
        {
            throw new LlmPyException(DiagnosticCodes.Resolution.SourceFailure,
                $"Listing the versions of '{name}' failed: {e.Message}. Check the index URL and your network, then build again.", e)
            { PackageName = name.Value };
        }
    }

    private async Task<IReadOnlyList<Requirement>> FetchDependenciesAsync(PackageName name, ResolverCandidate candidate)
    {
        try
        {
            return await _source.GetDependenciesAsync(name, candidate, _cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not LlmPyException and not OperationCanceledException)
        {
            throw new LlmPyException(DiagnosticCodes.Resolution.SourceFailure,
                $"Reading the metadata of '{name}' {candidate.Version} failed: {e.Message}. Check the index and build again.", e)
            { PackageName = name.Value };
        }
    }
}
