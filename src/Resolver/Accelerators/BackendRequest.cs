namespace LlmPython.Resolver.Accelerators;

/// <summary>What the backend choice needs: the Cuda value, the machine, the platform and how to ask the indexes.</summary>
public sealed record BackendRequest
{
    /// <summary>The merged <c>Cuda</c> value of the PyTorch family: <c>auto</c>, <c>cpu</c>, <c>cu118</c>, <c>rocm6.2</c>, <c>xpu</c>.</summary>
    public string Requested { get; init; } = "auto";

    public required GpuInfo Gpu { get; init; }

    /// <summary>The target platform (<see cref="AcceleratorPlatform"/>); it selects the Windows or Linux driver floor and arch list.</summary>
    public string Platform { get; init; } = AcceleratorPlatform.Current;

    /// <summary><c>PyTorchIndexUrl</c>: the base of the per-backend indexes.</summary>
    public string PyTorchIndexUrl { get; init; } = "https://download.pytorch.org/whl";

    /// <summary>
    /// The torch version the architecture check uses when no <see cref="TorchVersionsOnIndex"/> callback is given
    /// (a pinned <c>torch==2.4.0</c>); null = not known.
    /// </summary>
    public string? TorchVersion { get; init; }

    /// <summary>
    /// The versions of torch on a backend's index that satisfy the project's request (empty = it cannot).
    /// Preferred over <see cref="IndexCanSatisfy"/>: each version is checked against the GPU architectures.
    /// </summary>
    public Func<string, CancellationToken, Task<IReadOnlyList<string>>>? TorchVersionsOnIndex { get; init; }

    /// <summary>Whether a backend's index can satisfy the requested torch-family versions.</summary>
    public Func<string, CancellationToken, Task<bool>>? IndexCanSatisfy { get; init; }
}
