using LlmPython.Resolver.Accelerators;
using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Restore;

namespace LlmPython.Resolver.Tests.Restore;

/// <summary>
/// <see cref="RestoreEngine.DescribeGpu"/> (the PythonGpuInfo text) against the PyTorch-like indexes: the detected
/// machine, every candidate backend with why it was kept or dropped, and the choice; it only asks torch pages.
/// </summary>
public class GpuInfoReportTests : IClassFixture<GpuIndexFixture>
{
    private readonly GpuIndexFixture _index;

    public GpuInfoReportTests(GpuIndexFixture index) { _index = index; }

    private (string Text, RecordingRestoreLog Log) Describe(RestoreRequest request, Func<RestoreRequest, GpuInfo>? gpu = null)
    {
        _index.Server.ResetCounts();
        var log = new RecordingRestoreLog();
        var engine = gpu is null ? new RestoreEngine(log) : new RestoreEngine(log) { DetectGpu = gpu };
        return (engine.DescribeGpu(request), log);
    }

    private static string[] Lines(string text) => text.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();

    [Fact]
    public void Pascal_with_torch_2_8_lists_every_candidate_and_keeps_cu126()
    {
        var request = _index.Request("report-pascal", new PackageItem("torch", "2.8.0"), new PackageItem("torchvision"))
            with { TargetCudaDriver = "550.54.15", TargetComputeCapability = "6.1" };

        var (text, log) = Describe(request);
        Assert.Empty(log.Errors);
        var lines = Lines(text);

        Assert.StartsWith("Target: Python 3.11", lines[0]);
        Assert.Contains("linux-x86_64", lines[0]);
        Assert.Equal("GPU: described machine: NVIDIA driver 550.54.15 (PythonTargetCudaDriver), GPU sm_61 (PythonTargetComputeCapability)", lines[1]);
        Assert.Equal("Requested backend: auto (torch 2.8.0)", lines[2]);
        Assert.Equal("Candidates:", lines[3]);
        var candidates = lines.Skip(4).TakeWhile(l => l.StartsWith("  ", StringComparison.Ordinal)).Select(l => l.Trim()).ToList();
        Assert.Equal("cu132: dropped (needs NVIDIA driver >= 580 on Linux, have 550.54.15)", candidates[0]);
        Assert.Equal("cu130: dropped (needs NVIDIA driver >= 580 on Linux, have 550.54.15)", candidates[1]);
        Assert.Equal("cu129: dropped (its index has no torch that satisfies the request)", candidates[2]);
        Assert.StartsWith("cu128: dropped (torch 2.8.0 cu128 wheels have no kernel for sm_61 (they carry sm_70,", candidates[3]);
        Assert.Equal("cu126: chosen (driver 550.54.15 >= 525.60.13; torch 2.8.0 cu126 wheels run on sm_61)", candidates[4]);
        Assert.Equal("cu125: notneeded (cu126 was chosen first)", candidates[5]);
        // Every CUDA backend of the table is listed once, in preference order, and only one is chosen.
        Assert.Equal(AcceleratorData.Default.Backends.Count(b => b.Kind == AcceleratorKind.Cuda && b.AutoOrder is not null), candidates.Count);
        Assert.Single(candidates, c => c.Contains(": chosen (", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("Warning", StringComparison.Ordinal));
        Assert.StartsWith($"Chosen: cu126 from {_index.BackendFolder("cu126")} — PyTorch backend cu126 from", lines[^1]);

        // It asks the torch pages of the backends it examines, and nothing else (no resolution, no downloads).
        var paths = _index.Server.Requests.Select(r => r.Path).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["/whl/cu126/torch/", "/whl/cu128/torch/", "/whl/cu129/torch/"], paths);
    }

    [Fact]
    public void Blackwell_with_torch_2_4_reports_the_fallback_warning_and_cpu()
    {
        var request = _index.Request("report-blackwell", new PackageItem("torch", "2.4.0"));
        var (text, log) = Describe(request, _ => GpuDetector.Describe("570.124.06", "12.0"));
        Assert.Empty(log.Errors);
        var lines = Lines(text);

        Assert.Equal("GPU: described machine: NVIDIA driver 570.124.06 (LLMPYTHON_CUDA_DRIVER), GPU sm_120 (LLMPYTHON_COMPUTE_CAPABILITY)", lines[1]);
        Assert.Contains("  cu124: dropped (torch 2.4.0 cu124 wheels have no kernel for sm_120 (they carry sm_50,sm_60,sm_70,sm_75,sm_80,sm_86,sm_90))", lines);
        Assert.Contains("  cu121: dropped (torch 2.4.0 cu121 wheels have no kernel for sm_120 (they carry sm_50,sm_60,sm_70,sm_75,sm_80,sm_86,sm_90))", lines);
        Assert.Contains("  cpu: chosen (no GPU backend fits)", lines);
        var warning = Assert.Single(lines, l => l.StartsWith("Warning ", StringComparison.Ordinal));
        Assert.StartsWith($"Warning {DiagnosticCodes.Accelerators.FallbackToCpu}: torch: Cuda=auto found described machine: NVIDIA driver 570.124.06", warning);
        Assert.Contains("sm_120 needs cu128 or newer", warning);
        Assert.StartsWith($"Chosen: cpu from {_index.BackendFolder("cpu")} — PyTorch backend cpu from", lines[^1]);
    }

    [Fact]
    public void Explicit_backend_on_a_machine_without_gpu_is_kept_without_asking_any_index()
    {
        var request = _index.Request("report-explicit", new PackageItem("torch", "2.4.0", Cuda: "cu118"))
            with { TargetCudaDriver = "none" };
        var (text, log) = Describe(request);
        Assert.Empty(log.Errors);
        var lines = Lines(text);

        Assert.Equal("GPU: described machine: no GPU", lines[1]);
        Assert.Equal("Requested backend: cu118 (torch 2.4.0)", lines[2]);
        Assert.Equal(["Candidates:", "  cu118: chosen (explicit Cuda=\"cu118\"; the described machine has no GPU)"], lines[3..5]);
        Assert.Equal($"Chosen: cu118 from {_index.BackendFolder("cu118")} — PyTorch backend cu118 from {_index.BackendFolder("cu118")} (Cuda=\"cu118\"; described machine: no GPU)", lines[^1]);
        Assert.Empty(_index.Server.Requests);
    }
}
