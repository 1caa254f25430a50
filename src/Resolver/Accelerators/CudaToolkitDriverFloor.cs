namespace LlmPython.Resolver.Accelerators;

/// <summary>The NVIDIA driver a CUDA toolkit release needs (a row of <c>cuda-min-driver.tsv</c>).</summary>
public sealed record CudaToolkitDriverFloor(
    /// <summary>As written: <c>12.4 GA</c>, <c>12.x (minor-version compatibility)</c>.</summary>
    string CudaVersion,
    /// <summary>Null when the table says N/A or UNCONFIRMED.</summary>
    DriverVersion? LinuxMinDriver,
    DriverVersion? WindowsMinDriver,
    string Notes);
