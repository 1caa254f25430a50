using LlmPython.Resolver.Accelerators;
using LlmPython.Resolver.Restore;

namespace LlmPython.Benchmarks.Common;

/// <summary>Keeps the engine's messages for a failure report instead of printing them into the tables.</summary>
internal sealed class QuietRestoreLog : IRestoreLog
{
    private readonly List<string> _lines = [];

    public void Message(string text, bool important = false) { lock (_lines) _lines.Add(text); }
    public void Warning(string code, string message, string? file = null) { lock (_lines) _lines.Add($"warning {code}: {message}"); }
    public void Error(string code, string message, string? file = null) { lock (_lines) _lines.Add($"error {code}: {message}"); }

    public string All { get { lock (_lines) return string.Join('\n', _lines); } }

    /// <summary>Runs the engine and throws with the log when the restore failed.</summary>
    public static RestoreResult RunOrThrow(RestoreRequest request, string what)
    {
        var log = new QuietRestoreLog();
        // No GPU is described: the figures must not depend on the machine's driver.
        var result = new RestoreEngine(log) { DetectGpu = _ => GpuInfo.None }.Run(request);
        if (!result.Success)
            throw new InvalidOperationException($"{what}: the engine's restore failed:\n{log.All}");
        return result;
    }
}
