namespace LlmPython.Resolver.Accelerators;

/// <summary>LLMPY05xx: GPU detection and PyTorch backend choice.</summary>
public static class AcceleratorDiagnosticCodes
{
    /// <summary>Warning: <c>Cuda="auto"</c> found a GPU but no GPU backend fits it and the requested torch, so CPU wheels are used.</summary>
    public const string FallbackToCpu = "LLMPY0500";

    /// <summary>Retired (not raised): a <c>Cuda</c> / <c>PythonCuda</c> value that is not a backend name is LLMPY0023.</summary>
    public const string InvalidBackendName = "LLMPY0501";

    /// <summary>Warning: an explicit backend needs a newer NVIDIA driver than the one detected or described.</summary>
    public const string ExplicitBackendDriverTooOld = "LLMPY0502";

    /// <summary>Warning: an explicit backend's torch wheels have no kernels for a detected or described GPU architecture.</summary>
    public const string ExplicitBackendLacksArchitecture = "LLMPY0503";

    /// <summary>Warning: a well-formed backend name that the embedded backend table does not know (it is used as given).</summary>
    public const string UnknownBackend = "LLMPY0504";

    /// <summary>Error: <c>PythonTargetCudaDriver</c> / <c>LLMPYTHON_CUDA_DRIVER</c> is not a driver number or <c>none</c>.</summary>
    public const string InvalidTargetCudaDriver = "LLMPY0505";

    /// <summary>Error: <c>PythonTargetComputeCapability</c> / <c>LLMPYTHON_COMPUTE_CAPABILITY</c> is not a list like <c>8.6;6.1</c> or <c>none</c>.</summary>
    public const string InvalidTargetComputeCapability = "LLMPY0506";

    /// <summary>Error: PyTorch-family packages of one environment ask for different explicit backends.</summary>
    public const string ConflictingBackends = "LLMPY0507";

    /// <summary>Warning: an explicit ROCm backend's wheels do not list a detected AMD GPU architecture.</summary>
    public const string ExplicitBackendLacksRocmArchitecture = "LLMPY0508";
}
