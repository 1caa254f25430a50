using LlmPython.Resolver.Accelerators;
using LlmPython.Resolver.Caching;
using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Distributions;
using LlmPython.Resolver.Environments;
using LlmPython.Resolver.Http;
using LlmPython.Resolver.Indexes;
using LlmPython.Resolver.Interpreters;
using LlmPython.Resolver.Locking;
using LlmPython.Resolver.Versioning;
using PyTorchFamily = LlmPython.Resolver.Accelerators.PyTorchFamilyCatalog;

namespace LlmPython.Resolver.Restore;

/// <summary>
/// Everything one restore shares: the validated items, the cache, the HTTP client, the target
/// environment and interpreter, the inputs hash, and the PyTorch-family view of the items.
/// </summary>
internal sealed class RestoreSession
{
    private RestoreSession(RestoreRequest request, IReadOnlyList<RootRequirement> roots, CacheStore cache,
        TargetEnvironment target, BaseInterpreter baseInterpreter, string declaredInputsHash, IRestoreLog log)
    {
        Downloads = new DownloadProgressReporter(log);
        Wheels = new WheelPipeline(this);
        Request = request;
        Roots = roots;
        Cache = cache;
        Target = target;
        BaseInterpreter = baseInterpreter;
        ProjectDirectory = RestoreLayout.ProjectDirectory(request);
        EnvironmentDirectory = target.IsHost ? request.EnvironmentDirectory : RestoreLayout.DescribedTargetDirectory(request, request.RuntimeIdentifier!);
        StampPath = NoOp.RestoreStamp.PathFor(EnvironmentDirectory, describedTarget: !target.IsHost);
        InputsHash = LockInputs.Hash(request);
        DeclaredInputsHash = declaredInputsHash;
        Started = DateTimeOffset.UtcNow;
        Http = new PythonHttpClient(RestoreHttpSettings.For(request) with { Cache = cache, RefreshSince = request.Refresh ? Started : null });
        FamilyRoots = roots.Where(r => Family.IsRoutedToBackendIndex(r.Name.Value)).ToList();
    }

    public RestoreRequest Request { get; }
    public IReadOnlyList<RootRequirement> Roots { get; }
    public CacheStore Cache { get; }
    public TargetEnvironment Target { get; }
    public BaseInterpreter BaseInterpreter { get; }
    public string ProjectDirectory { get; }
    /// <summary>The folder this restore fills: the venv, or obj/python/rid/&lt;rid&gt;/ for a target that is not this machine.</summary>
    public string EnvironmentDirectory { get; }
    /// <summary>The no-op record of <see cref="EnvironmentDirectory"/>.</summary>
    public string StampPath { get; }
    /// <summary>The lock's inputs hash: of the normalized request, so two spellings of one input keep the lock current.</summary>
    public string InputsHash { get; }
    /// <summary>The hash of the request as declared: what locks written before inputs were normalized carry.</summary>
    public string DeclaredInputsHash { get; }

    /// <summary>Whether a lockfile was written for these inputs (by this version, or by one that hashed them as declared).</summary>
    public bool IsCurrent(LockFile? lockFile) =>
        lockFile is not null && (lockFile.InputsHash == InputsHash || lockFile.InputsHash == DeclaredInputsHash);
    public PythonHttpClient Http { get; }
    /// <summary>Progress and the closing summary of every file this restore downloads (while locking or materializing).</summary>
    public DownloadProgressReporter Downloads { get; }
    /// <summary>Parallel downloads of this restore's files, each wheel unpacked into the cache as it arrives.</summary>
    public WheelPipeline Wheels { get; }
    /// <summary>When this restore began: results other processes completed after it are as current as its own would be.</summary>
    public DateTimeOffset Started { get; }
    public PyTorchFamily Family { get; } = new();
    public IReadOnlyList<RootRequirement> FamilyRoots { get; }
    public bool HasPyTorchFamily => FamilyRoots.Count > 0;

