namespace LlmPython.Resolver.Accelerators;

/// <summary>How a backend fared in the choice.</summary>
public enum CandidateVerdict
{
    /// <summary>This backend was chosen.</summary>
    Chosen,
    /// <summary>Ruled out; the reason says why.</summary>
    Dropped,
    /// <summary>Not examined to the end because an earlier candidate was chosen.</summary>
    NotNeeded,
}

/// <summary>One backend considered, with why it was kept or dropped (shown by PythonGpuInfo).</summary>
public sealed record BackendCandidate(string Backend, CandidateVerdict Verdict, string Reason)
{
    public override string ToString() => $"{Backend}: {Verdict.ToString().ToLowerInvariant()} ({Reason})";
}

/// <summary>A warning for the build log.</summary>
public sealed record AcceleratorWarning(string Code, string Message)
{
    public override string ToString() => $"{Code}: {Message}";
}

/// <summary>The backend chosen for the PyTorch family of one environment, and why.</summary>
public sealed record BackendDecision(
    /// <summary><c>cu126</c>, <c>cpu</c>, <c>rocm6.2</c>, <c>xpu</c>.</summary>
    string Backend,
    AcceleratorKind Kind,
    /// <summary><c>$(PyTorchIndexUrl)/&lt;backend&gt;/</c>.</summary>
    string IndexUrl,
    /// <summary>Cuda named the backend (not <c>auto</c>).</summary>
    bool IsExplicit,
    /// <summary>One line for the build log.</summary>
    string Explanation,
    /// <summary>Every backend considered, in preference order.</summary>
    IReadOnlyList<BackendCandidate> Candidates,
    IReadOnlyList<AcceleratorWarning> Warnings,
    /// <summary>The machine the decision was made for.</summary>
    GpuInfo Gpu,
    /// <summary>
    /// The torch version the decision was checked against: the newest one on the chosen index that runs on the
    /// GPUs when the index was asked for versions, else the pinned one; null when not known.
    /// </summary>
    string? TorchVersion);
