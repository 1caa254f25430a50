namespace LlmPython.Resolver.Versioning;

/// <summary>LLMPY codes of the Versioning area (0100–0129).</summary>
public static class VersioningErrors
{
    /// <summary>A package's Version metadata is not a valid PEP 440 specifier set.</summary>
    public const string InvalidSpecifier = "LLMPY0100";
    /// <summary>A version string (item metadata, lockfile, pin) is not a valid PEP 440 version.</summary>
    public const string InvalidVersion = "LLMPY0101";
    /// <summary>A package's specifier set can never be satisfied (e.g. <c>&gt;=2,&lt;1</c>).</summary>
    public const string UnsatisfiableSpecifier = "LLMPY0102";
}
