namespace LlmPython.Resolver.Installation;

/// <summary>Something an install did that the user should know about, though it succeeded (an LLMPY warning).</summary>
public sealed record InstallWarning(string Code, string Message, string PackageName);
