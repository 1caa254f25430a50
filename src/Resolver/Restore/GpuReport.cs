using System.Text;
using LlmPython.Resolver.Accelerators;

namespace LlmPython.Resolver.Restore;

/// <summary>The PythonGpuInfo text: what was detected, every backend considered, and the choice.</summary>
internal static class GpuReport
{
    /// <param name="target">The target the choice is for: "Python 3.11.7 on linux-x86_64 (manylinux_2_36_x86_64)".</param>
    public static string Describe(BackendDecision decision, string target)
    {
        var gpu = decision.Gpu;
        var text = new StringBuilder();
        text.AppendLine($"Target: {target}");
        text.AppendLine($"GPU: {gpu.Describe()}");
        // The driver line names the driver; the CUDA version its libcuda reports is what the backend table is read against.
        if (gpu.NvidiaDriver is not null && gpu.CudaDriverApiVersion is { } api) text.AppendLine($"  libcuda: CUDA {api.ToString(2)}");
        foreach (var note in gpu.Notes) text.AppendLine($"  {note}");
        text.AppendLine($"Requested backend: {(decision.IsExplicit ? decision.Backend : "auto")}" + (decision.TorchVersion is null ? "" : $" (torch {decision.TorchVersion})"));
        text.AppendLine("Candidates:");
        foreach (var candidate in decision.Candidates) text.AppendLine($"  {candidate}");
        foreach (var warning in decision.Warnings) text.AppendLine($"Warning {warning}");
        text.Append($"Chosen: {decision.Backend} from {decision.IndexUrl} — {decision.Explanation}");
        return text.ToString();
    }

    /// <summary>The report's target line of a restore's target.</summary>
    public static string Target(TargetEnvironment target) => $"Python {target.PythonVersion} on {target.AcceleratorPlatform} ({target.PlatformTag})";
}
