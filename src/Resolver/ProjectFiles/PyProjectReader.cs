using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Requirements;
using LlmPython.Resolver.Restore;
using Tomlyn;
using Tomlyn.Model;

namespace LlmPython.Resolver.ProjectFiles;

/// <summary>
/// pyproject.toml → <see cref="ProjectFileInputs"/>: <c>[project] dependencies</c>, the <c>optional-dependencies</c> named by
/// the item's Extras (a self-reference such as <c>app[cpu]</c> expands), <c>requires-python</c>, and uv's index pins
/// (<c>[[tool.uv.index]]</c> → PythonIndex, <c>default = true</c> → PythonIndexUrl; <c>[tool.uv.sources]</c>
/// <c>{ index = "name" }</c> → Index=). Every other table is ignored, said once in a low-importance line.
/// </summary>
public static class PyProjectReader
{
    public static void Read(string path, IReadOnlyList<string> extras, ProjectFileInputs inputs)
    {
        path = Path.GetFullPath(path);
        var root = Parse(path);
        if (root.TryGetValue("project", out var projectValue) is false || projectValue is not TomlTable project)
            throw Invalid(path, "has no [project] table. Add [project] with name and dependencies (PEP 621), or use PythonPackage items");
        var projectName = project.TryGetValue("name", out var n) && n is string s ? PackageName.Normalize(s) : null;
        var dynamic = StringList(project, "dynamic", path);
        if (dynamic.Contains("dependencies") || (extras.Count > 0 && dynamic.Contains("optional-dependencies")))
            throw Invalid(path, "declares its dependencies dynamic (computed by the build backend), so they cannot be read from the file. List them in [project] dependencies, or use PythonPackage items");

        var uvSources = UvSourcePins(root, path);
        var optional = project.TryGetValue("optional-dependencies", out var o) ? o as TomlTable
            ?? throw Invalid(path, "has [project] optional-dependencies that is not a table of lists") : new TomlTable();
        var packages = new List<PackageItem>();
        var requested = new HashSet<string>(StringComparer.Ordinal);
        void AddAll(IEnumerable<string> requirements, string origin)
        {
            foreach (var text in requirements)
            {
                var parsed = RequirementText.Parse(text, path, 0);
                // "app[gpu]" inside app's own extras: expand those extras instead of asking an index for app.
                if (projectName is not null && parsed.NormalizedName.Value == projectName && parsed.Url is null)
                {
                    foreach (var extra in parsed.Extras)
                        AddExtra(extra, $"{origin} → {text}");
                    continue;
                }
                var item = RequirementText.ToPackage(text, Path.GetDirectoryName(path)!, path, 0);
                var name = RequirementText.NameOf(item);
                packages.Add(uvSources.TryGetValue(name, out var index) ? item with { Index = index } : item);
            }
        }
        void AddExtra(string extra, string origin)
        {
            var wanted = PackageName.Normalize(extra);
            if (!requested.Add(wanted))
                return;
            var match = optional.Keys.FirstOrDefault(k => PackageName.Normalize(k) == wanted);
            if (match is null)
                throw new LlmPyException(DiagnosticCodes.ProjectFiles.UnknownProjectExtra,
                    $"{path}: {origin} asks for the extra '{extra}', but [project.optional-dependencies] defines " +
                    (optional.Count == 0 ? "none" : string.Join(", ", optional.Keys.Order(StringComparer.Ordinal))) + ". Fix the Extras metadata of the PythonProject item.")
                { SourceFile = path };
            AddAll(StringList(optional, match, path, "[project.optional-dependencies] " + match), origin);
        }

        AddAll(StringList(project, "dependencies", path, "[project] dependencies"), "dependencies");
        foreach (var extra in extras)
            AddExtra(extra, "PythonProject Extras");
        inputs.Packages.AddRange(packages);

        if (project.TryGetValue("requires-python", out var rp))
            inputs.RequiresPython.Add(new RequiresPythonPin(rp as string ?? throw Invalid(path, "has a requires-python that is not a string"), path));
        ReadUvIndexes(root, path, inputs);

        var ignored = root.Keys.Where(k => k is not ("project" or "tool")).Select(k => $"[{k}]")
            .Concat(root.TryGetValue("tool", out var t) && t is TomlTable tool ? tool.Keys.Where(k => k != "uv").Select(k => $"[tool.{k}]") : [])
            .Concat(root.TryGetValue("tool", out var t2) && t2 is TomlTable tool2 && tool2.TryGetValue("uv", out var u) && u is TomlTable uv
                ? uv.Keys.Where(k => k is not ("index" or "sources")).Select(k => $"[tool.uv] {k}") : [])
            .ToList();
        if (ignored.Count > 0)
            inputs.Notes.Add(($"{path}: read [project] dependencies, optional-dependencies, requires-python and uv index pins; ignored {string.Join(", ", ignored)}.", false));
    }

