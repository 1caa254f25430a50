using System.Collections.Concurrent;
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
/// A wheel named directly by the project (a PythonPackage whose Include is a .whl) replaces its project's
/// index entirely. Each file's metadata is fetched at most once per resolution.
/// </summary>
public sealed class IndexResolverSource : IResolverSource
{
    /// <summary>The <see cref="IndexDistribution.IndexLocation"/> of a wheel the project named directly.</summary>
    public const string DirectSource = "direct";

    private readonly IndexRouter _router;
    private readonly MetadataFetcher _metadata;
    private readonly SupportedTags _tags;
    private readonly IReadOnlyDictionary<PackageName, DistributionFile> _directWheels;
    private readonly ConcurrentDictionary<string, Task<IReadOnlyList<Requirement>>> _dependencies = new(StringComparer.Ordinal);

    public IndexResolverSource(IndexRouter router, MetadataFetcher metadata, SupportedTags tags,
        IReadOnlyDictionary<PackageName, DistributionFile>? directWheels = null)
    {
        _router = router;
        _metadata = metadata;
        _tags = tags;
        _directWheels = directWheels ?? new Dictionary<PackageName, DistributionFile>();
    }

    public async Task<IReadOnlyList<ResolverCandidate>?> GetVersionsAsync(PackageName name, CancellationToken cancellationToken)
    {
        if (_directWheels.TryGetValue(name, out var direct))
        {
            var wheel = WheelFileName.Parse(direct.FileName);
            return [new ResolverCandidate(wheel.Version)
            {
                HasCompatibleWheel = _tags.IsCompatible(wheel.Tags),
                Distribution = new IndexDistribution(direct, DirectSource),
            }];
        }
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

    public Task<IReadOnlyList<Requirement>> GetDependenciesAsync(PackageName name, ResolverCandidate candidate, CancellationToken cancellationToken)
    {
        var file = ((IndexDistribution)candidate.Distribution!).File;
        return _dependencies.GetOrAdd(file.Url.AbsoluteUri, _ => LoadDependenciesAsync(file, cancellationToken));
    }

    private async Task<IReadOnlyList<Requirement>> LoadDependenciesAsync(DistributionFile file, CancellationToken cancellationToken)
    {
        var fetched = await _metadata.FetchAsync(file, cancellationToken).ConfigureAwait(false);
        return fetched.Parse().RequiresDist;
    }
}
