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

    /// <summary>
    /// Build-variant wheels of this version that fit the environment, best first, with the torch (major, minor) each loads
    /// into; empty when the version's wheels are not torch-coupled (then <see cref="File"/> is the one).
    /// </summary>
    public IReadOnlyList<(DistributionFile File, IReadOnlySet<(int Major, int Minor)> TorchMinors)> TorchVariants { get; init; } = [];

    /// <summary>The file to install once torch is resolved: the best variant built against that torch's minor.</summary>
    public DistributionFile FileFor(Pep440Version? torch)
    {
        if (TorchVariants.Count == 0 || torch is null) return File;
        var minor = ((int)torch.Major, (int)torch.Minor);
        return TorchVariants.FirstOrDefault(v => v.TorchMinors.Contains(minor)).File ?? File;
    }
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
    private readonly BuildVariantMatcher _variants;
    private readonly IReadOnlyDictionary<PackageName, DistributionFile> _directWheels;
    private readonly ConcurrentDictionary<string, Task<IReadOnlyList<Requirement>>> _dependencies = new(StringComparer.Ordinal);

    /// <summary>Core metadata of an sdist candidate (PKG-INFO or the backend's); null = sdists have no readable metadata here.</summary>
    public Func<DistributionFile, CancellationToken, Task<string>>? SdistMetadata { get; init; }

    public IndexResolverSource(IndexRouter router, MetadataFetcher metadata, SupportedTags tags,
        IReadOnlyDictionary<PackageName, DistributionFile>? directWheels = null, BuildVariantMatcher? variants = null)
    {
        _router = router;
        _metadata = metadata;
        _tags = tags;
        _variants = variants ?? new BuildVariantMatcher(null);
        _directWheels = directWheels ?? new Dictionary<PackageName, DistributionFile>();
    }

    public async Task<IReadOnlyList<ResolverCandidate>?> GetVersionsAsync(PackageName name, CancellationToken cancellationToken)
    {
        if (_directWheels.TryGetValue(name, out var direct))
        {
            var wheel = WheelFileName.Parse(direct.FileName);
            return [Candidate(CandidateVersion(wheel.Version), [(direct, wheel, _tags.IsCompatible(wheel.Tags) ? 0 : null)], DirectSource)];
        }
        var routed = await _router.RouteAsync(name.Value, cancellationToken).ConfigureAwait(false);
        if (routed is null) return null;
        var byVersion = new Dictionary<Pep440Version, List<(DistributionFile File, WheelFileName? Wheel, int? Rank)>>();
        foreach (var file in routed.Page.Files)
        {
            Pep440Version version;
            WheelFileName? parsed = null;
            int? rank = null;
            if (file.IsWheel)
            {
                if (!WheelFileName.TryParse(file.FileName, out var wheel) || wheel.Name != name) continue;
                version = wheel.Version;
                parsed = wheel;
                rank = _tags.Rank(wheel.Tags);
            }
            else if (SdistFileName.TryParse(file.FileName, out var sdist) && sdist.Name == name)
                version = sdist.Version;
            else
                continue; // not a distribution of this project (or an unparseable name): ignored, as pip does
            var key = CandidateVersion(version);
            if (!byVersion.TryGetValue(key, out var list)) byVersion[key] = list = [];
            list.Add((file, parsed, rank));
        }
        return byVersion.Select(v => Candidate(v.Key, v.Value, routed.Source.Location)).ToList();
    }

    /// <summary>
    /// Torch-coupled variants of one release (+cu118torch2.4…, +cu123torch2.4…) are one version, the one their METADATA
    /// states: the resolved torch picks the file. Other local versions (torch's own +cu124) stay versions of their own.
    /// </summary>
    private static Pep440Version CandidateVersion(Pep440Version version) =>
        BuildVariantLabel.Parse(version.Local) is { } label && (label.Torch is not null || label.Cxx11Abi is not null) ? version.Public : version;

    /// <summary>
    /// One version from its files: the best wheel the tags and the build-variant label accept (else the sdist); the files
    /// the label rejects, each with its reason; and, for torch-coupled wheels, the torch versions they load into.
    /// </summary>
    private ResolverCandidate Candidate(Pep440Version version, List<(DistributionFile File, WheelFileName? Wheel, int? Rank)> files, string location)
    {
        var rejections = new List<(string File, string Reason)>();
        var usable = new List<(DistributionFile File, int Rank, BuildVariantMatcher.Verdict Verdict)>();
        foreach (var (file, wheel, rank) in files)
        {
            if (wheel is null || rank is null) continue;
            var verdict = _variants.Evaluate(BuildVariantLabel.OfWheel(wheel));
            if (verdict.Accepted) usable.Add((file, rank.Value, verdict));
            else rejections.Add((file.FileName, verdict.Rejection!));
        }
        usable = usable.OrderBy(u => u.Verdict.Preference).ThenBy(u => u.Rank).ThenBy(u => u.File.FileName, StringComparer.Ordinal).ToList();
        var bestWheel = usable.Select(u => u.File).FirstOrDefault();
        var sdist = files.Where(f => !f.File.IsWheel).Select(f => f.File).OrderBy(f => f.FileName, StringComparer.Ordinal).FirstOrDefault();
        var chosen = bestWheel ?? sdist ?? files[0].File;
        // Torch-coupled only when every usable wheel names the torch it was built against (or an ABI).
        var coupled = usable.Count > 0 && usable.All(u => u.Verdict.TorchMinors is not null);
        var variants = coupled ? usable.Select(u => (u.File, u.Verdict.TorchMinors!)).ToList() : [];
        var coupling = coupled ? BuildVariantMatcher.TorchRequirement(usable.SelectMany(u => u.Verdict.TorchMinors!)) : null;
        return new ResolverCandidate(version)
        {
            RequiresPython = chosen.RequiresPython is { Length: > 0 } rp && VersionSpecifierSet.TryParse(rp, out var set) ? set : null,
            // PEP 592: a version is yanked when all its files are.
            IsYanked = files.All(f => f.File.Yanked),
            YankedReason = files.Select(f => f.File.YankedReason).FirstOrDefault(r => !string.IsNullOrEmpty(r)),
            HasCompatibleWheel = bestWheel is not null,
            HasSourceDistribution = sdist is not null,
            RejectedFiles = rejections,
            TorchCoupling = coupling,
            TorchCouplingDetail = coupled
                ? "its wheels are built for " + string.Join(", ", usable.SelectMany(u => u.Verdict.TorchMinors!).Distinct().OrderBy(m => m).Select(m => $"torch {m.Major}.{m.Minor}"))
                : null,
            Distribution = new IndexDistribution(chosen, location) { TorchVariants = variants },
        };
    }

    public Task<IReadOnlyList<Requirement>> GetDependenciesAsync(PackageName name, ResolverCandidate candidate, CancellationToken cancellationToken)
    {
        var file = ((IndexDistribution)candidate.Distribution!).File;
        var loaded = _dependencies.GetOrAdd(file.Url.AbsoluteUri, _ => LoadDependenciesAsync(file, cancellationToken));
        return candidate.TorchCoupling is { } coupling ? WithCouplingAsync(loaded, coupling) : loaded;
    }

    private static async Task<IReadOnlyList<Requirement>> WithCouplingAsync(Task<IReadOnlyList<Requirement>> loaded, Requirement coupling) =>
        [.. await loaded.ConfigureAwait(false), coupling];

    private async Task<IReadOnlyList<Requirement>> LoadDependenciesAsync(DistributionFile file, CancellationToken cancellationToken)
    {
        if (!file.IsWheel && SdistMetadata is not null)
            return CoreMetadata.Parse(await SdistMetadata(file, cancellationToken).ConfigureAwait(false)).RequiresDist;
        var fetched = await _metadata.FetchAsync(file, cancellationToken).ConfigureAwait(false);
        return fetched.Parse().RequiresDist;
    }
}
