using System.Collections.Concurrent;
using LlmPython.Resolver.Distributions;
using LlmPython.Resolver.Indexes;
using LlmPython.Resolver.Requirements;
using LlmPython.Resolver.Resolution;
using LlmPython.Resolver.Tags;
using LlmPython.Resolver.Versioning;

namespace LlmPython.Resolver.Restore;

/// <summary>
/// The resolver's view of the configured sources: each name goes to the one source the router picks
/// (first index that has it; PyTorch family to the backend index), files are ranked by the target's
/// wheel tags and each version is represented by its best wheel (or its sdist). Local wheel items
/// replace their project's index entirely. Pages and metadata are fetched once per run.
/// </summary>
public sealed class RoutedResolverSource : IResolverSource
{
    public const string DirectSource = "direct";

    private readonly IndexRouter _router;
    private readonly MetadataFetcher _metadata;
    private readonly SupportedTags _tags;
    private readonly IReadOnlyDictionary<PackageName, DistributionFile> _directWheels;
    private readonly ConcurrentDictionary<PackageName, Task<IReadOnlyList<ResolverCandidate>?>> _versions = new();
    private readonly ConcurrentDictionary<string, Task<IReadOnlyList<Requirement>>> _dependencies = new(StringComparer.Ordinal);

    public RoutedResolverSource(IndexRouter router, MetadataFetcher metadata, SupportedTags tags,
        IReadOnlyDictionary<PackageName, DistributionFile> directWheels)
    {
        _router = router;
        _metadata = metadata;
        _tags = tags;
        _directWheels = directWheels;
    }

    /// <summary>Number of project pages this run asked for (each name at most once).</summary>
    public int PagesRequested => _versions.Count;

    public Task<IReadOnlyList<ResolverCandidate>?> GetVersionsAsync(PackageName name, CancellationToken cancellationToken) =>
        _versions.GetOrAdd(name, n => LoadVersionsAsync(n, cancellationToken));

    public Task<IReadOnlyList<Requirement>> GetDependenciesAsync(PackageName name, ResolverCandidate candidate, CancellationToken cancellationToken)
    {
        var file = ((CandidateFile)candidate.Distribution!).File;
        return _dependencies.GetOrAdd(file.Url.AbsoluteUri, _ => LoadDependenciesAsync(file, cancellationToken));
    }

    private async Task<IReadOnlyList<ResolverCandidate>?> LoadVersionsAsync(PackageName name, CancellationToken cancellationToken)
    {
        if (_directWheels.TryGetValue(name, out var direct))
        {
            var wheel = WheelFileName.Parse(direct.FileName);
            return [new ResolverCandidate(wheel.Version)
            {
                HasCompatibleWheel = _tags.IsCompatible(wheel.Tags),
                Distribution = new CandidateFile(direct, DirectSource),
            }];
        }
        var routed = await _router.RouteAsync(name.Value, cancellationToken).ConfigureAwait(false);
        if (routed is null) return null;
        return Group(routed.Page.Files, routed.Source.ToString() ?? "");
    }

    /// <summary>One candidate per version: the best-ranked compatible wheel, else the sdist, else any file.</summary>
    internal IReadOnlyList<ResolverCandidate> Group(IEnumerable<DistributionFile> files, string source)
    {
        var byVersion = new Dictionary<Pep440Version, List<(DistributionFile File, int? Rank, int Build, bool IsWheel)>>();
        foreach (var file in files)
        {
            Pep440Version version;
            int? rank = null;
            var build = 0;
            var isWheel = file.IsWheel;
            if (isWheel)
            {
                if (!WheelFileName.TryParse(file.FileName, out var wheel)) continue;
                version = wheel.Version;
                rank = _tags.Rank(wheel.Tags);
                build = wheel.Build?.Number ?? 0;
            }
            else if (SdistFileName.TryParse(file.FileName, out var sdist)) version = sdist.Version;
            else continue; // eggs, exe installers and unparseable names are not candidates
            if (!byVersion.TryGetValue(version, out var list)) byVersion[version] = list = [];
            list.Add((file, rank, build, isWheel));
        }

        var result = new List<ResolverCandidate>(byVersion.Count);
        foreach (var (version, list) in byVersion)
        {
            var best = list.Where(f => f.IsWheel && f.Rank is not null)
                .OrderBy(f => f.Rank).ThenByDescending(f => f.Build).ThenBy(f => f.File.FileName, StringComparer.Ordinal)
                .Select(f => f.File).FirstOrDefault();
            var sdist = list.Where(f => !f.IsWheel).Select(f => f.File).OrderBy(f => f.FileName, StringComparer.Ordinal).FirstOrDefault();
            var chosen = best ?? sdist ?? list[0].File;
            // PEP 592: a version is yanked when every file of it is.
            var yanked = list.All(f => f.File.Yanked);
            result.Add(new ResolverCandidate(version)
            {
                RequiresPython = ParseRequiresPython(chosen.RequiresPython),
                IsYanked = yanked,
                YankedReason = yanked ? list.Select(f => f.File.YankedReason).FirstOrDefault(r => !string.IsNullOrEmpty(r)) : null,
                HasCompatibleWheel = best is not null,
                HasSourceDistribution = sdist is not null,
                Distribution = new CandidateFile(chosen, source),
            });
        }
        return result;
    }

    private async Task<IReadOnlyList<Requirement>> LoadDependenciesAsync(DistributionFile file, CancellationToken cancellationToken)
    {
        var fetched = await _metadata.FetchAsync(file, cancellationToken).ConfigureAwait(false);
        return fetched.Parse().RequiresDist;
    }

    /// <summary>An unparseable data-requires-python is ignored, as pip does, rather than hiding the version.</summary>
    private static VersionSpecifierSet? ParseRequiresPython(string? text) =>
        !string.IsNullOrWhiteSpace(text) && VersionSpecifierSet.TryParse(text, out var set) ? set : null;
}
