namespace LlmPython.Resolver.Resolution;

/// <summary>The LLMPY codes of the resolver (range 0400–0499).</summary>
public static class ResolutionDiagnostics
{
    /// <summary>A required package does not exist on the index that answers for it.</summary>
    public const string UnknownPackage = "LLMPY0401";

    /// <summary>No version of a required package is usable (specifier, requires-python, wheel tags, yanked, pre-release).</summary>
    public const string NoMatchingVersion = "LLMPY0402";

    /// <summary>The requirements conflict with each other: no set of versions satisfies all of them.</summary>
    public const string Conflict = "LLMPY0403";

    /// <summary>The package source failed while listing versions or reading metadata.</summary>
    public const string SourceFailure = "LLMPY0404";

    /// <summary>The resolution exceeded its step budget (pathological backtracking).</summary>
    public const string TooComplex = "LLMPY0405";
}