    public static RestoreSession Open(RestoreRequest request, IRestoreLog log)
    {
        request = ProjectFiles.ProjectFileExpansion.Apply(request, log);
        var validated = RequestValidator.Validate(request, BackendSelector.IsBackendName, log);
        var declaredInputsHash = LockInputs.Hash(request);
        (request, var roots) = (validated.Request, validated.Roots);
        var family = new PyTorchFamily();
        foreach (var root in roots.Where(r => r.Cuda is not null && !family.IsRoutedToBackendIndex(r.Name.Value)))
            log.Warning(DiagnosticCodes.Inputs.CudaOnNonPyTorchPackage,
                $"PythonPackage '{root.Name}' has Cuda=\"{root.Cuda}\", but {root.Name} is not served by the PyTorch index, so Cuda is ignored for it. Remove the Cuda metadata.",
                root.DefiningProject, root.Name.Value);
        var cache = new CacheStore(string.IsNullOrWhiteSpace(request.CacheDirectory) ? CacheStore.DefaultRoot() : request.CacheDirectory!);
        var locator = new InterpreterLocator(Path.Combine(cache.Root, "interpreters"));
        var target = TargetEnvironment.Create(request, locator);
        var info = target.Interpreter.Info!;
        ProjectFiles.ProjectFileExpansion.CheckRequiresPython(request, info.Version);
        var executable = string.IsNullOrEmpty(info.RealExecutable) ? target.Interpreter.ExecutablePath : info.RealExecutable;
        var implementation = string.IsNullOrEmpty(info.Implementation) ? "cpython" : info.Implementation;
        var baseInterpreter = target.IsHost
            ? BaseInterpreter.FromExecutable(executable, info.Version, implementation)
            : BaseInterpreter.Described(info.Version, isWindows: target.Markers["platform_system"] == "Windows", implementation);
        return new RestoreSession(request, roots, cache, target, baseInterpreter, declaredInputsHash, log);
    }

    /// <summary>The lock section of this target with this backend: "cp311-linux-x86_64-cu118".</summary>
    public string SectionName(BackendDecision? backend) => Target.Key + (backend is null ? "" : "-" + backend.Backend);

    public string RequestedBackend =>
        PyTorchFamily.MergeBackendRequests(FamilyRoots.Select(r => (r.Name.Value, r.Cuda)), Request.PythonCuda);

    /// <summary>The backend decision, checking candidate backends' indexes for the requested torch when asked to.</summary>
    public Task<BackendDecision> ChooseBackendAsync(GpuInfo gpu, bool probeIndexes, CancellationToken cancellationToken) =>
        new BackendSelector().SelectAsync(BaseBackendRequest(gpu) with
        {
            TorchVersionsOnIndex = probeIndexes ? (backend, ct) => TorchVersionsOnIndexAsync(backend, ct) : null,
        }, cancellationToken);

    /// <summary>The backend decision as the lockfile can satisfy it: a backend counts only when the lock has its section.</summary>
    public Task<BackendDecision> ChooseBackendAsync(GpuInfo gpu, LockFile lockFile, CancellationToken cancellationToken) =>
        new BackendSelector().SelectAsync(BaseBackendRequest(gpu) with
        {
            TorchVersionsOnIndex = (backend, _) =>
            {
                var section = lockFile.FindEnvironment(Target.Key + "-" + backend);
                IReadOnlyList<string> versions = section?.Find("torch") is { } torch ? [PublicVersion(torch.Version)]
                    : section is not null ? [PinnedTorch ?? ""] : [];
                return Task.FromResult(versions.Where(v => v.Length > 0).ToList() as IReadOnlyList<string>);
            },
        }, cancellationToken);

    private BackendRequest BaseBackendRequest(GpuInfo gpu) => new()
    {
        Requested = RequestedBackend,
        Gpu = gpu,
        Platform = Target.AcceleratorPlatform,
        PyTorchIndexUrl = Request.PyTorchIndexUrl,
        TorchVersion = PinnedTorch,
    };

    /// <summary>The torch release when the items pin one exactly (torch==2.4.0).</summary>
    public string? PinnedTorch => TorchPin.Release(Roots.FirstOrDefault(r => r.Name.Value == "torch")?.Requirement.Specifier.ToString());

    /// <summary>Versions of torch on a backend's index that fit the torch item and have a wheel for the target.</summary>
    private async Task<IReadOnlyList<string>> TorchVersionsOnIndexAsync(string backend, CancellationToken cancellationToken)
    {
        var client = new SimpleIndexClient(Http, BackendSelector.IndexUrlFor(Request.PyTorchIndexUrl, backend), backend);
        var page = await client.GetProjectAsync("torch", cancellationToken).ConfigureAwait(false);
        if (page is null) return [];
        var specifier = Roots.FirstOrDefault(r => r.Name.Value == "torch")?.Requirement.Specifier;
        var versions = new SortedSet<Pep440Version>(Comparer<Pep440Version>.Create((a, b) => b.CompareTo(a)));
        foreach (var file in page.Files)
        {
            if (file.Yanked || !WheelFileName.TryParse(file.FileName, out var wheel) || !Target.Tags.IsCompatible(wheel.Tags)) continue;
            // The public version: "2.4.0", not "2.4.0+cu118" (the backend is the local part; the arch tables and messages want the release).
            if (specifier is null || specifier.Contains(wheel.Version, Request.AllowPrereleases ? true : null))
                versions.Add(wheel.Version.Public);
        }
        return versions.Select(v => v.ToString()).ToList();
    }

    private static string PublicVersion(string version) =>
        Pep440Version.TryParse(version, out var parsed) ? parsed.Public.ToString() : version;
}
