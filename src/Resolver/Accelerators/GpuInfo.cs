namespace LlmPython.Resolver.Accelerators;

/// <summary>What detection found (or what the PythonTarget* properties describe): the input of backend choice.</summary>
public sealed record GpuInfo
{
    /// <summary>The machine was described by PythonTarget* / LLMPYTHON_* instead of being probed.</summary>
    public bool IsDescribed { get; init; }

    public DriverVersion? NvidiaDriver { get; init; }

    /// <summary>Where the driver number came from (<c>/sys/module/nvidia/version</c>, <c>nvidia-smi</c>, <c>PythonTargetCudaDriver</c>…).</summary>
    public string? NvidiaDriverSource { get; init; }

    /// <summary>The CUDA version the driver supports per libcuda (cuDriverGetVersion), when it loaded.</summary>
    public Version? CudaDriverApiVersion { get; init; }

    /// <summary>One entry per NVIDIA GPU (duplicates kept: two RTX 3090 = 8.6;8.6).</summary>
    public IReadOnlyList<ComputeCapability> ComputeCapabilities { get; init; } = [];

    public string? ComputeCapabilitySource { get; init; }

    /// <summary>AMD GPU architectures (<c>gfx90a</c>), distinct, in probe order.</summary>
    public IReadOnlyList<string> AmdArchitectures { get; init; } = [];

    public string? AmdSource { get; init; }

    /// <summary>An Intel GPU usable by PyTorch's xpu backend.</summary>
    public bool HasIntelXpu { get; init; }

    public string? IntelSource { get; init; }

    /// <summary>Probe remarks for PythonGpuInfo (a tool failed, a file was unreadable…).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    public bool HasNvidiaGpu => NvidiaDriver is not null || CudaDriverApiVersion is not null || ComputeCapabilities.Count > 0;

    public bool HasAmdGpu => AmdArchitectures.Count > 0;

    public bool HasAnyGpu => HasNvidiaGpu || HasAmdGpu || HasIntelXpu;

    /// <summary>No GPU at all.</summary>
    public static GpuInfo None { get; } = new();

    /// <summary>Distinct capabilities, newest first, for messages.</summary>
    public IReadOnlyList<ComputeCapability> DistinctCapabilities =>
        ComputeCapabilities.Distinct().OrderDescending().ToList();

    /// <summary>One line: "NVIDIA driver 535.104.05 (nvidia-smi), GPUs sm_86, sm_61 (nvidia-smi)".</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (HasNvidiaGpu)
        {
            var driver = NvidiaDriver is not null ? $"NVIDIA driver {NvidiaDriver} ({NvidiaDriverSource})"
                : CudaDriverApiVersion is not null ? $"NVIDIA driver for CUDA {CudaDriverApiVersion} (libcuda)"
                : "NVIDIA driver unknown";
            parts.Add(driver);
            parts.Add(ComputeCapabilities.Count > 0
                ? $"GPU {string.Join(", ", DistinctCapabilities.Select(c => c.SmName))} ({ComputeCapabilitySource})"
                : "GPU architecture unknown");
        }
        if (HasAmdGpu) parts.Add($"AMD GPU {string.Join(", ", AmdArchitectures)} ({AmdSource})");
        if (HasIntelXpu) parts.Add($"Intel GPU ({IntelSource})");
        var text = parts.Count == 0 ? "no GPU" : string.Join(", ", parts);
        return IsDescribed ? "described machine: " + text : text;
    }
}
