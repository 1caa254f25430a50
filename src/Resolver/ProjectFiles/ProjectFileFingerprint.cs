using System.Security.Cryptography;
using System.Text;

namespace LlmPython.Resolver.ProjectFiles;

/// <summary>
/// What decides the meaning of requirements and pyproject files, for the no-op key of a build: each file's bytes
/// (sha256), the files it includes with <c>-r</c>/<c>-c</c>, and the values of the <c>${VAR}</c>s it uses. Cheap: no
/// requirement is parsed. A file that cannot be read is recorded as such, so the engine runs and reports it.
/// </summary>
public static class ProjectFileFingerprint
{
    public static void Describe(StringBuilder text, IEnumerable<string> requirementsFiles, IEnumerable<string> projectFiles)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in requirementsFiles)
            AddRequirementsFile(text, Path.GetFullPath(file), seen);
        foreach (var file in projectFiles)
            AddFile(text, Path.GetFullPath(file), out _);
    }

    private static void AddRequirementsFile(StringBuilder text, string path, HashSet<string> seen)
    {
        if (!seen.Add(path) || !AddFile(text, path, out var content))
            return;
        foreach (var name in RequirementsFileLines.VariableNames(content).Distinct(StringComparer.Ordinal))
            text.Append("env:").Append(name).Append('=').Append(Environment.GetEnvironmentVariable(name)).Append('\n');
        // An unset ${VAR} stays as written here (its absence is already recorded above); the engine reports it.
        foreach (var line in RequirementsFileLines.Read(path, name => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : "${" + name + "}"))
        {
            var words = line.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            for (int i = 0; i < words.Length; i++)
            {
                var word = words[i];
                string? value = word switch
                {
                    "-r" or "-c" or "--requirement" or "--constraint" => i + 1 < words.Length ? words[++i] : null,
                    _ when word.StartsWith("--requirement=", StringComparison.Ordinal) || word.StartsWith("--constraint=", StringComparison.Ordinal) => word[(word.IndexOf('=') + 1)..],
                    _ when word.Length > 2 && (word.StartsWith("-r", StringComparison.Ordinal) || word.StartsWith("-c", StringComparison.Ordinal)) => word[2..],
                    _ => null,
                };
                if (value is not null)
                    AddRequirementsFile(text, Path.GetFullPath(value, Path.GetDirectoryName(path)!), seen);
            }
        }
    }

    private static bool AddFile(StringBuilder text, string path, out string content)
    {
        content = "";
        text.Append("file:").Append(path).Append('=');
        try
        {
            var bytes = File.ReadAllBytes(path);
            content = Encoding.UTF8.GetString(bytes);
            text.Append(Convert.ToHexString(SHA256.HashData(bytes))).Append('\n');
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            text.Append("unreadable\n");
            return false;
        }
    }
}
