namespace LlmPython.Resolver.Accelerators;

/// <summary>The family of a PyTorch backend index.</summary>
public enum AcceleratorKind
{
    Cpu,
    Cuda,
    Rocm,
    Xpu,
}
