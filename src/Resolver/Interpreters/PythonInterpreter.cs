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

    /// <summary>The interpreter's own answer to the probe (null for an interpreter built by hand, e.g. in tests).</summary>
    public InterpreterInfo? Info { get; init; }

    /// <summary>An interpreter from its probe answer: version, markers and tags all come from <paramref name="info"/>.</summary>
    public static PythonInterpreter FromInfo(string executablePath, InterpreterInfo info)
    {
        // The cache hands out one answer per interpreter: its tags (hundreds of manylinux tags) are derived once per process.
        var tags = DerivedTags.GetValue(info, i => i.ToSupportedTags());
        return new(executablePath, Pep440Version.Parse(info.Version), info.ToMarkerEnvironment(), tags) { Info = info };
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<InterpreterInfo, SupportedTags> DerivedTags = new();
}
