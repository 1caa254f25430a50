namespace LlmPython.Resolver.Requirements;

/// <summary>LLMPY codes of the Requirements area (range 0130–0159).</summary>
public static class RequirementsDiagnostics
{
    /// <summary>A marker compares values in a way PEP 508 leaves undefined (e.g. <c>~=</c> on a non-version, a set on the left).</summary>
    public const string UndefinedMarkerComparison = "LLMPY0130";

    /// <summary>A marker names an environment variable the target environment does not define.</summary>
    public const string UndefinedMarkerVariable = "LLMPY0131";
}