    private static TomlTable Parse(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LlmPyException(DiagnosticCodes.ProjectFiles.FileNotFound,
                $"Cannot read {path} ({e.Message}). Fix the Include of the PythonProject item (relative paths are relative to the project).", e)
            { SourceFile = path };
        }
        try
        {
            return TomlSerializer.Deserialize<TomlTable>(text) ?? new TomlTable();
        }
        catch (TomlException e)
        {
            throw new LlmPyException(DiagnosticCodes.ProjectFiles.InvalidToml, $"{path}({e.Line ?? 0}): not valid TOML: {e.Message}. Fix the file.", e)
            { SourceFile = path, SourceLine = e.Line ?? 0 };
        }
    }

    // [tool.uv.sources] name = { index = "pytorch" } → the package takes Index="pytorch".
    private static Dictionary<string, string> UvSourcePins(TomlTable root, string path)
    {
        var pins = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Uv(root)?.TryGetValue("sources", out var value) != true)
            return pins;
        if (value is not TomlTable sources)
            throw UvError(path, "[tool.uv.sources] is not a table");
        foreach (var (name, source) in sources)
        {
            if (source is TomlTable { Count: 1 } table && table.TryGetValue("index", out var index) && index is string indexName)
                pins[PackageName.Normalize(name)] = indexName;
            else
                throw UvError(path, $"[tool.uv.sources] {name} is not of the form {{ index = \"name\" }}; only index pins are supported (not git, path, url, workspace or per-marker lists). " +
                    "Use a PythonPackage item (a .whl path or URL) for it");
        }
        return pins;
    }

    private static void ReadUvIndexes(TomlTable root, string path, ProjectFileInputs inputs)
    {
        if (Uv(root)?.TryGetValue("index", out var value) != true)
            return;
        if (value is not TomlTableArray indexes)
            throw UvError(path, "[tool.uv] index is not an array of tables ([[tool.uv.index]])");
        foreach (var index in indexes)
        {
            if (!index.TryGetValue("url", out var u) || u is not string url)
                throw UvError(path, "a [[tool.uv.index]] entry has no url");
            var name = index.TryGetValue("name", out var nm) ? nm as string : null;
            bool Flag(string key) => index.TryGetValue(key, out var f) && f is true;
            if (Flag("default"))
                inputs.SetIndexUrl(url, $"{path} [[tool.uv.index]] {name ?? url} (default = true)", path, 0);
            else
                inputs.Indexes.Add(new IndexItem(url, name, Flag("explicit")));
        }
    }

    private static TomlTable? Uv(TomlTable root) =>
        root.TryGetValue("tool", out var t) && t is TomlTable tool && tool.TryGetValue("uv", out var u) ? u as TomlTable : null;

    private static List<string> StringList(TomlTable table, string key, string path, string? what = null)
    {
        if (!table.TryGetValue(key, out var value))
            return [];
        if (value is TomlArray array && array.All(v => v is string))
            return array.Cast<string>().ToList();
        throw Invalid(path, $"has {what ?? key} that is not a list of strings");
    }

    private static LlmPyException Invalid(string path, string what) =>
        new(DiagnosticCodes.ProjectFiles.InvalidProjectTable, $"{path} {what}.") { SourceFile = path };

    private static LlmPyException UvError(string path, string what) =>
        new(DiagnosticCodes.ProjectFiles.UnsupportedUvSource, $"{path}: {what}.") { SourceFile = path };
}
