namespace LlmPython.Resolver.Accelerators;

/// <summary>One PyTorch backend index (a row of <c>cuda-driver-table.tsv</c>).</summary>
public sealed record PyTorchBackend(
    /// <summary>The index folder name: <c>cu118</c>, <c>cpu</c>, <c>rocm6.2</c>, <c>xpu</c>.</summary>
    string Name,
    AcceleratorKind Kind,
    /// <summary>CUDA or ROCm toolkit version (<c>11.8</c>), null for cpu and xpu.</summary>
    Version? ToolkitVersion,
    /// <summary>Oldest Linux driver that runs this backend's wheels; null when no NVIDIA driver is involved.</summary>
    DriverVersion? MinDriverLinux,
    DriverVersion? MinDriverWindows,
    /// <summary>Its index on download.pytorch.org (a project's <c>PyTorchIndexUrl</c> replaces the base).</summary>
    string DefaultIndexUrl,
    /// <summary>Position in <c>auto</c>'s preference within its family (1 = first); null = never chosen automatically.</summary>
    int? AutoOrder,
    /// <summary>The auto_order cell as written (<c>3</c>, <c>manual-only</c>, <c>last</c>, <c>only</c>).</summary>
    string AutoPolicy)
{
    /// <summary>The minimum driver on the given OS family.</summary>
    public DriverVersion? MinDriverFor(bool windows) => windows ? MinDriverWindows : MinDriverLinux;
}
