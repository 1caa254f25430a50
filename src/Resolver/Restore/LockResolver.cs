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
        var builds = new SourceBuilds(_session, () => CreateSource(backend?.Backend, backend?.IndexUrl));
        var source = CreateSource(backend?.Backend, backend?.IndexUrl, SdistMetadata(builds, backend?.Gpu, probe: false));

        var resolution = new ResolutionRequest
        {
            Roots = _session.Roots.Select(r => new ResolutionRoot(r.Requirement, r.NoDeps)).ToList(),
            Constraints = Constraints(backend),
            Environment = _session.Target.Markers,
            TargetPython = Pep440Version.Parse(_session.Target.PythonVersion),
            AllowPrereleases = request.AllowPrereleases,
            AllowSourceBuilds = request.AllowSourceBuilds,
            SourceBuildPackages = builds.Allowed,
            PreferredVersions = Preferred(previous, sectionName),
        };
        _log.Message($"Resolving {resolution.Roots.Count} Python packages for {sectionName}…", important: true);
        ResolutionResult result;
        try
        {
            result = await new PubGrubResolver(source).ResolveAsync(resolution, cancellationToken).ConfigureAwait(false);
        }
        catch (ResolutionException) when (!request.AllowSourceBuilds)
        {
            await ThrowIfSdistsWouldResolveAsync(resolution, builds, backend, cancellationToken).ConfigureAwait(false);
            throw;
        }

        var packages = new List<LockedPackage>();
        var torch = result.Find(PackageName.Parse("torch"))?.Version;
        var chosenFiles = new List<(ResolvedNode Node, IndexDistribution Chosen)>();
        foreach (var node in result.Packages)
        {
            var distribution = (IndexDistribution)node.Candidate.Distribution!;
            // A torch-coupled extension (flash-attn +cu123torch2.4cxx11abiFALSE) installs the variant built for the resolved torch.
            var chosen = distribution with { File = distribution.FileFor(torch) };
            if (chosen.File != distribution.File)
                _log.Message($"{node.Name}: {chosen.File.FileName} matches torch {torch} ({backend?.Backend ?? "PyPI"}).");
            if (!chosen.File.IsWheel)
                _log.Message($"{node.Name} {node.Version}: no wheel for {_session.Target.PlatformTag}; it will be built from {chosen.File.FileName}.", important: true);
            chosenFiles.Add((node, chosen));
        }
        // Sources without hashes or sizes (local folders, plain HTML): fetch the files (in parallel, each wheel unpacked as it
        // arrives, ready for the install) and hash them once; they stay in the cache.
        async Task<DownloadedFile?> FetchIfUnknown(DistributionFile file, string package) =>
            file.Sha256 is null || file.Size is null
                ? await _session.Wheels.FetchAsync(package, file.Url, file.Sha256, file.FileName, file.Size, cancellationToken).ConfigureAwait(false)
                : null;
        var fetched = await Task.WhenAll(chosenFiles.Select(c => FetchIfUnknown(c.Chosen.File, c.Node.Name.Value))).ConfigureAwait(false);
        foreach (var ((node, chosen), downloaded) in chosenFiles.Zip(fetched))
        {
            var sha256 = chosen.File.Sha256 ?? downloaded!.Sha256;
            var size = chosen.File.Size ?? downloaded!.Size;
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
                BuildFromSource = !chosen.File.IsWheel,
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

    /// <summary>The resolver's view of the indexes for one backend (<c>cu124</c> at <paramref name="backendIndexUrl"/>; null = no PyTorch backend).</summary>
    public IndexResolverSource CreateSource(string? backend, string? backendIndexUrl, Func<DistributionFile, CancellationToken, Task<string>>? sdistMetadata = null)
    {
        var router = new IndexRouter(_session.Http, RestoreIndexRouting.Options(
            _session.Request, _session.Roots, backendIndexUrl, _session.Family.RoutedPackageNameSet));
        var directWheels = _session.Roots.Where(r => r.LocalWheel is not null)
            .ToDictionary(r => r.Name, r => DirectWheel.FromInclude(r.LocalWheel!, _session.ProjectDirectory));
        return new IndexResolverSource(router, new MetadataFetcher(_session.Http, _session.Cache), _session.Target.Tags, directWheels,
            new BuildVariantMatcher(backend)) { SdistMetadata = sdistMetadata };
    }

    /// <summary>
    /// An sdist's metadata for the resolver: PKG-INFO when static, else the backend's (a build environment and a hook run).
    /// A <paramref name="probe"/> runs no code: without static metadata it assumes no dependencies.
    /// </summary>
    private Func<DistributionFile, CancellationToken, Task<string>> SdistMetadata(SourceBuilds builds, Accelerators.GpuInfo? gpu, bool probe) =>
        async (file, ct) =>
        {
            if (!_session.Target.IsHost)
                throw new LlmPyException(DiagnosticCodes.SourceBuild.CannotBuildForTarget,
                    $"{file.FileName} is a source distribution, and wheels for {_session.Target.PlatformTag} cannot be built on this machine. Pin a version that has a wheel for that platform, or add one with <PythonPackage Include=\"…whl\" />.")
                { PackageName = file.Project };
            var downloaded = await new WheelDownloader(_session.Http, _session.Cache).DownloadAsync(file, null, ct).ConfigureAwait(false);
            var sdist = Distributions.SdistFileName.Parse(file.FileName);
            var input = builds.Input(sdist.Name.Value, sdist.Version.ToString(), downloaded.Path, file.FileName, downloaded.Sha256, null, gpu);
            if (Building.SdistBuilder.StaticMetadata(input) is { } pkgInfo) return pkgInfo;
            if (probe) return $"Metadata-Version: 2.1\nName: {sdist.Name}\nVersion: {sdist.Version}\n";
            _log.Message($"Asking the build backend of {file.FileName} for its metadata…");
            return await builds.Builder.MetadataAsync(input, ct).ConfigureAwait(false);
        };

    /// <summary>
    /// When the resolution fails with source builds off: if allowing sdists would resolve, the one error names every package that
    /// would have to be built (LLMPY0031) and the properties that allow it. The probe builds nothing.
    /// </summary>
    private async Task ThrowIfSdistsWouldResolveAsync(ResolutionRequest resolution, SourceBuilds builds, BackendDecision? backend, CancellationToken cancellationToken)
    {
        var probe = CreateSource(backend?.Backend, backend?.IndexUrl, SdistMetadata(builds, backend?.Gpu, probe: true));
        ResolutionResult result;
        try
        {
            result = await new PubGrubResolver(probe).ResolveAsync(resolution with { AllowSourceBuilds = true }, cancellationToken).ConfigureAwait(false);
        }
        catch (LlmPyException)
        {
            return; // sdists do not help: the original error stands.
        }
        var sdists = result.Packages.Where(n => !((IndexDistribution)n.Candidate.Distribution!).File.IsWheel && !builds.Allowed.Contains(n.Name)).ToList();
        if (sdists.Count == 0) return;
        var listed = sdists.Select(n => $"{n.Name} {n.Version} ({((IndexDistribution)n.Candidate.Distribution!).File.FileName})");
        var names = string.Join(";", sdists.Select(n => n.Name.Value));
        throw new LlmPyException(DiagnosticCodes.Inputs.SourceBuildUnsupported,
            $"These packages have no wheel for {_session.Target.PlatformTag} (Python {_session.Target.PythonVersion}), only a source distribution, and building from source is not allowed: {string.Join(", ", listed)}. " +
            $"Building runs the package's own code. To allow it, set <PythonSourceBuildPackages>{names}</PythonSourceBuildPackages> (or AllowSourceBuild=\"true\" on the item, or PythonAllowSourceBuilds=true for all); or pin versions that have wheels.")
        { PackageName = sdists[0].Name.Value };
    }

    /// <summary>
    /// PythonConstraint items, plus torchvision/torchaudio paired with an exactly pinned torch, plus (Cuda=auto) no torch
    /// newer than the one the backend was checked against: a newer torch on the same index may lack the GPU's kernels.
    /// </summary>
    private List<Requirement> Constraints(BackendDecision? backend)
    {
        var request = _session.Request;
        var constraints = new List<Requirement>();
        // Normalized by RequestValidator: a valid name and a normalized specifier.
        foreach (var c in request.Constraints)
            constraints.Add(Requirement.Parse(c.Name + c.Version));
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
