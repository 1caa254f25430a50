using System.Text;
using System.Text.RegularExpressions;
using LlmPython.Resolver.Diagnostics;

namespace LlmPython.Resolver.ProjectFiles;

/// <summary>One logical line of a requirements file: continuations joined, comment removed, <c>${VAR}</c> expanded.</summary>
public sealed record RequirementsFileLine(string File, int Number, string Text);

/// <summary>
/// Reads a pip requirements file into logical lines the way pip's req_file does: a line ending in an odd number of
/// backslashes continues on the next; <c>#</c> at the start or after whitespace starts a comment; <c>${NAME}</c>
/// (upper-case letters, digits, '_') is replaced by the environment variable.
/// </summary>
public static partial class RequirementsFileLines
{
    [GeneratedRegex(@"(^|\s+)#.*$")]
    private static partial Regex Comment();

    [GeneratedRegex(@"\$\{([A-Z0-9_]+)\}")]
    private static partial Regex Variable();

    /// <summary>The logical lines of <paramref name="path"/>; <paramref name="environment"/> answers <c>${NAME}</c> (null = not set: LLMPY0073).</summary>
    public static IEnumerable<RequirementsFileLine> Read(string path, Func<string, string?> environment)
    {
        foreach (var (number, raw) in Join(ReadAll(path)))
        {
            var text = Comment().Replace(raw, "").Trim();
            if (text.Length == 0)
                continue;
            text = Variable().Replace(text, m => environment(m.Groups[1].Value) is { Length: > 0 } value ? value
                : throw new LlmPyException(DiagnosticCodes.ProjectFiles.UndefinedVariable,
                    $"{path}({number}): ${{{m.Groups[1].Value}}} names an environment variable that is not set. Set {m.Groups[1].Value}, or write the value into the file.")
                { SourceFile = path, SourceLine = number });
            yield return new RequirementsFileLine(path, number, text);
        }
    }

    /// <summary>The names of the variables a file refers to (for the no-op key: their values decide the file's meaning).</summary>
    public static IEnumerable<string> VariableNames(string text) => Variable().Matches(text).Select(m => m.Groups[1].Value);

    internal static string[] ReadAll(string path)
    {
        try
        {
            return File.ReadAllLines(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LlmPyException(DiagnosticCodes.ProjectFiles.FileNotFound,
                $"Cannot read the requirements file {path} ({e.Message}). Check the path of the PythonRequirementsFile item or of the -r/-c line that names it; relative paths are relative to the file that includes it.", e)
            { SourceFile = path };
        }
    }

    // Physical lines → (first line number, joined text). A comment line never continues (pip's join_lines).
    private static IEnumerable<(int Number, string Text)> Join(string[] lines)
    {
        var joined = new StringBuilder();
        int start = 0;
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (joined.Length == 0)
                start = i + 1;
            bool isComment = joined.Length == 0 && line.TrimStart().StartsWith('#');
            if (!isComment && EndsWithContinuation(line))
            {
                joined.Append(line, 0, line.Length - 1).Append(' ');
                continue;
            }
            joined.Append(line);
            yield return (start, joined.ToString());
            joined.Clear();
        }
        if (joined.Length > 0)
            yield return (start, joined.ToString());
    }

    private static bool EndsWithContinuation(string line)
    {
        int count = 0;
        for (int i = line.Length - 1; i >= 0 && line[i] == '\\'; i--)
            count++;
        return count % 2 == 1;
    }
}
