namespace LlmPython.Resolver.Publishing;

/// <summary>LLMPY codes of the engine's publish step (0910–0939 and 0950–0999; the tasks use 0900–0909).</summary>
public static class PublishDiagnostics
{
    /// <summary>The base interpreter of the environment could not be asked for its layout (self-contained publish).</summary>
    public const string RuntimeProbeFailed = "LLMPY0910";
    /// <summary>A binary of the interpreter has a library search path (RUNPATH) that cannot be made relative to its new place.</summary>
    public const string RuntimeNotRelocatable = "LLMPY0911";
    /// <summary>A self-contained publish for another platform needs <c>PythonRuntimeArchive</c>: no interpreter of that platform is here to copy.</summary>
    public const string RuntimeArchiveRequired = "LLMPY0912";
    /// <summary>The <c>PythonRuntimeArchive</c> could not be read or downloaded, or its sha256 differs from the one given.</summary>
    public const string RuntimeArchiveUnusable = "LLMPY0913";
    /// <summary>The <c>PythonRuntimeArchive</c> holds no interpreter of the locked Python version in the install_only layout (<c>python/bin/python3.X</c> or <c>python/python.exe</c>).</summary>
    public const string RuntimeArchiveLayout = "LLMPY0914";
    /// <summary>There is no environment (pyvenv.cfg) to publish.</summary>
    public const string EnvironmentMissing = "LLMPY0950";
    /// <summary>A file of the environment would carry an absolute build-machine path into the publish folder.</summary>
    public const string AbsolutePathLeak = "LLMPY0951";
}
