namespace LlmPython.Resolver.Building;

/// <summary>LLMPY codes of wheel builds from source distributions (PEP 517): 0760–0779.</summary>
public static class SourceBuildDiagnostics
{
    /// <summary>A PEP 517 hook (get_requires_for_build_wheel, prepare_metadata_for_build_wheel, build_wheel) failed; the message has the last lines of its output and the log's path.</summary>
    public const string BuildFailed = "LLMPY0760";
    /// <summary>A source distribution cannot be unpacked safely, or has neither pyproject.toml nor setup.py.</summary>
    public const string InvalidSdist = "LLMPY0761";
    /// <summary>The build requirements (build-system.requires, get_requires_for_build_wheel) of an sdist cannot be resolved to wheels.</summary>
    public const string BuildRequirementsUnresolvable = "LLMPY0762";
    /// <summary>The wheel a build produced is not a wheel of the sdist's project and version.</summary>
    public const string BuiltWheelMismatch = "LLMPY0763";
    /// <summary>An sdist must be built for a target that cannot run here (a publish for another platform).</summary>
    public const string CannotBuildForTarget = "LLMPY0764";
}
