using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using LlmPython.Resolver.Restore;

namespace LlmPython.Tasks;

/// <summary>
/// The PythonExport target: lock (reusing a current lock), then write each lock section as PEP 751
/// pylock.&lt;section&gt;.toml and/or requirements.&lt;section&gt;.txt with --hash lines.
/// </summary>
public sealed class PythonExport : RestoreTaskBase
{
    /// <summary><c>pylock;requirements</c> (default), <c>pylock</c> or <c>requirements</c>.</summary>
    public string? Formats { get; set; }

    /// <summary>Folder the files are written to.</summary>
    [Required] public string OutputDirectory { get; set; } = "";

    [Output] public ITaskItem[] ExportedFiles { get; private set; } = [];

    protected override bool ExecuteCore()
    {
        var projectDirectory = Path.GetDirectoryName(Path.GetFullPath(ProjectPath)) ?? Directory.GetCurrentDirectory();
        var engine = new RestoreEngine(new MSBuildRestoreLog(Log, ProjectFile, Locate));
        var written = engine.Export(BuildRequest(lockOnly: true), Path.GetFullPath(OutputDirectory, projectDirectory), Formats, CancellationToken);
        if (written is null)
            return false;
        ExportedFiles = written.Select(f => (ITaskItem)new TaskItem(f)).ToArray();
        return true;
    }
}
