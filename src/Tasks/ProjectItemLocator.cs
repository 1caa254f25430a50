using System.Text.RegularExpressions;

namespace LlmPython.Tasks;

/// <summary>
/// Finds the line of a <c>&lt;PythonPackage Include="name"&gt;</c> element in a project file so a
/// diagnostic about a package points at its declaration rather than at line 0.
/// </summary>
internal static class ProjectItemLocator
{
    private static readonly Regex ItemElement = new(
        @"<PythonPackage\b[^>]*?\bInclude\s*=\s*[""']([^""']*)[""']",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>1-based line of the item declaring <paramref name="packageName"/>, or 0 when not found.</summary>
    public static int FindLine(string projectFile, string packageName)
    {
        if (string.IsNullOrEmpty(projectFile) || !File.Exists(projectFile))
            return 0;
        string wanted = Normalize(packageName);
        string[] lines;
        try { lines = File.ReadAllLines(projectFile); }
        catch (IOException) { return 0; }
        catch (UnauthorizedAccessException) { return 0; }
        for (int i = 0; i < lines.Length; i++)
        {
            foreach (Match m in ItemElement.Matches(lines[i]))
            {
                if (ProjectOf(m.Groups[1].Value) == wanted)
                    return i + 1;
            }
        }
        return 0;
    }

    // PEP 503 normalization, so "Tiny_Tokenizer" finds Include="tiny-tokenizer".
    internal static string Normalize(string name)
        => Regex.Replace(name.Trim(), "[-_.]+", "-").ToLowerInvariant();

    /// <summary>
    /// The normalized project an Include declares: the name itself, or for a wheel path/URL the name its file
    /// starts with (<c>wheels/Tiny_Dep-1.0-py3-none-any.whl#sha256=…</c> declares tiny-dep).
    /// </summary>
    internal static string ProjectOf(string include)
    {
        var path = include.Trim();
        var fragment = path.IndexOf('#');
        if (fragment >= 0) path = path[..fragment];
        if (!path.EndsWith(".whl", StringComparison.OrdinalIgnoreCase))
            return Normalize(include);
        var fileName = path[(path.LastIndexOfAny(['/', '\\']) + 1)..];
        var dash = fileName.IndexOf('-');
        return Normalize(dash > 0 ? fileName[..dash] : fileName);
    }
}
