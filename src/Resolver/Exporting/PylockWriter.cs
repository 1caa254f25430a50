using System.Globalization;
using System.Text;
using LlmPython.Resolver.Locking;

namespace LlmPython.Resolver.Exporting;

/// <summary>
/// One lock section as PEP 751 <c>pylock.&lt;name&gt;.toml</c>: lock-version, environments (the section's marker),
/// requires-python, and per package name, version, index, dependencies and its one wheel with url (or path), size and
/// sha256. Packages sorted by name; no time stamps: the same lock gives the same bytes.
/// </summary>
internal static class PylockWriter
{
    public static string Write(LockedEnvironment section, ExportedSource sources, string lockFileName)
    {
        var text = new StringBuilder();
        text.Append("# Exported by LlmPython.Sdk from ").Append(lockFileName).Append(", section ").Append(section.Name)
            .Append(". Regenerate with: dotnet build -t:PythonExport\n");
        text.Append("lock-version = \"1.0\"\n");
        text.Append("environments = ").Append(TomlText.Array([LockSectionMarkers.For(section)])).Append('\n');
        text.Append("requires-python = ").Append(TomlText.String("==" + string.Join('.', section.PythonVersion.Split('.').Take(2)) + ".*")).Append('\n');
        text.Append("extras = []\ndependency-groups = []\ndefault-groups = []\n");
        text.Append("created-by = \"LlmPython.Sdk\"\n");
        var names = section.Packages.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var package in section.Packages.OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            text.Append("\n[[packages]]\n");
            text.Append("name = ").Append(TomlText.String(package.Name)).Append('\n');
            text.Append("version = ").Append(TomlText.String(package.Version)).Append('\n');
            if (sources.KindOf(package) == SourceKind.Index)
                text.Append("index = ").Append(TomlText.String(package.Source)).Append('\n');
            var dependencies = package.Dependencies.Select(d => d.Name).Where(names.Contains).Distinct().Order(StringComparer.Ordinal).ToList();
            if (dependencies.Count > 0)
                text.Append("dependencies = [").Append(string.Join(", ", dependencies.Select(d => "{ name = " + TomlText.String(d) + " }"))).Append("]\n");
            text.Append("wheels = [\n    { name = ").Append(TomlText.String(package.FileName));
            var location = sources.Location(package.Url);
            text.Append(ExportedSource.IsUrl(location) ? ", url = " : ", path = ").Append(TomlText.String(location));
            if (package.Size is { } size)
                text.Append(", size = ").Append(size.ToString(CultureInfo.InvariantCulture));
            text.Append(", hashes = { sha256 = ").Append(TomlText.String(package.Sha256)).Append(" } },\n]\n");
        }
        return text.ToString();
    }
}
