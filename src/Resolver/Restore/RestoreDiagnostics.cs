namespace LlmPython.Resolver.Restore;

/// <summary>LLMPY codes for what the project declares (items, metadata, properties): 0020–0049.</summary>
public static class RestoreDiagnostics
{
    /// <summary>A PythonPackage Include is neither a valid project name nor a .whl path/URL.</summary>
    public const string InvalidPackageName = "LLMPY0020";
    /// <summary>An Extras metadata value holds an invalid extra name.</summary>
    public const string InvalidExtras = "LLMPY0022";
    /// <summary>A Cuda metadata value or PythonCuda names no known backend.</summary>
    public const string UnknownBackend = "LLMPY0023";
    /// <summary>A PythonPackage names, with <c>Index=</c>, a PythonIndex that no item declares.</summary>
    public const string UnknownIndexName = "LLMPY0004";
    /// <summary>Retired (not raised): an unknown <c>Index=</c> name is LLMPY0004.</summary>
    public const string RetiredUnknownIndexName = "LLMPY0024";
    /// <summary>A Markers metadata value is not a PEP 508 marker.</summary>
    public const string InvalidMarkers = "LLMPY0025";
    /// <summary>The same package is declared twice with different Cuda or Index values.</summary>
    public const string ConflictingDeclarations = "LLMPY0026";
    /// <summary>A local wheel item does not exist.</summary>
    public const string LocalWheelNotFound = "LLMPY0027";
    /// <summary>A PythonConstraint is invalid.</summary>
    public const string InvalidConstraint = "LLMPY0028";
    /// <summary>Cuda set on a package that is not served by the PyTorch index (ignored).</summary>
    public const string CudaOnNonPyTorchPackage = "LLMPY0029";
    /// <summary>A PythonIndex, PythonFindLinks, PythonIndexUrl or PyTorchIndexUrl value has a scheme but is not an http(s) or file URL.</summary>
    public const string InvalidSource = "LLMPY0030";
    /// <summary>Packages of the resolution have only source distributions and building them is not allowed; lists every one and the property to set.</summary>
    public const string SourceBuildUnsupported = "LLMPY0031";
    /// <summary>A direct reference (<c>name @ URL</c>) names a file of another project, or a URL that is not a wheel.</summary>
    public const string InvalidDirectReference = "LLMPY0032";
    /// <summary>Warning: a Python item has metadata LlmPython.Sdk does not know (a typo such as <c>Versoin</c>); names the nearest known one.</summary>
    public const string UnknownItemMetadata = "LLMPY0042";
}
