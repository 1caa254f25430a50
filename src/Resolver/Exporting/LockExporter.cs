using System.Text;
using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Locking;

namespace LlmPython.Resolver.Exporting;

/// <summary>The formats <c>PythonExport</c> writes (<c>PythonExportFormat</c>).</summary>
[Flags]
public enum ExportFormats { None = 0, Pylock = 1, Requirements = 2 }

/// <summary>
/// Writes every section of a lockfile as <c>pylock.&lt;section&gt;.toml</c> and/or <c>requirements.&lt;section&gt;.txt</c>
/// into one folder. A file is replaced (temp file + rename) only when its bytes change.
/// </summary>
public static class LockExporter
{
    public static ExportFormats ParseFormats(string? value)
    {
        var formats = ExportFormats.None;
        foreach (var word in (string.IsNullOrWhiteSpace(value) ? "pylock;requirements" : value)
                     .Split([';', ',', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            formats |= word.ToLowerInvariant() switch
            {
                "pylock" => ExportFormats.Pylock,
                "requirements" => ExportFormats.Requirements,
                _ => throw new LlmPyException(DiagnosticCodes.Export.UnknownFormat,
                    $"PythonExportFormat names '{word}', which is not an export format. Use pylock, requirements, or pylock;requirements."),
            };
        }
        return formats;
    }

    /// <summary>Writes the files and returns their paths (sorted).</summary>
    public static IReadOnlyList<string> Export(LockFile lockFile, string lockFilePath, string projectDirectory, string outputDirectory,
        ExportFormats formats, IReadOnlyList<string> findLinks)
    {
        if (lockFile.Environments.Count == 0)
            throw new LlmPyException(DiagnosticCodes.Export.NothingToExport,
                $"{lockFilePath} has no environment section to export. Run dotnet build -t:PythonLock (or a build) first.");
        outputDirectory = Path.GetFullPath(outputDirectory);
        var sources = new ExportedSource(projectDirectory, outputDirectory, findLinks);
        var lockName = Path.GetFileName(lockFilePath);
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var section in lockFile.Environments)
        {
            var name = LockSectionMarkers.FileSafeName(section.Name);
            if (formats.HasFlag(ExportFormats.Pylock))
                files[Path.Combine(outputDirectory, $"pylock.{name}.toml")] = PylockWriter.Write(section, sources, lockName);
            if (formats.HasFlag(ExportFormats.Requirements))
            {
                var fileName = $"requirements.{name}.txt";
                files[Path.Combine(outputDirectory, fileName)] = RequirementsWriter.Write(section, sources, lockName, fileName);
            }
        }
        foreach (var (path, text) in files)
            WriteIfChanged(path, text);
        return files.Keys.ToList();
    }

    private static void WriteIfChanged(string path, string text)
    {
        var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text);
        try
        {
            if (File.Exists(path) && File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes))
                return;
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temp = path + ".tmp-" + Environment.ProcessId;
            File.WriteAllBytes(temp, bytes);
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LlmPyException(DiagnosticCodes.Export.WriteFailed, $"Cannot write {path} ({e.Message}). Check that the folder (PythonExportDirectory) is writable; the previous file is unchanged.", e);
        }
    }
}
