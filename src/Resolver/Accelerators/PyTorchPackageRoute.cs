namespace LlmPython.Resolver.Accelerators;

/// <summary>A package that may come from the PyTorch indexes (a row of <c>torch-index-packages.txt</c>).</summary>
public sealed record PyTorchPackageRoute(
    /// <summary>PEP 503 normalized name.</summary>
    string Name,
    /// <summary>Served from <c>$(PyTorchIndexUrl)/&lt;backend&gt;/</c> together with torch.</summary>
    bool RoutedWithPyTorchSource,
    bool RoutedWithPyxSource,
    /// <summary>Its wheels link against CUDA/ROCm libraries, so the backend matters.</summary>
    bool HasSystemDependency);
