using LlmPython.Resolver.Accelerators;

namespace LlmPython.Resolver.Tests.Accelerators;

public class BackendDecisionReportTests
{
    [Fact]
    public async Task ReportListsGpuBackendCandidatesAndWarnings()
    {
        var decision = await new BackendSelector().SelectAsync(new BackendRequest
        {
            Gpu = GpuDetector.Describe("570.124.06", "12.0"),
            Platform = AcceleratorPlatform.LinuxX64,
            TorchVersion = "2.4.0",
        });
        var lines = BackendDecisionReport.Lines(decision);
        Assert.StartsWith("GPU: described machine: NVIDIA driver 570.124.06", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("Backend: cpu (Cuda=auto) -> https://download.pytorch.org/whl/cpu/"));
        Assert.Contains(lines, l => l.StartsWith("  cu124  dropped") && l.Contains("no kernel for sm_120"));
        Assert.Contains(lines, l => l.StartsWith("warning LLMPY0500: "));
    }
}
