using LlmPython.Resolver.Accelerators;
using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Restore;

namespace LlmPython.Resolver.Tests.Restore;

/// <summary>
/// <see cref="GpuReport"/>, the text PythonGpuInfo prints (<see cref="RestoreEngine.DescribeGpu"/>; end to end against
/// indexes in <see cref="GpuInfoReportTests"/>): here from the backend policy alone, without an index.
/// </summary>
public class GpuReportTests
{
    private const string Target = "Python 3.11.7 on linux-x86_64 (manylinux_2_36_x86_64)";

    private static string[] Lines(string text) => text.Split('\n');

    [Fact]
    public async Task A_Blackwell_with_torch_2_4_lists_the_dropped_backends_the_warning_and_cpu()
    {
        var decision = await new BackendSelector().SelectAsync(new BackendRequest
        {
            Gpu = GpuDetector.Describe("570.124.06", "12.0"),
            Platform = AcceleratorPlatform.LinuxX64,
            TorchVersion = "2.4.0",
        });

        var lines = Lines(GpuReport.Describe(decision, Target));

        Assert.Equal("Target: " + Target, lines[0]);
        Assert.StartsWith("GPU: described machine: NVIDIA driver 570.124.06", lines[1]);
        Assert.Equal("Requested backend: auto (torch 2.4.0)", lines[2]);
        Assert.Equal("Candidates:", lines[3]);
        Assert.Contains(lines, l => l.StartsWith("  cu124: dropped (", StringComparison.Ordinal) && l.Contains("no kernel for sm_120", StringComparison.Ordinal));
        Assert.Contains("  cpu: chosen (no GPU backend fits)", lines);
        Assert.Single(lines, l => l.StartsWith($"Warning {DiagnosticCodes.Accelerators.FallbackToCpu}: ", StringComparison.Ordinal));
        Assert.StartsWith("Chosen: cpu from https://download.pytorch.org/whl/cpu/ — ", lines[^1]);
    }

    [Fact]
    public async Task A_detected_driver_shows_the_CUDA_version_of_its_libcuda_and_the_probe_notes()
    {
        var gpu = new GpuInfo
        {
            NvidiaDriver = DriverVersion.Parse("550.54.15"),
            NvidiaDriverSource = "/proc/driver/nvidia/version",
            CudaDriverApiVersion = new Version(12, 4),
            Notes = ["nvidia-smi: not found"],
        };
        var decision = await new BackendSelector().SelectAsync(new BackendRequest
        {
            Requested = "cu121", Gpu = gpu, Platform = AcceleratorPlatform.LinuxX64,
        });

        var lines = Lines(GpuReport.Describe(decision, Target));

        Assert.Equal("GPU: NVIDIA driver 550.54.15 (/proc/driver/nvidia/version), GPU architecture unknown", lines[1]);
        Assert.Equal("  libcuda: CUDA 12.4", lines[2]);
        Assert.Equal("  nvidia-smi: not found", lines[3]);
        Assert.Equal("Requested backend: cu121", lines[4]);
        Assert.StartsWith("Chosen: cu121 from https://download.pytorch.org/whl/cu121/ — ", lines[^1]);
    }
}
