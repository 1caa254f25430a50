namespace LlmPython.Resolver.Tags;

/// <summary>LLMPY codes of the tags and file-name area (0160–0199).</summary>
public static class TagDiagnosticCodes
{
    /// <summary>A publish runtime identifier that no Python platform tag set is known for.</summary>
    public const string UnknownRuntimeIdentifier = "LLMPY0160";
    /// <summary>A described target whose Python version or platform facts cannot be used.</summary>
    public const string InvalidTargetDescription = "LLMPY0161";
}
