using LlmPython.Resolver.Requirements;
using LlmPython.Resolver.Versioning;

namespace LlmPython.Resolver.Distributions;

/// <summary>A source distribution file name: name-version.tar.gz (PEP 625) or the legacy name-version.zip.</summary>
public sealed class SdistFileName
{
    private SdistFileName(string fileName, PackageName name, Pep440Version version, string extension)
    {
        FileName = fileName;
        Name = name;
        Version = version;
        Extension = extension;
    }

    /// <summary>Throws <see cref="FormatException"/> on bad input. Accepts %2B-encoded '+'.</summary>
    public static SdistFileName Parse(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var decoded = fileName.Replace("%2B", "+", StringComparison.OrdinalIgnoreCase);
        var extension = decoded.EndsWith(".tar.gz", StringComparison.Ordinal) ? ".tar.gz"
            : decoded.EndsWith(".zip", StringComparison.Ordinal) ? ".zip"
            : throw Invalid(fileName, "the extension is neither .tar.gz nor .zip");
        var stem = decoded[..^extension.Length];
        // A PEP 440 version has no '-', so the last '-' separates name and version.
        var dash = stem.LastIndexOf('-');
        if (dash < 0)
            throw Invalid(fileName, "there is no '-' between name and version");
        var namePart = stem[..dash];
        var versionPart = stem[(dash + 1)..];
        if (!DistributionName.IsValidSdistNamePart(namePart))
            throw Invalid(fileName, $"'{namePart}' is not a valid project name");
        if (!Pep440Version.TryParse(versionPart, out var version))
            throw Invalid(fileName, $"'{versionPart}' is not a valid PEP 440 version");
        return new SdistFileName(decoded, DistributionName.Normalize(namePart), version, extension);
    }

    public static bool TryParse(string fileName, out SdistFileName sdist)
    {
        try
        {
            sdist = Parse(fileName);
            return true;
        }
        catch (FormatException)
        {
            sdist = null!;
            return false;
        }
    }

    public PackageName Name { get; }
    public Pep440Version Version { get; }
    /// <summary>".tar.gz" or ".zip".</summary>
    public string Extension { get; }
    public string FileName { get; }

    public override string ToString() => FileName;

    private static FormatException Invalid(string fileName, string why) =>
        new($"Invalid sdist file name '{fileName}': {why}.");
}
