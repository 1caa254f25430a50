using LlmPython.Resolver.Requirements;

namespace LlmPython.Resolver.Restore;

/// <summary>A validated top-level requirement: one per package name, merged from every item that names it.</summary>
public sealed record RootRequirement(
    PackageName Name,
    /// <summary>name[extras] specifier ; marker, as PEP 508 (the merged specifiers of every declaration).</summary>
    Requirement Requirement,
    /// <summary>Absolute path or URL of a .whl item, or null for an index package.</summary>
    string? LocalWheel,
    /// <summary>Backend asked for with Cuda metadata (lower-case), or null = the project default.</summary>
    string? Cuda,
    /// <summary>Name of the PythonIndex this package is pinned to, or null.</summary>
    string? IndexName,
    bool NoDeps,
    /// <summary>The project file that declared it, for diagnostics.</summary>
    string DefiningProject);
