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
                if (Normalize(m.Groups[1].Value) == wanted)
                    return i + 1;
            }
        }
        return 0;
    }

    // PEP 503 normalization, so "Tiny_Tokenizer" finds Include="tiny-tokenizer".
    internal static string Normalize(string name)
        => Regex.Replace(name.Trim(), "[-_.]+", "-").ToLowerInvariant();
}
