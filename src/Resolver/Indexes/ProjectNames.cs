using LlmPython.Resolver.Requirements;

namespace LlmPython.Resolver.Indexes;

/// <summary>
/// What the index layer needs from file names to build URLs and group files by project: lenient on purpose
/// (an odd file on a page is skipped later by the resolver, not an error while listing).
/// </summary>
internal static class ProjectNames
{
    private static readonly string[] SdistExtensions = [".tar.gz", ".zip", ".tar.bz2", ".tar.xz", ".tgz", ".tar"];

    /// <summary>PEP 503: runs of -, _ and . become one -, lower case.</summary>
    public static string Normalize(string name) => PackageName.Normalize(name.Trim());

    public static bool IsWheel(string fileName) => fileName.EndsWith(".whl", StringComparison.OrdinalIgnoreCase);

    /// <summary>A wheel or an sdist (the kinds an index lists that an installer can use).</summary>
    public static bool IsDistribution(string fileName) =>
        IsWheel(fileName) || SdistExtensions.Any(e => fileName.EndsWith(e, StringComparison.OrdinalIgnoreCase));

    /// <summary>Normalized project of a wheel (name before the first '-') or sdist (before the last '-'), or null.</summary>
    public static string? ProjectOf(string fileName)
    {
        if (IsWheel(fileName))
        {
            var dash = fileName.IndexOf('-');
            return dash > 0 ? Normalize(fileName[..dash]) : null;
        }
        var ext = SdistExtensions.FirstOrDefault(e => fileName.EndsWith(e, StringComparison.OrdinalIgnoreCase));
        if (ext is null) return null;
        var stem = fileName[..^ext.Length];
        var last = stem.LastIndexOf('-');
        return last > 0 ? Normalize(stem[..last]) : null;
    }
}
