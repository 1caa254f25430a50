namespace LlmPython.Resolver.Installation;

/// <summary>A console or GUI script declared in entry_points.txt: <c>name = module:attr</c>.</summary>
public sealed record ScriptEntryPoint(string Name, string Module, string Attribute, string Section)
{
    public bool IsGui => Section == "gui";

    /// <summary>
    /// The scripts of an entry_points.txt: only [console_scripts] (section "console") and [gui_scripts] ("gui").
    /// Extras in brackets after the target are ignored. Throws FormatException for a malformed script line.
    /// </summary>
    public static IReadOnlyList<ScriptEntryPoint> Parse(string text)
    {
        var result = new List<ScriptEntryPoint>();
        string? section = null;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
                continue;
            if (line[0] == '[' && line[^1] == ']')
            {
                section = line[1..^1].Trim() switch
                {
                    "console_scripts" => "console",
                    "gui_scripts" => "gui",
                    _ => null,
                };
                continue;
            }
            if (section is null)
                continue;
            var eq = line.IndexOf('=');
            if (eq <= 0)
                throw new FormatException($"entry point line '{line}' is not 'name = module:attr'");
            var name = line[..eq].Trim();
            var target = line[(eq + 1)..].Trim();
            var bracket = target.IndexOf('[');
            if (bracket >= 0)
                target = target[..bracket].Trim();
            var colon = target.IndexOf(':');
            if (colon <= 0 || colon == target.Length - 1 || name.Length == 0)
                throw new FormatException($"entry point '{line}' needs the form 'name = module:attr'");
            if (name.IndexOfAny(['/', '\\', '\0']) >= 0 || name is "." or "..")
                throw new FormatException($"entry point name '{name}' is not a plain file name");
            result.Add(new ScriptEntryPoint(name, target[..colon].Trim(), target[(colon + 1)..].Trim(), section));
        }
        return result;
    }
}
