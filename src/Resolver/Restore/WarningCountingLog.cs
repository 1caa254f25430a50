namespace LlmPython.Resolver.Restore;

/// <summary>
/// Forwards to the caller's log and counts warnings: a restore that warned does not arm the no-op fast
/// path, which would skip the warning on the next build.
/// </summary>
internal sealed class WarningCountingLog(IRestoreLog inner) : IRestoreLog
{
    private int _warnings;

    public int Warnings => Volatile.Read(ref _warnings);

    public void Message(string text, bool important = false) => inner.Message(text, important);

    public void Progress(string text) => inner.Progress(text);

    public void Warning(string code, string message, string? file = null)
    {
        Interlocked.Increment(ref _warnings);
        inner.Warning(code, message, file);
    }

    public void Warning(string code, string message, string? file, string? packageName)
    {
        Interlocked.Increment(ref _warnings);
        inner.Warning(code, message, file, packageName);
    }

    public void Error(string code, string message, string? file = null) => inner.Error(code, message, file);

    public void Error(string code, string message, string? file, int line) => inner.Error(code, message, file, line);

    public void Error(string code, string message, string? file, int line, string? packageName) => inner.Error(code, message, file, line, packageName);
}
