using LlmPython.Resolver.Diagnostics;
using System.Text.RegularExpressions;

namespace LlmPython.Resolver.Accelerators;

/// <summary>
/// Chooses the PyTorch backend index (DESIGN.md §4 "Accelerator backend choice"). An explicit <c>Cuda</c> wins,
/// even without a GPU (warning when the driver or GPU cannot run it). <c>auto</c>: CUDA backends whose minimum
/// driver (per OS) the driver meets, newest first, keeping only those whose wheels run on every GPU's
/// architecture; the first whose index can satisfy the requested torch wins; then ROCm (gfx lists), then xpu;
/// else CPU, with a warning when a GPU was there.
/// </summary>
public sealed partial class BackendSelector
{
    private const string PackageName = "torch";
    private const string IndexLacksTorch = "its index has no torch";
    private const string DriverTooOld = "needs NVIDIA driver";
    private readonly AcceleratorData _data;

    public BackendSelector(AcceleratorData? data = null) => _data = data ?? AcceleratorData.Default;

    /// <summary>cpu, xpu, cuNN(N), rocmX.Y(.Z): the shapes of backend folder names.</summary>
    public static bool IsBackendName(string value) => BackendName().IsMatch(value.Trim().ToLowerInvariant());

    /// <summary><c>$(PyTorchIndexUrl)/&lt;backend&gt;/</c>.</summary>
    public static string IndexUrlFor(string pyTorchIndexUrl, string backend) => $"{pyTorchIndexUrl.TrimEnd('/')}/{backend}/";

    public async Task<BackendDecision> SelectAsync(BackendRequest request, CancellationToken cancellationToken = default)
    {
        var requested = string.IsNullOrWhiteSpace(request.Requested) ? "auto" : request.Requested.Trim().ToLowerInvariant();
        return requested == "auto"
            ? await SelectAutomaticallyAsync(request, cancellationToken).ConfigureAwait(false)
            : SelectExplicit(request, requested);
    }

    private BackendDecision SelectExplicit(BackendRequest request, string requested)
    {
        // The request validator rejects such a Cuda / PythonCuda value (LLMPY0023) before a backend is chosen.
        if (!BackendName().IsMatch(requested))
            throw new ArgumentException($"Cuda=\"{request.Requested}\" is not a backend name; validate the request first.", nameof(request));

        var gpu = request.Gpu;
        var windows = AcceleratorPlatform.IsWindows(request.Platform);
        var backend = _data.FindBackend(requested);
        var kind = backend?.Kind ?? KindOf(requested);
        var url = IndexUrlFor(request.PyTorchIndexUrl, requested);
        var warnings = new List<AcceleratorWarning>();
        var notes = new List<string>();

        if (backend is null)
            warnings.Add(new(DiagnosticCodes.Accelerators.UnknownBackend,
                $"torch: Cuda=\"{requested}\" is not in LlmPython.Sdk's backend table (newest known: {NewestKnown()}); it is used as given. Check that {url} exists, or update LlmPython.Sdk."));

        if (kind == AcceleratorKind.Cuda && gpu.HasNvidiaGpu && backend is not null)
        {
            var driver = CheckDriver(backend, gpu, windows);
            if (!driver.Ok)
                warnings.Add(new(DiagnosticCodes.Accelerators.ExplicitBackendDriverTooOld,
                    $"torch: Cuda=\"{requested}\" {driver.Reason}, so its wheels will not run on this GPU ({gpu.Describe()}). Update the NVIDIA driver, or use Cuda=\"auto\" to pick a backend this driver runs."));
            else notes.Add(driver.Reason);
            var arch = CheckArchitectures(backend.Name, backend.ToolkitVersion, request.TorchVersion, request.Platform, gpu.ComputeCapabilities);
            if (!arch.Ok)
                warnings.Add(new(DiagnosticCodes.Accelerators.ExplicitBackendLacksArchitecture,
                    $"torch: Cuda=\"{requested}\": {arch.Reason}, so it will not run on this GPU. Use Cuda=\"auto\", or a backend and torch version built for {string.Join(", ", arch.Failing.Select(c => c.SmName))}."));
            else notes.Add(arch.Reason);
        }
        else if (kind == AcceleratorKind.Rocm && gpu.HasAmdGpu && _data.RocmArchitectures.TryGetValue(requested, out var supported))
        {
            var missing = gpu.AmdArchitectures.Where(a => !supported.Contains(a)).ToList();
            if (missing.Count > 0)
                warnings.Add(new(DiagnosticCodes.Accelerators.ExplicitBackendLacksRocmArchitecture,
                    $"torch: Cuda=\"{requested}\" wheels do not support {string.Join(", ", missing)} (they support {string.Join(", ", supported.Order(StringComparer.Ordinal))}). Use Cuda=\"auto\", or a ROCm backend that lists {string.Join(", ", missing)}."));
        }
        else if (kind != AcceleratorKind.Cpu && !gpu.HasAnyGpu)
        {
            notes.Add(gpu.IsDescribed ? "the described machine has no GPU" : "no GPU on this machine; building for another one");
        }

        var reason = $"explicit Cuda=\"{requested}\"" + (notes.Count > 0 ? "; " + string.Join("; ", notes) : "");
        var explanation = $"PyTorch backend {requested} from {url} (Cuda=\"{requested}\"; {gpu.Describe()})"
            + (warnings.Count > 0 ? " despite: " + string.Join(" ", warnings.Select(w => w.Code)) : "");
        return new BackendDecision(requested, kind, url, true, explanation,
            [new BackendCandidate(requested, CandidateVerdict.Chosen, reason)], warnings, gpu, request.TorchVersion);
    }

