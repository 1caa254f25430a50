using System.Text;
using LlmPython.Resolver.Locking;

namespace LlmPython.Resolver.Exporting;

/// <summary>
/// One lock section as a pip requirements file with hashes: the indexes and find-links the section's packages came from,
/// then <c>name==version --hash=sha256:…</c> per package (a direct wheel as <c>name @ url</c>), sorted by name, so
/// <c>pip install --require-hashes --no-deps -r</c> installs exactly the locked files.
/// </summary>
internal static class RequirementsWriter
{
    public static string Write(LockedEnvironment section, ExportedSource sources, string lockFileName, string fileName)
    {
        var text = new StringBuilder();
        text.Append("# Exported by LlmPython.Sdk from ").Append(lockFileName).Append(", section ").Append(section.Name)
            .Append(". Regenerate with: dotnet build -t:PythonExport\n");
        text.Append("# Install exactly the locked files: python -m pip install --require-hashes --no-deps -r ").Append(fileName).Append('\n');
        var packages = section.Packages.OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
        var indexes = packages.Where(p => sources.KindOf(p) == SourceKind.Index).Select(p => p.Source).Distinct().Order(StringComparer.Ordinal).ToList();
        var findLinks = packages.Where(p => sources.KindOf(p) == SourceKind.FindLinks).Select(p => sources.Location(p.Source)).Distinct().Order(StringComparer.Ordinal).ToList();
        if (indexes.Count == 0)
            text.Append("--no-index\n");
        for (int i = 0; i < indexes.Count; i++)
            text.Append(i == 0 ? "--index-url " : "--extra-index-url ").Append(indexes[i]).Append('\n');
        foreach (var location in findLinks)
            text.Append("--find-links ").Append(location).Append('\n');
        foreach (var package in packages)
        {
            text.Append(sources.KindOf(package) == SourceKind.Direct
                ? Direct(package.Name, sources.Location(package.Url))
                : package.Name + "==" + package.Version);
            text.Append(" \\\n    --hash=sha256:").Append(package.Sha256).Append('\n');
        }
        return text.ToString();
    }

    // pip accepts "name @ URL" only with a URL; a local wheel is its path (relative to the exported file: run pip from its folder).
    private static string Direct(string name, string location) =>
        ExportedSource.IsUrl(location) ? name + " @ " + location
        : location.StartsWith('.') || location.StartsWith('/') ? location : "./" + location;
}
