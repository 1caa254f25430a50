namespace LlmPython.Resolver.Requirements;

/// <summary>Where a marker is evaluated; decides the defaults of <c>extra</c>, <c>extras</c>, <c>dependency_groups</c>.</summary>
public enum MarkerEvaluationContext
{
    /// <summary>Core metadata (Requires-Dist): <c>extra</c> defaults to "".</summary>
    Metadata,

    /// <summary>Lock files (PEP 751): <c>extras</c> and <c>dependency_groups</c> default to empty sets.</summary>
    LockFile,

    /// <summary>Any other requirement: no defaults.</summary>
    Requirement,
}