    private async Task<BackendDecision> SelectAutomaticallyAsync(BackendRequest request, CancellationToken cancellationToken)
    {
        var gpu = request.Gpu;
        var platform = request.Platform;
        var candidates = new List<BackendCandidate>();
        var state = new AutoState();
        string? chosen = null;

        if (gpu.HasNvidiaGpu)
        {
            var family = _data.Backends.Where(b => b.Kind == AcceleratorKind.Cuda && b.AutoOrder is not null).OrderBy(b => b.AutoOrder).ToList();
            if (AcceleratorPlatform.IsLinux(platform) || AcceleratorPlatform.IsWindows(platform))
                chosen = await ChooseInFamilyAsync(family, request, state, candidates, cancellationToken).ConfigureAwait(false);
            else
                candidates.Add(new("cuda", CandidateVerdict.Dropped, $"no CUDA wheels for {platform}"));
        }
        if (chosen is null && gpu.HasAmdGpu)
        {
            var family = _data.Backends.Where(b => b.Kind == AcceleratorKind.Rocm && b.AutoOrder is not null).OrderBy(b => b.AutoOrder).ToList();
            if (AcceleratorPlatform.IsLinux(platform))
                chosen = await ChooseInFamilyAsync(family, request, state, candidates, cancellationToken).ConfigureAwait(false);
            else
                candidates.Add(new("rocm", CandidateVerdict.Dropped, $"ROCm wheels are Linux-only; the target is {platform}"));
        }
        if (chosen is null && gpu.HasIntelXpu)
        {
            var family = _data.Backends.Where(b => b.Kind == AcceleratorKind.Xpu).ToList();
            chosen = await ChooseInFamilyAsync(family, request, state, candidates, cancellationToken).ConfigureAwait(false);
        }

        var warnings = new List<AcceleratorWarning>();
        string explanation;
        if (chosen is not null)
        {
            var url = IndexUrlFor(request.PyTorchIndexUrl, chosen);
            var skipped = SummarizeExamined(candidates, state);
            explanation = $"PyTorch backend {chosen} from {url} (Cuda=auto; {gpu.Describe()}): "
                + candidates.First(c => c.Verdict == CandidateVerdict.Chosen).Reason
                + (skipped.Count > 0 ? "; skipped: " + string.Join("; ", skipped) : "");
        }
        else
        {
            chosen = "cpu";
            var cpuReason = gpu.HasAnyGpu ? "no GPU backend fits" : gpu.IsDescribed ? "the described machine has no GPU" : "no GPU detected";
            candidates.Add(new("cpu", CandidateVerdict.Chosen, cpuReason));
            var url = IndexUrlFor(request.PyTorchIndexUrl, chosen);
            if (gpu.HasAnyGpu)
            {
                var why = FallbackReason(request, state, candidates);
                warnings.Add(new(DiagnosticCodes.Accelerators.FallbackToCpu,
                    $"torch: Cuda=auto found {gpu.Describe()}, but no GPU backend fits: {why}. Using the CPU wheels from {url}. Request a torch version built for this GPU, update the driver, or set Cuda=\"cpu\" to accept CPU and silence this warning."));
                explanation = $"PyTorch backend cpu from {url} (Cuda=auto; {gpu.Describe()}): {why}";
            }
            else
            {
                explanation = $"PyTorch backend cpu from {url} (Cuda=auto; {cpuReason})";
            }
        }
        var kind = _data.FindBackend(chosen)?.Kind ?? KindOf(chosen);
        return new BackendDecision(chosen, kind, IndexUrlFor(request.PyTorchIndexUrl, chosen), false, explanation,
            candidates, warnings, gpu, state.ChosenTorchVersion ?? request.TorchVersion ?? state.SingleVersionSeen);
    }

