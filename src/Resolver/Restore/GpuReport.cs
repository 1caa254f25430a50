using System.Text;
using LlmPython.Resolver.Accelerators;

namespace LlmPython.Resolver.Restore;

/// <summary>The PythonGpuInfo text: what was detected, every backend considered, and the choice.</summary>
internal static class GpuReport
{
    public static string Describe(GpuInfo gpu, BackendDecision decision, TargetEnvironment target)
    {
        var text = new StringBuilder();
        text.AppendLine($"Target: Python {target.PythonVersion} on {target.AcceleratorPlatform} ({target.PlatformTag})");
        text.AppendLine($"GPU: {gpu.Describe()}");
        foreach (var note in gpu.Notes) text.AppendLine($"  {note}");
        text.AppendLine($"Requested backend: {(decision.IsExplicit ? decision.Backend : "auto")}" + (decision.TorchVersion is null ? "" : $" (torch {decision.TorchVersion})"));
        text.AppendLine("Candidates:");
        foreach (var candidate in decision.Candidates) text.AppendLine($"  {candidate}");
        foreach (var warning in decision.Warnings) text.AppendLine($"Warning {warning}");
        text.Append($"Chosen: {decision.Backend} from {decision.IndexUrl} — {decision.Explanation}");
        return text.ToString();
    }
}
