using LlmPython.Resolver.Distributions;
using LlmPython.Resolver.Indexes;
using LlmPython.Resolver.Requirements;
using LlmPython.Resolver.Tags;
using LlmPython.Resolver.Versioning;

namespace LlmPython.Resolver.Resolution;

/// <summary>The file the resolver chose for a candidate, and the index that served it (for the lockfile).</summary>
public sealed record IndexDistribution(DistributionFile File, string IndexLocation)
{
    public bool IsWheel => File.IsWheel;
}

/// <summary>
/// The resolver's view of the package indexes: each name is answered by the one source the
/// <see cref="IndexRouter"/> routes it to; files are grouped by version and the best wheel for the target
/// (by <see cref="SupportedTags"/> rank) becomes the candidate's <see cref="IndexDistribution"/>.
/// </summary>
public sealed class IndexResolverSource : IResolverSource
{
    private readonly IndexRouter _router;
    private readonly MetadataFetcher _metadata;
    private readonly SupportedTags _tags;

    public IndexResolverSource(IndexRouter router, MetadataFetcher metadata, SupportedTags tags)
    {
        _router = router;
        _metadata = metadata;
        _tags = tags;
    }

    public async Task<IReadOnlyList<ResolverCandidate>?> GetVersionsAsync(PackageName name, CancellationToken cancellationToken)
    {
        var routed = await _router.RouteAsync(name.Value, cancellationToken).ConfigureAwait(false);
        if (routed is null) return null;
        var byVersion = new Dictionary<Pep440Version, List<(DistributionFile File, int? Rank)>>();
        foreach (var file in routed.Page.Files)
        {
            Pep440Version version;
            int? rank = null;
            if (file.IsWheel)
            {
                if (!WheelFileName.TryParse(file.FileName, out var wheel) || wheel.Name != name) continue;
                version = wheel.Version;
                rank = _tags.Rank(wheel.Tags);
            }
            else if (SdistFileName.TryParse(file.FileName, out var sdist) && sdist.Name == name)
                version = sdist.Version;
            else
                continue; // not a distribution of this project (or an unparseable name): ignored, as pip does
            if (!byVersion.TryGetValue(version, out var list)) byVersion[version] = list = [];
            list.Add((file, rank));
        }
        var candidates = new List<ResolverCandidate>();
        foreach (var (version, files) in byVersion)
        {
            var bestWheel = files.Where(f => f.File.IsWheel && f.Rank is not null)
                .OrderBy(f => f.Rank).ThenBy(f => f.File.FileName, StringComparer.Ordinal).Select(f => f.File).FirstOrDefault();
            var sdist = files.Where(f => !f.File.IsWheel).Select(f => f.File).OrderBy(f => f.FileName, StringComparer.Ordinal).FirstOrDefault();
            var chosen = bestWheel ?? sdist ?? files[0].File;
            candidates.Add(new ResolverCandidate(version)
            {
                RequiresPython = chosen.RequiresPython is { Length: > 0 } rp && VersionSpecifierSet.TryParse(rp, out var set) ? set : null,
                // PEP 592: a version is yanked when all its files are.
                IsYanked = files.All(f => f.File.Yanked),
                YankedReason = files.Select(f => f.File.YankedReason).FirstOrDefault(r => !string.IsNullOrEmpty(r)),
                HasCompatibleWheel = bestWheel is not null,
                HasSourceDistribution = sdist is not null,
                Distribution = new IndexDistribution(chosen, routed.Source.Location),
            });
        }
        return candidates;
    }

    public async Task<IReadOnlyList<Requirement>> GetDependenciesAsync(PackageName name, ResolverCandidate candidate, CancellationToken cancellationToken)
    {
        var distribution = (IndexDistribution)candidate.Distribution!;
        var fetched = await _metadata.FetchAsync(distribution.File, cancellationToken).ConfigureAwait(false);
        return fetched.Parse().RequiresDist;
    }
}
