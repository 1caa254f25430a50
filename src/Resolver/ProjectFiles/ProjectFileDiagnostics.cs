namespace LlmPython.Resolver.ProjectFiles;

/// <summary>LLMPY codes of requirements files and pyproject.toml (PythonRequirementsFile, PythonProject items): 0070–0099.</summary>
public static class ProjectFileDiagnostics
{
    /// <summary>A PythonRequirementsFile, PythonProject, or a file it includes with <c>-r</c>/<c>-c</c>, does not exist or cannot be read.</summary>
    public const string FileNotFound = "LLMPY0070";
    /// <summary>A requirements file line is not a PEP 508 requirement, a wheel path/URL or a known option.</summary>
    public const string InvalidLine = "LLMPY0071";
    /// <summary>A requirements file uses a pip option this SDK does not support (<c>-e</c>, <c>--no-binary</c>, <c>--no-index</c>, …).</summary>
    public const string UnsupportedOption = "LLMPY0072";
    /// <summary><c>${VAR}</c> in a requirements file names an environment variable that is not set.</summary>
    public const string UndefinedVariable = "LLMPY0073";
    /// <summary><c>-r</c>/<c>-c</c> files include each other in a cycle.</summary>
    public const string IncludeCycle = "LLMPY0074";
    /// <summary>A <c>--hash</c> value is not <c>sha256:&lt;64 hex digits&gt;</c>.</summary>
    public const string InvalidHash = "LLMPY0075";
    /// <summary>The locked file of a package whose requirement lists <c>--hash</c> values has a sha256 that is not listed: it is refused.</summary>
    public const string HashNotListed = "LLMPY0076";
    /// <summary>Two requirements files (or a file and a pyproject) set different <c>--index-url</c>s.</summary>
    public const string ConflictingIndexUrl = "LLMPY0077";
    /// <summary><c>name @ url</c> points at something other than a wheel (an sdist, a VCS URL, a folder).</summary>
    public const string UnsupportedUrl = "LLMPY0078";
    /// <summary>A constraints file line has extras, a URL or a marker, which a PythonConstraint cannot carry.</summary>
    public const string InvalidConstraintLine = "LLMPY0079";
    /// <summary>pyproject.toml is not valid TOML.</summary>
    public const string InvalidToml = "LLMPY0080";
    /// <summary>pyproject.toml has no <c>[project]</c> table, or a field of it has the wrong type or declares dependencies <c>dynamic</c>.</summary>
    public const string InvalidProjectTable = "LLMPY0081";
    /// <summary>PythonProject <c>Extras</c> names an extra that <c>[project.optional-dependencies]</c> does not define.</summary>
    public const string UnknownProjectExtra = "LLMPY0082";
    /// <summary>The interpreter does not satisfy the <c>requires-python</c> of a PythonProject.</summary>
    public const string RequiresPythonNotMet = "LLMPY0083";
    /// <summary>A <c>[[tool.uv.index]]</c> entry or a <c>[tool.uv.sources]</c> entry is malformed or of a kind this SDK does not support (git, path, url, workspace).</summary>
    public const string UnsupportedUvSource = "LLMPY0084";
}
