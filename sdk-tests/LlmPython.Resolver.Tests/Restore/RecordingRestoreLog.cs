using LlmPython.Resolver.Restore;

namespace LlmPython.Resolver.Tests.Restore;

/// <summary>Keeps what the engine logged, for assertions.</summary>
public sealed class RecordingRestoreLog : IRestoreLog
{
    public List<string> Messages { get; } = [];
    public List<(string Code, string Message)> Warnings { get; } = [];
    public List<(string Code, string Message)> Errors { get; } = [];

    public void Message(string text, bool important = false) { lock (Messages) Messages.Add(text); }
    public void Warning(string code, string message, string? file = null) { lock (Warnings) Warnings.Add((code, message)); }
    public void Error(string code, string message, string? file = null) { lock (Errors) Errors.Add((code, message)); }

    public string All => string.Join("\n", Messages.Concat(Warnings.Select(w => $"warning {w.Code}: {w.Message}")).Concat(Errors.Select(e => $"error {e.Code}: {e.Message}")));
}
