namespace LlmPython.Resolver.Tags;

/// <summary>
/// Everything sys_tags needs about one interpreter on one platform, given instead of read from a
/// running process: a discovered interpreter and a described publish target both become one of these.
/// </summary>
public sealed record TagTarget
{
    /// <summary>sys.implementation.name: "cpython", "pypy", "graalpy", …</summary>
    public string Implementation { get; init; } = "cpython";
    /// <summary>(major, minor) as sys.version_info[:2]; a major-only version is allowed.</summary>
    public required IReadOnlyList<int> PythonVersion { get; init; }
    /// <summary>The ABI tags; null = derived (CPython from <see cref="AbiConfig"/>, others from <see cref="ExtSuffix"/>).</summary>
    public IReadOnlyList<string>? Abis { get; init; }
    /// <summary>Build facts for CPython ABI tags.</summary>
    public CpythonAbiConfig AbiConfig { get; init; } = CpythonAbiConfig.Release;
    /// <summary>sysconfig EXT_SUFFIX, for the ABI of non-CPython interpreters.</summary>
    public string? ExtSuffix { get; init; }
    /// <summary>sysconfig py_version_nodot, when set.</summary>
    public string? PyVersionNodot { get; init; }
    /// <summary>Platform tags, most preferred first (see <see cref="PlatformTags"/>).</summary>
    public required IReadOnlyList<string> Platforms { get; init; }
}
