namespace LlmPython.Resolver.Publishing;

/// <summary>LLMPY codes of the engine's publish step (0950–0999; the tasks use 0900–0949).</summary>
public static class PublishDiagnostics
{
    /// <summary>There is no environment (pyvenv.cfg) to publish.</summary>
    public const string EnvironmentMissing = "LLMPY0950";
    /// <summary>A file of the environment would carry an absolute build-machine path into the publish folder.</summary>
    public const string AbsolutePathLeak = "LLMPY0951";
}
