using System.Text.RegularExpressions;

namespace LlmPython.Resolver.Tests.CodeCatalogue;

/// <summary>Every LLMPY code is declared once, documented with a line of meaning, and listed in docs/diagnostics.md.</summary>
public partial class DiagnosticCodeTests
{
    [GeneratedRegex("const string (?<name>\\w+) = \"(?<code>LLMPY\\d{4})\"")]
    private static partial Regex Declaration();

    [GeneratedRegex("\"LLMPY\\d{4}\"")]
    private static partial Regex Literal();

    private static IEnumerable<(string File, string Name, string Code)> Declarations() =>
        Directory.EnumerateFiles(Path.Combine(TestPaths.RepoRoot, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => Declaration().Matches(File.ReadAllText(f)).Select(m => (f, m.Groups["name"].Value, m.Groups["code"].Value)));

    [Fact]
    public void Each_code_is_declared_once()
    {
        var duplicates = Declarations().GroupBy(d => d.Code).Where(g => g.Count() > 1)
            .Select(g => g.Key + ": " + string.Join(", ", g.Select(d => d.Name))).ToList();
        Assert.Empty(duplicates);
        Assert.True(Declarations().Count() > 50);
    }

    [Fact]
    public void Codes_appear_as_literals_only_in_their_declaration()
    {
        // A code raised as a bare string would escape the list below.
        var stray = Directory.EnumerateFiles(Path.Combine(TestPaths.RepoRoot, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadAllLines(f).Where(l => Literal().IsMatch(l) && !Declaration().IsMatch(l)).Select(l => $"{Path.GetFileName(f)}: {l.Trim()}"))
            .ToList();
        Assert.Empty(stray);
    }

    [Fact]
    public void Docs_list_every_code_with_its_meaning()
    {
        var doc = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "docs", "diagnostics.md"));
        var missing = Declarations().Where(d => !Regex.IsMatch(doc, $"\\| {d.Code} \\| {d.Name} \\| [^|]+ \\| [^|]*\\S[^|]* \\|"))
            .Select(d => $"{d.Code} {d.Name}").ToList();
        Assert.True(missing.Count == 0, "docs/diagnostics.md is stale; run python3 docs/make-diagnostics.py. Missing: " + string.Join(", ", missing));
    }
}
