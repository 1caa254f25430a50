using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Requirements;
using LlmPython.Resolver.Restore;

namespace LlmPython.Resolver.ProjectFiles;

/// <summary>
/// One requirement as a requirements file or pyproject.toml writes it — a PEP 508 string, <c>name @ url</c>, or a
/// wheel path/URL — turned into the <see cref="PackageItem"/> an item would be. Local paths are relative to <c>baseDirectory</c>.
/// </summary>
internal static class RequirementText
{
    public static PackageItem ToPackage(string text, string baseDirectory, string file, int line)
    {
        var where = Where(file, line);
        if (LooksLikeWheelLocation(text))
            return new PackageItem(WheelLocation(text, baseDirectory), DefiningProject: file);

        var requirement = Parse(text, file, line);
        string? extras = requirement.Extras.Count > 0 ? string.Join(";", requirement.ExtrasAsWritten) : null;
        string? markers = requirement.Marker?.ToString();
        if (requirement.Url is { } url)
        {
            if (!LooksLikeWheelLocation(url))
                throw new LlmPyException(DiagnosticCodes.ProjectFiles.UnsupportedUrl,
                    $"{where}: '{requirement.Name} @ {Http.UrlRedaction.Redact(url)}' does not point at a wheel (.whl). LlmPython.Sdk installs wheels only: " +
                    $"point at a built wheel, or require '{requirement.Name}' by version from an index.")
                { SourceFile = file, SourceLine = line, PackageName = requirement.Name };
            return new PackageItem(WheelLocation(url, baseDirectory), Extras: extras, Markers: markers, DefiningProject: file);
        }
        return new PackageItem(requirement.Name, Version: requirement.SpecifierText.Length > 0 ? requirement.SpecifierText : null,
            Extras: extras, Markers: markers, DefiningProject: file);
    }

    public static Requirement Parse(string text, string file, int line)
    {
        try
        {
            return Requirement.Parse(text);
        }
        catch (FormatException e)
        {
            throw new LlmPyException(DiagnosticCodes.ProjectFiles.InvalidLine,
                $"{Where(file, line)}: '{text}' is not a requirement ({e.Message}). Write 'name[extras] specifier ; marker', 'name @ https://…/file.whl' or a path to a .whl.", e)
            { SourceFile = file, SourceLine = line };
        }
    }

    /// <summary>The package name a line names (a wheel's file name part for a path), for hash pins.</summary>
    public static string NameOf(PackageItem item) =>
        item.Include.EndsWith(".whl", StringComparison.OrdinalIgnoreCase)
        && Distributions.WheelFileName.TryParse(Uri.UnescapeDataString(item.Include.Replace('\\', '/').Split('/')[^1]), out var wheel)
            ? wheel.Name.Value
            : PackageName.Normalize(item.Include);

    public static string Where(string file, int line) => line > 0 ? $"{file}({line})" : file;

    private static bool LooksLikeWheelLocation(string text)
    {
        var path = text.Split('#')[0].Split('?')[0].Trim();
        return path.EndsWith(".whl", StringComparison.OrdinalIgnoreCase) && !path.Contains(' ', StringComparison.Ordinal);
    }

    // A file: URL or a relative path becomes an absolute path; http(s) URLs stay (fragment dropped: the hash comes from --hash).
    private static string WheelLocation(string text, string baseDirectory)
    {
        var location = text.Split('#')[0].Trim();
        if (Uri.TryCreate(location, UriKind.Absolute, out var url) && url.Scheme.Length > 1)
            return url.IsFile ? url.LocalPath : location;
        return Path.GetFullPath(location, baseDirectory);
    }
}
