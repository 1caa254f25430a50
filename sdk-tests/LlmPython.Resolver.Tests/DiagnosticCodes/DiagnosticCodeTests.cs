using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;
using LlmPython.Resolver.Diagnostics;

// Not "…Tests.DiagnosticCodes": a namespace of that name would hide the class DiagnosticCodes from every test.
namespace LlmPython.Resolver.Tests.CodeCatalogue;

/// <summary>
/// The code catalogue (src/Resolver/Diagnostics/DiagnosticCodes.cs) is the one place codes live: each code lies in its
/// area's range, no number is used twice, every code that is not retired is raised somewhere and no retired one is,
/// no source file spells a code out, and docs/diagnostics.md is what the generator makes of the catalogue.
/// </summary>
public partial class DiagnosticCodeTests
{
    private static readonly string Catalogue = Path.Combine(TestPaths.RepoRoot, "src", "Resolver", "Diagnostics", "DiagnosticCodes.cs");

    private sealed record Code(Type Area, string Name, string Value, bool Retired)
    {
        public int Number => int.Parse(Value["LLMPY".Length..]);
        public string Reference => $"DiagnosticCodes.{Area.Name}.{Name}";
        public override string ToString() => $"{Value} {Reference}";
    }

    private static IReadOnlyList<Code> Codes { get; } = typeof(DiagnosticCodes).GetNestedTypes()
        .SelectMany(area => area.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => new Code(area, f.Name, (string)f.GetRawConstantValue()!, f.IsDefined(typeof(ObsoleteAttribute)))))
        .ToList();

    [GeneratedRegex(@"^LLMPY\d{4}$")]
    private static partial Regex CodeValue();

    [GeneratedRegex(@"LLMPY\d{4}")]
    private static partial Regex SpelledOutCode();

    /// <summary>Lines of C# under <paramref name="folder"/> (build output excluded), comment lines left out.</summary>
    private static IEnumerable<(string File, string Line)> CodeLines(string folder) =>
        Directory.EnumerateFiles(Path.Combine(TestPaths.RepoRoot, folder), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && Path.GetFullPath(f) != Path.GetFullPath(Catalogue))
            .SelectMany(f => File.ReadLines(f).Where(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal))
                .Select(l => (Path.GetRelativePath(TestPaths.RepoRoot, f), l)));

    [Fact]
    public void Every_area_has_a_range_and_no_two_ranges_overlap()
    {
        var ranges = typeof(DiagnosticCodes).GetNestedTypes()
            .Select(t => (t.Name, Range: t.GetCustomAttribute<CodeRangeAttribute>() ?? throw new Xunit.Sdk.XunitException($"{t.Name} has no [CodeRange]")))
            .OrderBy(r => r.Range.First).ToList();
        Assert.True(ranges.Count >= 12, "one nested class per area");
        foreach (var (a, b) in ranges.Zip(ranges.Skip(1)))
            Assert.True(a.Range.Last < b.Range.First, $"{a.Name} ({a.Range.First}–{a.Range.Last}) overlaps {b.Name} ({b.Range.First}–{b.Range.Last})");
    }

    [Fact]
    public void Every_code_lies_in_its_areas_range()
    {
        var misplaced = Codes.Where(c => !CodeValue().IsMatch(c.Value)
                                         || c.Area.GetCustomAttribute<CodeRangeAttribute>() is not { } r
                                         || c.Number < r.First || c.Number > r.Last)
            .Select(c => c.ToString()).ToList();
        Assert.True(misplaced.Count == 0, "Outside their area's [CodeRange]: " + string.Join(", ", misplaced));
        Assert.True(Codes.Count > 100);
    }

    [Fact]
    public void No_two_codes_share_a_number()
    {
        var shared = Codes.GroupBy(c => c.Value).Where(g => g.Count() > 1).Select(g => string.Join(" = ", g)).ToList();
        Assert.Empty(shared);
    }

    [Fact]
    public void Every_code_that_is_not_retired_is_raised_and_no_retired_one_is()
    {
        var source = string.Join("\n", CodeLines("src").Select(l => l.Line));
        bool Raised(Code c) => Regex.IsMatch(source, $@"\b{Regex.Escape(c.Reference)}\b");

        var neverRaised = Codes.Where(c => !c.Retired && !Raised(c)).Select(c => c.ToString()).ToList();
        Assert.True(neverRaised.Count == 0, "Codes no source file raises (raise them, or retire them with [Obsolete]): " + string.Join(", ", neverRaised));

        var retiredRaised = Codes.Where(c => c.Retired && Raised(c)).Select(c => c.ToString()).ToList();
        Assert.True(retiredRaised.Count == 0, "Retired codes still raised: " + string.Join(", ", retiredRaised));
        Assert.Equal(["LLMPY0024", "LLMPY0030", "LLMPY0304", "LLMPY0501", "LLMPY0702"], Codes.Where(c => c.Retired).Select(c => c.Value).Order());
    }

    [Fact]
    public void No_source_file_outside_the_catalogue_spells_a_code_out()
    {
        // A code written as text would escape the range, raise and docs checks above.
        var stray = CodeLines("src").Where(l => SpelledOutCode().IsMatch(l.Line)).Select(l => $"{l.File}: {l.Line.Trim()}").ToList();
        Assert.True(stray.Count == 0, "Use a DiagnosticCodes constant instead: " + string.Join(Environment.NewLine, stray));
    }

    [Fact]
    public async Task Docs_are_what_the_generator_makes_of_the_catalogue()
    {
        // The generator runs on a copy of its inputs, so the test never rewrites the committed file.
        var copy = Directory.CreateTempSubdirectory("llmpy-diagnostics-").FullName;
        try
        {
            var script = Path.Combine(copy, "docs", "make-diagnostics.py");
            var catalogue = Path.Combine(copy, "src", "Resolver", "Diagnostics", "DiagnosticCodes.cs");
            Directory.CreateDirectory(Path.GetDirectoryName(script)!);
            Directory.CreateDirectory(Path.GetDirectoryName(catalogue)!);
            File.Copy(Path.Combine(TestPaths.RepoRoot, "docs", "make-diagnostics.py"), script);
            File.Copy(Catalogue, catalogue);
            using (var python = Process.Start(new ProcessStartInfo("python3", [script]) { RedirectStandardOutput = true, RedirectStandardError = true })!)
            {
                var stdout = python.StandardOutput.ReadToEndAsync();
                var stderr = python.StandardError.ReadToEndAsync();
                await python.WaitForExitAsync();
                await stdout;
                Assert.True(python.ExitCode == 0, "make-diagnostics.py failed: " + await stderr);
            }
            var generated = File.ReadAllText(Path.Combine(copy, "docs", "diagnostics.md"));
            var committed = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "docs", "diagnostics.md"));
            Assert.True(generated == committed, "docs/diagnostics.md is stale: run python3 docs/make-diagnostics.py");

            // Every constant is a row with its area and a meaning (a constant without a doc comment would be skipped).
            var missing = Codes.Where(c => !Regex.IsMatch(committed, $@"\| {c.Value} \| {c.Name} \| {c.Area.Name} \| [^|]*\S[^|]* \|"))
                .Select(c => c.ToString()).ToList();
            Assert.True(missing.Count == 0, "Not in docs/diagnostics.md (a one-line <summary> is needed): " + string.Join(", ", missing));
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }
}