    /// <summary>Walks one family in preference order; records every candidate; returns the first that fits.</summary>
    private async Task<string?> ChooseInFamilyAsync(
        List<PyTorchBackend> family, BackendRequest request, AutoState state, List<BackendCandidate> candidates, CancellationToken cancellationToken)
    {
        var windows = AcceleratorPlatform.IsWindows(request.Platform);
        string? chosen = null;
        foreach (var backend in family)
        {
            var hardware = CheckDriver(backend, request.Gpu, windows);
            if (!hardware.Ok)
            {
                candidates.Add(new(backend.Name, CandidateVerdict.Dropped, hardware.Reason));
                continue;
            }
            if (chosen is not null)
            {
                candidates.Add(new(backend.Name, CandidateVerdict.NotNeeded, $"{chosen} was chosen first"));
                continue;
            }
            state.PassedDriver.Add(backend.Name);
            var verdict = await EvaluateAsync(backend, hardware.Reason, request, state, cancellationToken).ConfigureAwait(false);
            candidates.Add(verdict);
            if (verdict.Verdict == CandidateVerdict.Chosen) chosen = backend.Name;
        }
        return chosen;
    }

    /// <summary>GPU architecture and index availability of one backend whose driver floor is met.</summary>
    private async Task<BackendCandidate> EvaluateAsync(
        PyTorchBackend backend, string driverReason, BackendRequest request, AutoState state, CancellationToken cancellationToken)
    {
        if (request.TorchVersionsOnIndex is { } versionsOnIndex)
        {
            var versions = (await versionsOnIndex(backend.Name, cancellationToken).ConfigureAwait(false))
                .OrderByDescending(v => TorchReleaseNumber.TryParse(v, out var n) ? n : default).ToList();
            state.VersionsSeen.UnionWith(versions.Select(v => v.Split('+')[0]));
            if (versions.Count == 0)
                return new(backend.Name, CandidateVerdict.Dropped, IndexLacksTorch + " that satisfies the request");
            (bool Ok, string Reason, List<ComputeCapability> Failing)? newest = null;
            foreach (var version in versions)
            {
                var check = CheckHardware(backend, version, request, state);
                newest ??= check;
                if (check.Ok)
                {
                    state.ChosenTorchVersion = version;
                    return new(backend.Name, CandidateVerdict.Chosen, $"{driverReason}; {check.Reason}");
                }
            }
            var older = versions.Count switch
            {
                1 => "",
                2 => " (nor does the older matching torch on its index)",
                _ => $" (nor do the {versions.Count - 1} older matching torch versions on its index)",
            };
            return new(backend.Name, CandidateVerdict.Dropped, newest!.Value.Reason + older);
        }

        var hardware = CheckHardware(backend, request.TorchVersion, request, state);
        if (!hardware.Ok) return new(backend.Name, CandidateVerdict.Dropped, hardware.Reason);
        if (request.IndexCanSatisfy is { } canSatisfy)
        {
            if (!await canSatisfy(backend.Name, cancellationToken).ConfigureAwait(false))
                return new(backend.Name, CandidateVerdict.Dropped, IndexLacksTorch + " that satisfies the request");
        }
        else if (request.TorchVersion is { } torch && _data.FindTorchRelease(torch) is { Variants.Count: > 0 } release
                 && !release.Variants.Contains(backend.Name, StringComparer.OrdinalIgnoreCase))
        {
            return new(backend.Name, CandidateVerdict.Dropped, $"torch {torch} is not published for {backend.Name} (torch-variants.tsv)");
        }
        return new(backend.Name, CandidateVerdict.Chosen, $"{driverReason}; {hardware.Reason}");
    }

