using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Publishing;
using Microsoft.Build.Framework;

namespace LlmPython.Tasks;

/// <summary>
/// Writes the materialized environment into the publish folder (<c>$(PublishDir)python/</c>) in the
/// engine's relocatable layout: site-packages and scripts, a manifest the generated PythonEnvironment
/// class reads to find the target machine's interpreter, and no build-machine path in any file.
/// The destination is replaced wholesale so files of an older publish never linger.
/// </summary>
public sealed class PublishPythonEnvironment : LlmPythonTask
{
    [Required] public string EnvironmentDirectory { get; set; } = "";
    [Required] public string DestinationDirectory { get; set; } = "";

    /// <summary>Number of files written, for the log and tests.</summary>
    [Output] public int FileCount { get; private set; }

    protected override bool ExecuteCore()
    {
        string source = Path.GetFullPath(EnvironmentDirectory);
        string destination = Path.GetFullPath(DestinationDirectory).TrimEnd(Path.DirectorySeparatorChar);
        if (!File.Exists(Path.Combine(source, "pyvenv.cfg")))
            throw new LlmPyException(TaskDiagnosticCodes.PublishEnvironmentMissing,
                $"There is no Python environment at '{source}' to publish. Run 'dotnet build' (or the PythonRestore target) " +
                "before publishing, or set PythonPublish=false to publish without Python.");
        try
        {
            var manifest = RelocatableEnvironmentWriter.Write(source, destination);
            FileCount = Directory.EnumerateFiles(destination, "*", SearchOption.AllDirectories).Count();
            Log.LogMessage(MessageImportance.Normal, "LlmPython: published Python {0} environment ({1} packages, {2} files) to {3}",
                manifest.PythonVersion, manifest.Packages.Count, FileCount, destination);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new LlmPyException(TaskDiagnosticCodes.PublishCopyFailed,
                $"Copying the Python environment '{source}' to '{destination}' failed: {ex.Message}. " +
                "Check free disk space and that no running process holds files in the publish folder, then publish again.", ex);
        }
        return true;
    }
}
