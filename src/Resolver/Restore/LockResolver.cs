using LlmPython.Resolver.Accelerators;
using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Indexes;
using LlmPython.Resolver.Locking;
using LlmPython.Resolver.Requirements;
using LlmPython.Resolver.Resolution;
using LlmPython.Resolver.Versioning;

namespace LlmPython.Resolver.Restore;

/// <summary>
/// Resolves the items for one target and backend and turns the result into a lock section: every
/// package pinned to one file with its URL, sha256 and size, and the dependency edges.
/// </summary>
internal sealed class LockResolver
{
    private readonly RestoreSession _session;
    private readonly IRestoreLog _log;

    public LockResolver(RestoreSession session, IRestoreLog log)
    {
        _session = session;
        _log = log;
    }

    public async Task<LockedEnvironment> ResolveAsync(BackendDecision? backend, string sectionName, LockFile? previous, CancellationToken cancellationToken)
    {
        var request = _session.Request;
        var started = System.Diagnostics.Stopwatch.StartNew();
        var router = new IndexRouter(_session.Http, IndexRoutingOptions.FromRequest(
            request, _session.Roots, backend?.IndexUrl, _session.Family.RoutedPackageNameSet));
        var directWheels = _session.Roots.Where(r => r.LocalWheel is not null)
            .ToDictionary(r => r.Name, r => DirectWheel.FromInclude(r.LocalWheel!, _session.ProjectDirectory));
        var source = new IndexResolverSource(router, new MetadataFetcher(_session.Http, _session.Cache), _session.Target.Tags, directWheels);

        var resolution = new ResolutionRequest
        {
            Roots = _session.Roots.Select(r => new ResolutionRoot(r.Requirement, r.NoDeps)).ToList(),
            Constraints = Constraints(backend),
            Environment = _session.Target.Markers,
            TargetPython = Pep440Version.Parse(_session.Target.PythonVersion),
            AllowPrereleases = request.AllowPrereleases,
            AllowSourceBuilds = request.AllowSourceBuilds,
            PreferredVersions = Preferred(previous, sectionName),
        };
        _log.Message($"Resolving {resolution.Roots.Count} Python packages for {sectionName}…", important: true);
        var result = await new PubGrubResolver(source).ResolveAsync(resolution, cancellationToken).ConfigureAwait(false);

        var downloader = new WheelDownloader(_session.Http, _session.Cache);
        var packages = new List<LockedPackage>();
        foreach (var node in result.Packages)
        {
            var chosen = (IndexDistribution)node.Candidate.Distribution!;
            if (!chosen.File.IsWheel)
                throw new LlmPyException(RestoreDiagnostics.SourceBuildUnsupported,
                    $"{node.Name} {node.Version} has no wheel for {_session.Target.PlatformTag} (Python {_session.Target.PythonVersion}), only the source distribution {chosen.File.FileName}, and LlmPython.Sdk does not build source distributions. Pin a version that has a wheel for this platform, or add a wheel with <PythonPackage Include=\"path/to/{node.Name}-….whl\" />.")
                { PackageName = node.Name.Value };
            var sha256 = chosen.File.Sha256;
            var size = chosen.File.Size;
            if (sha256 is null || size is null)
            {
                // Sources without hashes (local folders, plain HTML): hash the file once; it stays in the cache.
                var downloaded = await downloader.DownloadAsync(chosen.File, null, cancellationToken).ConfigureAwait(false);
                sha256 ??= downloaded.Sha256;
                size ??= downloaded.Size;
            }
            var root = _session.Roots.FirstOrDefault(r => r.Name == node.Name);
            packages.Add(new LockedPackage
            {
                Name = node.Name.Value,
                Version = node.Version.ToString(),
                Source = PortableSource(chosen.IndexLocation),
                FileName = chosen.File.FileName,
                Url = PortableUrl(chosen.File.Url),
                Sha256 = sha256.ToLowerInvariant(),
                Size = size,
                Requested = root is not null,
                NoDeps = root?.NoDeps == true,
                Dependencies = result.Edges.Where(e => e.From == node.Name)
                    .Select(e => new LockedDependency { Name = e.To.Value, Extras = e.Extras, Requirement = e.RequirementText })
                    .DistinctBy(d => (d.Name, d.Requirement)).ToList(),
            });
        }
        _log.Message($"Resolved {packages.Count} Python packages in {started.Elapsed.TotalSeconds:0.0} s.", important: true);
        return new LockedEnvironment
        {
            Name = sectionName,
            PythonVersion = _session.Target.PythonVersion,
            Platform = _session.Target.PlatformTag,
            Backend = backend?.Backend,
            BackendReason = backend?.Explanation,
            Packages = packages,
        };
    }

