using LlmPython.Resolver.Requirements;
using LlmPython.Resolver.Tags;
using LlmPython.Resolver.Versioning;

namespace LlmPython.Resolver.Interpreters;

/// <summary>A concrete Python interpreter and what the resolver needs to know of it.</summary>
public sealed record PythonInterpreter(
    string ExecutablePath,
    Pep440Version Version,
    MarkerEnvironment Markers,
    SupportedTags Tags)
{
    /// <summary>"3.11"</summary>
    public string MajorMinor => Markers["python_version"] ?? "";
}
