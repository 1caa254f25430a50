using System.Text.RegularExpressions;

namespace LlmPython.Resolver.Indexes;

/// <summary>
/// The small part of PEP 503 names and distribution file names the index layer needs to build URLs and
/// group files by project (the full standards types live in Requirements/ and Distributions/).
/// </summary>
internal static partial class ProjectNames
{
    private static readonly string[] SdistExtensions = [".tar.gz", ".zip", ".tar.bz2", ".tar.xz", ".tgz", ".tar"];

    [GeneratedRegex("[-_.]+")]
    private static partial Regex Separators();

    /// <summary>PEP 503: runs of -, _ and . become one -, lower case.</summary>
    public static string Normalize(string name) => Separators().Replace(name.Trim(), "-").ToLowerInvariant();

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
