namespace LlmPython.Tasks;

/// <summary>The LLMPY codes the MSBuild layer raises: 0001–0099 (inputs) and 0900–0999 (publish).</summary>
public static class TaskDiagnosticCodes
{
    /// <summary>An unexpected exception escaped the engine or a task (a bug); the stack is logged at low importance.</summary>
    public const string InternalError = "LLMPY0001";

    /// <summary>The engine does not implement the requested operation in this version of the SDK.</summary>
    public const string NotImplemented = "LLMPY0002";

    /// <summary>A value in the project (a version, a marker, a name) could not be parsed.</summary>
    public const string InvalidValue = "LLMPY0003";

    /// <summary>A PythonPackage names, with <c>Index=</c>, a PythonIndex that no item declares.</summary>
    public const string UnknownIndexName = "LLMPY0004";

    /// <summary>A PythonConstraint item has no <c>Version</c> metadata.</summary>
    public const string ConstraintWithoutVersion = "LLMPY0005";

    /// <summary>Boolean metadata (<c>NoDeps</c>, <c>Explicit</c>) holds something other than true/false.</summary>
    public const string InvalidBooleanMetadata = "LLMPY0006";

    /// <summary>A PythonPackage, PythonIndex or PythonFindLinks item has an empty Include.</summary>
    public const string EmptyInclude = "LLMPY0007";

    /// <summary>The PythonWhy target ran without <c>-p:Package=name</c>.</summary>
    public const string WhyWithoutPackage = "LLMPY0008";

    /// <summary>Two PythonIndex items share one <c>Name</c>.</summary>
    public const string DuplicateIndexName = "LLMPY0009";

    /// <summary>A restore setting on <c>_PythonRestoreSettings</c> is malformed: a boolean property that is not true/false, a required path that is empty.</summary>
    public const string InvalidSetting = "LLMPY0050";

    /// <summary><c>PythonSelfContained</c> is neither <c>true</c> nor <c>false</c>.</summary>
    public const string InvalidSelfContained = "LLMPY0040";

    /// <summary><c>dotnet pack</c>: a flowing PythonPackage, PythonIndex or PythonFindLinks is a local path, which a NuGet package cannot carry.</summary>
    public const string PackLocalPythonSource = "LLMPY0060";

    /// <summary>A referenced NuGet package declares Python packages, but the project does not use LlmPython.Sdk (warning).</summary>
    public const string PackageNeedsLlmPythonSdk = "LLMPY0061";

    /// <summary>Publish found no environment to copy (restore did not run or was cleaned).</summary>
    public const string PublishEnvironmentMissing = "LLMPY0901";

    /// <summary>Copying the environment into the publish folder failed (I/O error, disk full, access denied).</summary>
    public const string PublishCopyFailed = "LLMPY0902";

}
