using LlmPython.Resolver.Restore;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace LlmPython.Tasks;

/// <summary>
/// Forwards the engine's log to MSBuild: coded errors/warnings against the project (at the item's line when they
/// concern a declared package), progress as messages.
/// </summary>
internal sealed class MSBuildRestoreLog : IRestoreLog
{
    private readonly TaskLoggingHelper _log;
    private readonly string _projectFile;
    private readonly Func<string?, (string File, int Line)>? _locatePackage;

    /// <param name="locatePackage">The task's item locator: file and line of the item that declares a package.</param>
    public MSBuildRestoreLog(TaskLoggingHelper log, string projectFile, Func<string?, (string File, int Line)>? locatePackage = null)
    {
        _log = log;
        _projectFile = projectFile;
        _locatePackage = locatePackage;
    }

    // Important lines (the backend decision, "restored N packages") show at normal verbosity; the rest at detailed.
    public void Message(string text, bool important = false)
        => _log.LogMessage(important ? MessageImportance.Normal : MessageImportance.Low, "{0}", text);

    /// <summary>High importance: shown by dotnet build's default (minimal) verbosity.</summary>
    public void Progress(string text) => _log.LogMessage(MessageImportance.High, "{0}", text);

    public void Warning(string code, string message, string? file = null) => Warning(code, message, file, null);

    public void Warning(string code, string message, string? file, string? packageName)
    {
        var (at, line) = Place(file, 0, packageName);
        _log.LogWarning(null, code, null, at, line, 0, 0, 0, "{0}", message);
    }

    public void Error(string code, string message, string? file = null) => Error(code, message, file, 0, null);

    public void Error(string code, string message, string? file, int line) => Error(code, message, file, line, null);

    public void Error(string code, string message, string? file, int line, string? packageName)
    {
        var (at, atLine) = Place(file, line, packageName);
        _log.LogError(null, code, null, at, atLine, 0, 0, 0, "{0}", message);
    }

    // A line already known (a requirements file's) stays; otherwise the package's item, when the task finds it.
    private (string File, int Line) Place(string? file, int line, string? packageName)
    {
        file = string.IsNullOrEmpty(file) ? _projectFile : file;
        if (line > 0 || string.IsNullOrEmpty(packageName) || _locatePackage is null)
            return (file, line);
        var item = _locatePackage(packageName);
        return item.Line > 0 ? item : (file, line);
    }
}
