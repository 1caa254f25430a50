namespace LlmPython.Resolver.Locking;

/// <summary>LLMPY codes of the lockfile (0600–0699).</summary>
public static class LockFileDiagnostics
{
    /// <summary>python.lock.json is not valid JSON or not a lockfile this SDK can read.</summary>
    public const string Unreadable = "LLMPY0601";
    /// <summary>Locked mode, and the inputs no longer match the lockfile.</summary>
    public const string OutOfDateInLockedMode = "LLMPY0602";
    /// <summary>Locked mode, and there is no lockfile (or no section for this environment).</summary>
    public const string MissingInLockedMode = "LLMPY0603";
}