    /// <summary>Architecture check for the backend's family: CUDA compute capabilities, ROCm gfx lists; xpu has none.</summary>
    private (bool Ok, string Reason, List<ComputeCapability> Failing) CheckHardware(
        PyTorchBackend backend, string? torchVersion, BackendRequest request, AutoState state)
    {
        switch (backend.Kind)
        {
            case AcceleratorKind.Cuda:
                var check = CheckArchitectures(backend.Name, backend.ToolkitVersion, torchVersion, request.Platform, request.Gpu.ComputeCapabilities);
                state.ArchitectureFailures.UnionWith(check.Failing);
                return check;
            case AcceleratorKind.Rocm:
                if (!_data.RocmArchitectures.TryGetValue(backend.Name, out var supported))
                    return (true, $"no gfx list for {backend.Name}; not checked", []);
                var missing = request.Gpu.AmdArchitectures.Where(a => !supported.Contains(a)).ToList();
                state.GfxFailures.UnionWith(missing);
                return missing.Count > 0
                    ? (false, $"{backend.Name} wheels do not support {string.Join(", ", missing)}", [])
                    : (true, $"{backend.Name} wheels support {string.Join(", ", request.Gpu.AmdArchitectures)}", []);
            default:
                return (true, backend.Kind == AcceleratorKind.Xpu ? $"Intel GPU ({request.Gpu.IntelSource})" : "no GPU needed", []);
        }
    }

    /// <summary>The backend's minimum NVIDIA driver for the OS, or (libcuda only) the CUDA version the driver supports.</summary>
    private static (bool Ok, string Reason) CheckDriver(PyTorchBackend backend, GpuInfo gpu, bool windows)
    {
        if (backend.Kind != AcceleratorKind.Cuda) return (true, $"{backend.Name} needs no NVIDIA driver");
        var min = backend.MinDriverFor(windows);
        var os = windows ? "Windows" : "Linux";
        if (gpu.NvidiaDriver is { } driver)
        {
            if (min is null) return (true, $"{backend.Name} has no driver floor");
            return driver < min
                ? (false, $"{DriverTooOld} >= {min} on {os}, have {driver}")
                : (true, $"driver {driver} >= {min}");
        }
        if (gpu.CudaDriverApiVersion is { } api && backend.ToolkitVersion is { } toolkit)
        {
            return new Version(toolkit.Major, toolkit.Minor) > api
                ? (false, $"needs CUDA {toolkit.ToString(2)}, the driver supports up to CUDA {api.ToString(2)}")
                : (true, $"driver supports CUDA {api.ToString(2)}");
        }
        return (true, "driver version not known, not checked");
    }

