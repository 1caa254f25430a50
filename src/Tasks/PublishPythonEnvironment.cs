using LlmPython.Resolver.Diagnostics;
using Microsoft.Build.Framework;

namespace LlmPython.Tasks;

/// <summary>
/// Copies the materialized environment into the publish folder (<c>$(PublishDir)python/</c>).
/// Links inside the environment stay relative links; links that leave it (a venv's
/// <c>bin/python</c>) are copied as the files they point to. The destination is replaced
/// wholesale so files of an older publish never linger.
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
        string destination = Path.GetFullPath(DestinationDirectory);
        if (!Directory.Exists(source))
            throw new LlmPyException(TaskDiagnosticCodes.PublishEnvironmentMissing,
                $"There is no Python environment at '{source}' to publish. Run 'dotnet build' (or the PythonRestore target) " +
                "before publishing, or set PythonPublish=false to publish without Python.");
        try
        {
            if (Directory.Exists(destination))
                Directory.Delete(destination, recursive: true);
            Directory.CreateDirectory(destination);
            CopyDirectory(source, source, destination);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new LlmPyException(TaskDiagnosticCodes.PublishCopyFailed,
                $"Copying the Python environment '{source}' to '{destination}' failed: {ex.Message}. " +
                "Check free disk space and that no running process holds files in the publish folder, then publish again.", ex);
        }
        Log.LogMessage(MessageImportance.Normal, "LlmPython: published Python environment ({0} files) to {1}", FileCount, destination);
        return true;
    }

    private void CopyDirectory(string root, string from, string to)
    {
        Directory.CreateDirectory(to);
        // Ordinal order keeps the copy (and its log) the same on every machine.
        foreach (string entry in Directory.EnumerateFileSystemEntries(from).OrderBy(e => e, StringComparer.Ordinal))
        {
            CancellationToken.ThrowIfCancellationRequested();
            string target = Path.Combine(to, Path.GetFileName(entry));
            var info = new FileInfo(entry);
            bool isDirectory = info.Attributes.HasFlag(FileAttributes.Directory);
            if (info.LinkTarget is not null && !OperatingSystem.IsWindows())
            {
                string resolved = Path.GetFullPath(info.LinkTarget, Path.GetDirectoryName(entry)!);
                if (IsInside(root, resolved))
                {
                    File.CreateSymbolicLink(target, Path.GetRelativePath(Path.GetDirectoryName(entry)!, resolved));
                    FileCount++;
                    continue;
                }
                if (isDirectory)
                {
                    CopyDirectory(root, resolved, target);
                    continue;
                }
                File.Copy(resolved, target);
                FileCount++;
                continue;
            }
            if (isDirectory)
            {
                CopyDirectory(root, entry, target);
                continue;
            }
            File.Copy(entry, target);
            FileCount++;
        }
    }

    private static bool IsInside(string root, string path)
    {
        string relative = Path.GetRelativePath(root, path);
        return relative != ".." && !relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) && !Path.IsPathRooted(relative);
    }
}
