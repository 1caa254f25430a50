namespace LlmPython.Resolver.Exporting;

/// <summary>LLMPY codes of <c>PythonExport</c> (pylock.toml / requirements.txt from the lock): 0660–0679.</summary>
public static class ExportDiagnostics
{
    /// <summary><c>PythonExportFormat</c> names a format other than <c>pylock</c> and <c>requirements</c>.</summary>
    public const string UnknownFormat = "LLMPY0660";
    /// <summary>The lockfile has no section to export (lock first: <c>dotnet build -t:PythonLock</c>).</summary>
    public const string NothingToExport = "LLMPY0661";
    /// <summary>An exported file could not be written (permissions, disk full); the previous file is left as it was.</summary>
    public const string WriteFailed = "LLMPY0662";
}
