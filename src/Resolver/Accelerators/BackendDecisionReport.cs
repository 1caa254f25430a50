namespace LlmPython.Resolver.Accelerators;

/// <summary>The text the PythonGpuInfo target prints: what was detected, the backend chosen and every candidate.</summary>
public static class BackendDecisionReport
{
    public static IReadOnlyList<string> Lines(BackendDecision decision)
    {
        var gpu = decision.Gpu;
        var lines = new List<string> { $"GPU: {gpu.Describe()}" };
        if (gpu.CudaDriverApiVersion is { } api) lines.Add($"  libcuda: CUDA {api.ToString(2)}");
        lines.AddRange(gpu.Notes.Select(n => "  note: " + n));
        lines.Add($"Backend: {decision.Backend} ({(decision.IsExplicit ? "explicit Cuda" : "Cuda=auto")}) -> {decision.IndexUrl}");
        if (decision.TorchVersion is not null) lines.Add($"  checked against torch {decision.TorchVersion}");
        lines.Add("  " + decision.Explanation);
        lines.Add("Candidates:");
        var width = decision.Candidates.Select(c => c.Backend.Length).DefaultIfEmpty(4).Max();
        lines.AddRange(decision.Candidates.Select(c =>
            $"  {c.Backend.PadRight(width)}  {c.Verdict.ToString().ToLowerInvariant(),-9}  {c.Reason}"));
        lines.AddRange(decision.Warnings.Select(w => $"warning {w.Code}: {w.Message}"));
        return lines;
    }
}
