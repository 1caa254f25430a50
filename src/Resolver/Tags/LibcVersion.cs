using System.Text.RegularExpressions;

namespace LlmPython.Resolver.Tags;

/// <summary>Parses the C library versions that manylinux (PEP 600) and musllinux (PEP 656) tags depend on.</summary>
public static partial class LibcVersion
{
    /// <summary>
    /// "2.36" or os.confstr's "glibc 2.36" → (2, 36); a malformed string ("2", "glibc-2.4.5") → null,
    /// as packaging treats it as no glibc.
    /// </summary>
    public static (int Major, int Minor)? ParseGlibc(string? text)
    {
        if (text is null) return null;
        var s = text.Trim();
        var space = s.LastIndexOf(' ');
        if (space >= 0) s = s[(space + 1)..]; // confstr form: "glibc 2.36"
        var m = GlibcRegex().Match(s);
        if (!m.Success) return null;
        return (int.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value));
    }

    /// <summary>The musl loader's banner (stderr of ld-musl-*.so.1) → (major, minor), or null.</summary>
    public static (int Major, int Minor)? ParseMusl(string? loaderOutput)
    {
        if (loaderOutput is null) return null;
        var lines = loaderOutput.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        if (lines.Count < 2 || !lines[0].StartsWith("musl", StringComparison.Ordinal)) return null;
        var m = MuslRegex().Match(lines[1]);
        if (!m.Success) return null;
        return (int.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value));
    }

    [GeneratedRegex(@"^([0-9]+)\.([0-9]+)")]
    private static partial Regex GlibcRegex();

    [GeneratedRegex(@"^Version ([0-9]+)\.([0-9]+)")]
    private static partial Regex MuslRegex();
}
