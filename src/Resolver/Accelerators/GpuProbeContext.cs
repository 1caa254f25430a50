namespace LlmPython.Resolver.Accelerators;

/// <summary>
/// Everything detection reads from the machine, injectable so it is testable without a GPU: a file-system
/// root for <c>/proc</c> and <c>/sys</c>, environment variables (PATH, overrides), the OS, a process runner
/// and the CUDA driver API.
/// </summary>
public sealed record GpuProbeContext
{
    /// <summary>Prefix for <c>/proc</c>, <c>/sys</c>, <c>/opt/rocm</c> (a fake tree in tests); <c>/</c> on a real machine.</summary>
    public string FileSystemRoot { get; init; } = "/";

    public Func<string, string?> GetEnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;

    public bool IsWindows { get; init; } = OperatingSystem.IsWindows();

    public bool IsMacOS { get; init; } = OperatingSystem.IsMacOS();

    public required IProcessRunner Processes { get; init; }

    /// <summary>Null = do not use libcuda.</summary>
    public ICudaDriverApi? CudaDriverApi { get; init; }

    /// <summary><c>PythonTargetCudaDriver</c> (wins over env <c>LLMPYTHON_CUDA_DRIVER</c>).</summary>
    public string? TargetCudaDriver { get; init; }

    /// <summary><c>PythonTargetComputeCapability</c> (wins over env <c>LLMPYTHON_COMPUTE_CAPABILITY</c>).</summary>
    public string? TargetComputeCapability { get; init; }

    /// <summary>How long a probe tool may run.</summary>
    public TimeSpan ProcessTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>This machine, with the project's PythonTarget* properties.</summary>
    public static GpuProbeContext ForThisMachine(string? targetCudaDriver = null, string? targetComputeCapability = null) => new()
    {
        Processes = new SystemProcessRunner(),
        CudaDriverApi = new LibCudaDriverApi(),
        TargetCudaDriver = targetCudaDriver,
        TargetComputeCapability = targetComputeCapability,
    };

    /// <summary>A path under <see cref="FileSystemRoot"/>: <c>Under("/proc/driver/nvidia/version")</c>.</summary>
    public string Under(string absolutePath) =>
        Path.Combine(FileSystemRoot, absolutePath.TrimStart('/').Replace('/', Path.DirectorySeparatorChar));
}
