using LlmPython.Resolver.Restore;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace LlmPython.Tasks;

/// <summary>Forwards the engine's log to MSBuild: coded errors/warnings against the project, progress as messages.</summary>
internal sealed class MSBuildRestoreLog : IRestoreLog
{
    private readonly TaskLoggingHelper _log;
    private readonly string _projectFile;

    public MSBuildRestoreLog(TaskLoggingHelper log, string projectFile)
    {
        _log = log;
        _projectFile = projectFile;
    }

    // Important lines (the backend decision, "restored N packages") show at normal verbosity; the rest at detailed.
    public void Message(string text, bool important = false)
        => _log.LogMessage(important ? MessageImportance.Normal : MessageImportance.Low, "{0}", text);

    /// <summary>High importance: shown by dotnet build's default (minimal) verbosity.</summary>
    public void Progress(string text) => _log.LogMessage(MessageImportance.High, "{0}", text);

    public void Warning(string code, string message, string? file = null)
        => _log.LogWarning(null, code, null, string.IsNullOrEmpty(file) ? _projectFile : file, 0, 0, 0, 0, "{0}", message);

    public void Error(string code, string message, string? file = null) => Error(code, message, file, 0);

    public void Error(string code, string message, string? file, int line)
        => _log.LogError(null, code, null, string.IsNullOrEmpty(file) ? _projectFile : file, line, 0, 0, 0, "{0}", message);
}
