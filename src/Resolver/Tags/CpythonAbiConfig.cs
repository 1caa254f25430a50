namespace LlmPython.Resolver.Tags;

/// <summary>
/// The sysconfig facts that decide a CPython interpreter's ABI tags (cp311, cp37m, cp38d, cp313t).
/// Nullable members are config variables that may be unset; null keeps packaging's fallbacks.
/// </summary>
public sealed record CpythonAbiConfig
{
    /// <summary>Py_DEBUG (truthiness); null = unset, then sys.gettotalrefcount or a "_d.pyd" suffix decide.</summary>
    public bool? PyDebug { get; init; }
    /// <summary>hasattr(sys, "gettotalrefcount"): only debug builds have it.</summary>
    public bool HasTotalRefcount { get; init; }
    /// <summary>importlib.machinery.EXTENSION_SUFFIXES.</summary>
    public IReadOnlyList<string> ExtensionSuffixes { get; init; } = [];
    /// <summary>WITH_PYMALLOC (truthiness); null = unset, which counts as pymalloc (the 'm' flag before 3.8).</summary>
    public bool? WithPymalloc { get; init; }
    /// <summary>Py_UNICODE_SIZE; null = unset, then <see cref="MaxUnicode"/> decides (the 'u' flag before 3.3).</summary>
    public int? UnicodeSize { get; init; }
    /// <summary>sys.maxunicode.</summary>
    public int MaxUnicode { get; init; } = 0x10FFFF;
    /// <summary>Py_GIL_DISABLED: a free-threaded build (the 't' flag from 3.13).</summary>
    public bool GilDisabled { get; init; }

    /// <summary>An ordinary release build.</summary>
    public static CpythonAbiConfig Release { get; } = new();
}
