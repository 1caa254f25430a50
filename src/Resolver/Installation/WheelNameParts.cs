using System.Text.RegularExpressions;

namespace LlmPython.Resolver.Installation;

/// <summary>
/// The parts of a wheel file name the installer needs (distribution, version, build tag, tag triple),
/// parsed without judging versions or tags (the standards area does that).
/// </summary>
public sealed partial record WheelNameParts(string Distribution, string Version, string? BuildTag, string Tag)
{
    /// <summary>Throws FormatException for a name that is not <c>dist-version[-build]-py-abi-plat.whl</c>.</summary>
    public static WheelNameParts Parse(string fileName)
    {
        if (!fileName.EndsWith(".whl", StringComparison.OrdinalIgnoreCase))
            throw new FormatException($"'{fileName}' is not a valid wheel filename: it does not end in .whl");
        var parts = fileName[..^4].Split('-');
        if (parts.Length is not (5 or 6) || parts.Any(p => p.Length == 0))
            throw new FormatException($"'{fileName}' is not a valid wheel filename: expected name-version[-build]-python-abi-platform.whl");
        var build = parts.Length == 6 ? parts[2] : null;
        if (build is not null && !char.IsAsciiDigit(build[0]))
            throw new FormatException($"'{fileName}' is not a valid wheel filename: build tag '{build}' must start with a digit");
        return new WheelNameParts(parts[0], parts[1].Replace("%2B", "+", StringComparison.OrdinalIgnoreCase), build, string.Join('-', parts[^3..]));
    }

    /// <summary>PEP 503 normalization ("ABC..12" → "abc-12"), for comparing a file name with a .dist-info name.</summary>
    public static string Canonicalize(string name) => Separators().Replace(name, "-").ToLowerInvariant();

    [GeneratedRegex("[-_.]+")]
    private static partial Regex Separators();
}
