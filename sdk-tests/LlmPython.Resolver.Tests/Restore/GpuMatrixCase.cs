using LlmPython.Resolver.Restore;

namespace LlmPython.Resolver.Tests.Restore;

/// <summary>
/// One described machine × torch request and what the engine must make of it. The machine is given either
/// as the request's PythonTargetCudaDriver / PythonTargetComputeCapability (<see cref="Driver"/>,
/// <see cref="Capability"/>) or, when <see cref="ThroughSeam"/>, through <c>RestoreEngine.DetectGpu</c>.
/// </summary>
public sealed record GpuMatrixCase(
    string Name,
    string? Driver,
    string? Capability,
    PackageItem[] Packages,
    string Backend,
    /// <summary>The torch release locked (public part; the local part must be +<see cref="Backend"/>).</summary>
    string Torch,
    /// <summary>Fragments the one-line explanation (log and lock's backendReason) must contain.</summary>
    string[] Explains,
    /// <summary>The warning code expected (LLMPY0500 fallback, LLMPY0503 …), or null for none.</summary>
    string? Warning = null,
    bool ThroughSeam = false,
    string? RuntimeIdentifier = null,
    string PythonCuda = "auto",
    /// <summary>Build the venv and import the fake torch in it.</summary>
    bool BuildVenv = false)
{
    public override string ToString() => Name;
}