    /// <summary>
    /// PythonConstraint items, plus torchvision/torchaudio paired with an exactly pinned torch, plus (Cuda=auto) no torch
    /// newer than the one the backend was checked against: a newer torch on the same index may lack the GPU's kernels.
    /// </summary>
    private List<Requirement> Constraints(BackendDecision? backend)
    {
        var request = _session.Request;
        var constraints = new List<Requirement>();
        foreach (var c in request.Constraints)
        {
            if (!PackageName.IsValid(c.Name))
                throw new LlmPyException(RestoreDiagnostics.InvalidConstraint,
                    $"PythonConstraint '{c.Name}' is not a valid package name. Fix it in {request.ProjectPath}.") { PackageName = c.Name };
            constraints.Add(Requirement.Parse(PackageName.Normalize(c.Name) + RequestValidator.NormalizeVersion(c.Version, c.Name)));
        }
        if (backend is { IsExplicit: false, Kind: not AcceleratorKind.Cpu, TorchVersion: { } checkedTorch } && _session.PinnedTorch is null)
            constraints.Add(Requirement.Parse($"torch<={checkedTorch}"));
        if (_session.PinnedTorch is { } torch)
        {
            foreach (var companion in _session.FamilyRoots.Where(r => r.Requirement.Specifier.IsEmpty && r.LocalWheel is null))
            {
                if (_session.Family.PairedVersion(companion.Name.Value, torch) is { } paired)
                {
                    constraints.Add(Requirement.Parse($"{companion.Name}=={paired}"));
                    _log.Message($"{companion.Name}: paired with torch {torch} → {paired}.");
                }
            }
        }
        return constraints;
    }

    /// <summary>Versions already locked are tried first, except the ones PythonUpdatePackages names ('*' = all).</summary>
    internal IReadOnlyDictionary<PackageName, Pep440Version> Preferred(LockFile? previous, string sectionName)
    {
        var update = _session.Request.UpdatePackages.Select(n => n.Trim()).Where(n => n.Length > 0).ToList();
        if (previous is null || update.Contains("*")) return new Dictionary<PackageName, Pep440Version>();
        var unlocked = update.Where(PackageName.IsValid).Select(PackageName.Normalize).ToHashSet(StringComparer.Ordinal);
        var section = previous.FindEnvironment(sectionName) ?? previous.Environments.FirstOrDefault();
        var preferred = new Dictionary<PackageName, Pep440Version>();
        foreach (var p in section?.Packages ?? [])
            if (!unlocked.Contains(p.Name) && Pep440Version.TryParse(p.Version, out var v))
                preferred[PackageName.Parse(p.Name)] = v;
        return preferred;
    }

    /// <summary>A local find-links folder is written relative to the project (also when it is beside it), like local wheel URLs.</summary>
    private string PortableSource(string location)
    {
        if (location.Contains("://", StringComparison.Ordinal) || !Path.IsPathFullyQualified(location)) return location;
        var relative = Path.GetRelativePath(_session.ProjectDirectory, location);
        return Path.IsPathRooted(relative) ? location : relative.Replace('\\', '/');
    }

    /// <summary>A local file is written relative to the project (on another drive: its URL), so the lock is the same in every checkout.</summary>
    private string PortableUrl(Uri url)
    {
        if (!url.IsFile) return Http.UrlRedaction.StripUserInfo(url, dropFragment: true).AbsoluteUri;
        var relative = Path.GetRelativePath(_session.ProjectDirectory, url.LocalPath);
        return Path.IsPathRooted(relative) ? url.AbsoluteUri : relative.Replace('\\', '/');
    }
}