    /// <summary>
    /// Whether the wheels run on every GPU: a cubin of the same major with a minor not above the GPU's, or PTX not
    /// above it (cuda-arch-list.tsv for the torch version); without a row, the toolkit's architecture range.
    /// </summary>
    private (bool Ok, string Reason, List<ComputeCapability> Failing) CheckArchitectures(
        string backend, Version? toolkit, string? torchVersion, string platform, IReadOnlyList<ComputeCapability> gpus)
    {
        var distinct = gpus.Distinct().OrderDescending().ToList();
        if (distinct.Count == 0) return (true, "GPU architecture not known, not checked", []);
        var names = string.Join(", ", distinct.Select(c => c.SmName));
        var row = torchVersion is null ? null : _data.FindCudaArchRow(backend, torchVersion, platform);
        if (row is not null)
        {
            var failing = distinct.Where(c => !row.RunsOn(c, platform)).ToList();
            var certainty = row.Confidence == "confirmed" ? "" : $" (arch list: {row.Confidence})";
            return failing.Count > 0
                ? (false, $"torch {torchVersion} {backend} wheels have no kernel for {string.Join(", ", failing.Select(c => c.SmName))} (they carry {row.DescribeArchitectures()}){certainty}", failing)
                : (true, $"torch {torchVersion} {backend} wheels run on {names}{certainty}", []);
        }
        if (toolkit is null) return (true, $"no architecture data for {backend}; not checked", []);
        var why = torchVersion is null ? "torch version not known" : $"no arch list for torch {torchVersion} {backend} on {platform}";
        var outside = distinct.Where(c => !CudaToolkitArchitectures.CanTarget(toolkit, c)).ToList();
        return outside.Count > 0
            ? (false, $"{why}, and CUDA {toolkit.ToString(2)} cannot build for {string.Join(", ", outside.Select(c => c.SmName))} (it covers {CudaToolkitArchitectures.Describe(toolkit)})", outside)
            : (true, $"{why}; CUDA {toolkit.ToString(2)} covers {names}", []);
    }

    /// <summary>"sm_120 needs cu128 or newer; torch 2.4.0 has no such build; cu124 (…), cu121 (…)".</summary>
    private string FallbackReason(BackendRequest request, AutoState state, List<BackendCandidate> candidates)
    {
        var parts = new List<string>();
        foreach (var cap in state.ArchitectureFailures.OrderDescending())
        {
            parts.Add(ArchitectureNeed(cap, request.Platform));
        }
        foreach (var gfx in state.GfxFailures.Order(StringComparer.Ordinal))
        {
            var backends = _data.RocmArchitectures.Where(kv => kv.Value.Contains(gfx)).Select(kv => kv.Key).ToList();
            parts.Add(backends.Count == 0 ? $"{gfx} is in no known ROCm build" : $"{gfx} needs one of {string.Join(", ", backends.Order(StringComparer.Ordinal))}");
        }
        var torch = request.TorchVersion ?? state.SingleVersionSeen;
        if (parts.Count > 0) parts.Add(torch is null ? "the requested torch has no such build" : $"torch {torch} has no such build");

        var examined = SummarizeExamined(candidates, state);
        parts.AddRange(examined);
        if (examined.Count == 0)
        {
            var dropped = candidates.Where(c => c.Verdict == CandidateVerdict.Dropped).ToList();
            if (dropped.Count > 0 && dropped.All(c => c.Reason.StartsWith(DriverTooOld, StringComparison.Ordinal)))
                parts.Add($"NVIDIA driver {request.Gpu.NvidiaDriver} is older than every CUDA backend needs (the oldest, {dropped[^1].Backend}, {dropped[^1].Reason})");
            else
                parts.AddRange(dropped.Where(c => !c.Reason.StartsWith(DriverTooOld, StringComparison.Ordinal)).Select(c => $"{c.Backend}: {c.Reason}"));
        }
        return string.Join("; ", parts);
    }

