using System.Text.RegularExpressions;

namespace LlmPython.Resolver.Building;

/// <summary>
/// An sdist's <c>[build-system]</c> (PEP 518/517): its requirements, backend and backend-path. Without pyproject.toml, or
/// without the table, the legacy setuptools backend with <c>setuptools&gt;=40.8.0</c> and <c>wheel</c>, as pip does.
/// </summary>
public sealed partial record BuildSystem(IReadOnlyList<string> Requires, string Backend, IReadOnlyList<string> BackendPath)
{
    public static readonly BuildSystem Legacy = new(["setuptools>=40.8.0", "wheel"], "setuptools.build_meta:__legacy__", []);

    public static BuildSystem Read(string projectFolder)
    {
        var pyproject = Path.Combine(projectFolder, "pyproject.toml");
        return File.Exists(pyproject) ? Parse(File.ReadAllText(pyproject)) : Legacy;
    }

    /// <summary>Reads the three keys of the <c>[build-system]</c> table (strings and arrays of strings, as PEP 518 has them).</summary>
    public static BuildSystem Parse(string toml)
    {
        var table = TableBody(toml, "build-system");
        if (table is null) return Legacy;
        var requires = StringArray(table, "requires");
        var backend = StringValue(table, "build-backend");
        if (requires is null) return Legacy;
        // PEP 517: requires without build-backend means the legacy setuptools backend.
        return new BuildSystem(requires, backend ?? Legacy.Backend, StringArray(table, "backend-path") ?? []);
    }

    private static string? TableBody(string toml, string name)
    {
        var lines = toml.Replace("\r\n", "\n").Split('\n');
        var start = Array.FindIndex(lines, l => l.Trim() == $"[{name}]");
        if (start < 0) return null;
        var end = Array.FindIndex(lines, start + 1, l => l.TrimStart().StartsWith('['));
        return string.Join('\n', lines[(start + 1)..(end < 0 ? lines.Length : end)].Select(StripComment));
    }

    private static string StripComment(string line)
    {
        var quote = '\0';
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote != '\0') { if (c == quote) quote = '\0'; }
            else if (c is '"' or '\'') quote = c;
            else if (c == '#') return line[..i];
        }
        return line;
    }

    private static string? StringValue(string table, string key) =>
        Regex.Match(table, $@"(?m)^\s*""?{Regex.Escape(key)}""?\s*=\s*(?:""([^""]*)""|'([^']*)')") is { Success: true } m
            ? (m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value) : null;

    private static List<string>? StringArray(string table, string key)
    {
        var m = Regex.Match(table, $@"(?m)^\s*""?{Regex.Escape(key)}""?\s*=\s*\[(?<body>[^\]]*)\]", RegexOptions.Singleline);
        if (!m.Success) return null;
        return ArrayItem().Matches(m.Groups["body"].Value).Select(i => i.Groups[1].Success ? i.Groups[1].Value : i.Groups[2].Value).ToList();
    }

    [GeneratedRegex(@"""([^""]*)""|'([^']*)'")]
    private static partial Regex ArrayItem();
}