    /// <summary>
    /// The candidates that met the driver floor but were dropped, condensed for one line: up to three with
    /// their reasons, then the ones whose index lacked a matching torch by name only.
    /// </summary>
    private static List<string> SummarizeExamined(List<BackendCandidate> candidates, AutoState state)
    {
        var examined = candidates.Where(c => c.Verdict == CandidateVerdict.Dropped && state.PassedDriver.Contains(c.Backend)).ToList();
        var noTorch = examined.Where(c => c.Reason.StartsWith(IndexLacksTorch, StringComparison.Ordinal)).Select(c => c.Backend).ToList();
        var otherwise = examined.Where(c => !noTorch.Contains(c.Backend)).ToList();
        var parts = new List<string>();
        if (otherwise.Count > 0)
            parts.Add(string.Join(", ", otherwise.Take(3).Select(c => $"{c.Backend}: {c.Reason}")) + (otherwise.Count > 3 ? $", and {otherwise.Count - 3} more" : ""));
        if (noTorch.Count > 0)
        {
            var more = noTorch.Count > 5 ? $" and {noTorch.Count - 5} more" : "";
            var noun = noTorch.Count == 1 ? "index" : "indexes";
            parts.Add($"no matching torch on the {string.Join(", ", noTorch.Take(5))}{more} {noun}");
        }
        return parts;
    }

    /// <summary>
    /// Which backends build for the GPU (any torch version, this platform): "sm_120 needs cu128 or newer",
    /// or "sm_61 is only in cu116..cu126 builds" when newer toolkits dropped it.
    /// </summary>
    private string ArchitectureNeed(ComputeCapability gpu, string platform)
    {
        var rows = _data.CudaArchRows.Where(r => r.Platforms.Contains(platform, StringComparer.Ordinal)).ToList();
        PyTorchBackend[] Backends(IEnumerable<CudaArchRow> source) => source
            .Select(r => _data.FindBackend(r.Backend)).OfType<PyTorchBackend>()
            .Where(b => b.ToolkitVersion is not null).DistinctBy(b => b.Name).OrderBy(b => b.ToolkitVersion).ToArray();
        var all = Backends(rows);
        var fitting = Backends(rows.Where(r => r.RunsOn(gpu, platform)));
        if (fitting.Length == 0) return $"{gpu.SmName} is in no known PyTorch CUDA build for {platform}";
        return fitting[^1].Name == all[^1].Name
            ? $"{gpu.SmName} needs {fitting[0].Name} or newer"
            : $"{gpu.SmName} is only in {fitting[0].Name}..{fitting[^1].Name} builds";
    }

    private string NewestKnown() =>
        string.Join(", ", _data.Backends.Where(b => b.AutoOrder == 1).Select(b => b.Name));

    private static AcceleratorKind KindOf(string backend) =>
        backend.StartsWith("cu", StringComparison.Ordinal) ? AcceleratorKind.Cuda
        : backend.StartsWith("rocm", StringComparison.Ordinal) ? AcceleratorKind.Rocm
        : backend == "xpu" ? AcceleratorKind.Xpu
        : AcceleratorKind.Cpu;

    /// <summary>What the walk learned, for the explanation and the fallback warning.</summary>
    private sealed class AutoState
    {
        public HashSet<string> PassedDriver { get; } = new(StringComparer.OrdinalIgnoreCase);
        public HashSet<ComputeCapability> ArchitectureFailures { get; } = [];
        public HashSet<string> GfxFailures { get; } = new(StringComparer.OrdinalIgnoreCase);
        public HashSet<string> VersionsSeen { get; } = new(StringComparer.Ordinal);
        public string? SingleVersionSeen => VersionsSeen.Count == 1 ? VersionsSeen.First() : null;
        /// <summary>The newest torch on the chosen index that runs on the GPUs (callback with versions only).</summary>
        public string? ChosenTorchVersion { get; set; }
    }

    [GeneratedRegex(@"^(cpu|xpu|cu\d{2,3}|rocm\d+(\.\d+){1,2})$")]
    private static partial Regex BackendName();
}
