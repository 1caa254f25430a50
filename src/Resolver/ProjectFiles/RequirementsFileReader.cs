using System.Text.RegularExpressions;
using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Requirements;
using LlmPython.Resolver.Restore;

namespace LlmPython.Resolver.ProjectFiles;

/// <summary>
/// pip's requirements-file format → <see cref="ProjectFileInputs"/>: requirement lines (PEP 508, <c>name @ url</c>, wheel
/// paths) with <c>--hash</c>; <c>-r</c>/<c>-c</c> (relative to the including file); <c>-i</c>/<c>--index-url</c>,
/// <c>--extra-index-url</c>, <c>-f</c>/<c>--find-links</c>; <c>--only-binary</c>, <c>--no-binary :none:</c>,
/// <c>--prefer-binary</c> and <c>--trusted-host</c> (already how this SDK works). Any other option is LLMPY0072.
/// </summary>
public sealed partial class RequirementsFileReader
{
    private readonly ProjectFileInputs _inputs;
    private readonly Func<string, string?> _environment;
    private readonly List<string> _open = [];
    private bool _extraIndexNoted;

    private RequirementsFileReader(ProjectFileInputs inputs, Func<string, string?> environment)
    {
        _inputs = inputs;
        _environment = environment;
    }

    /// <summary>Reads <paramref name="path"/> (and what it includes) into <paramref name="inputs"/>.</summary>
    public static void Read(string path, ProjectFileInputs inputs, Func<string, string?>? environment = null) =>
        new RequirementsFileReader(inputs, environment ?? Environment.GetEnvironmentVariable).ReadFile(Path.GetFullPath(path), constraints: false, includedFrom: null);

    [GeneratedRegex("^sha256:[0-9a-fA-F]{64}$")]
    private static partial Regex Sha256Hash();

    private void ReadFile(string path, bool constraints, RequirementsFileLine? includedFrom)
    {
        if (_open.Contains(path, StringComparer.Ordinal))
            throw new LlmPyException(DiagnosticCodes.ProjectFiles.IncludeCycle,
                $"{RequirementText.Where(includedFrom!.File, includedFrom.Number)}: including {path} again makes a cycle ({string.Join(" → ", _open.Append(path))}). Remove one of the -r/-c lines.")
            { SourceFile = includedFrom.File, SourceLine = includedFrom.Number };
        if (!File.Exists(path))
            throw new LlmPyException(DiagnosticCodes.ProjectFiles.FileNotFound, includedFrom is null
                    ? $"The requirements file {path} does not exist. Fix the Include of the PythonRequirementsFile item (relative paths are relative to the project)."
                    : $"{RequirementText.Where(includedFrom.File, includedFrom.Number)}: the included file {path} does not exist. Paths after -r/-c are relative to the file that names them.")
            { SourceFile = includedFrom?.File ?? path, SourceLine = includedFrom?.Number ?? 0 };
        _open.Add(path);
        foreach (var line in RequirementsFileLines.Read(path, _environment))
        {
            if (line.Text.StartsWith('-'))
                ReadOptions(line, Tokens(line.Text), constraints);
            else
                ReadRequirement(line, constraints);
        }
        _open.RemoveAt(_open.Count - 1);
    }

    private void ReadRequirement(RequirementsFileLine line, bool constraints)
    {
        // pip's break_args_options: the requirement runs up to the first word that starts with '-'.
        var words = line.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        int firstOption = Array.FindIndex(words, w => w.StartsWith('-'));
        var requirement = string.Join(' ', firstOption < 0 ? words : words[..firstOption]);
        var options = firstOption < 0 ? [] : words[firstOption..];
        var hashes = new List<string>();
        for (int i = 0; i < options.Length; i++)
        {
            var (option, value) = Option(line, options, ref i);
            if (option != "--hash")
                throw Unsupported(line, option, "only --hash may follow a requirement on its line");
            if (!Sha256Hash().IsMatch(value))
                throw new LlmPyException(DiagnosticCodes.ProjectFiles.InvalidHash,
                    $"{Where(line)}: --hash={value} is not sha256:<64 hex digits>. LlmPython.Sdk checks sha256 only: list the sha256 of each allowed file (pip hash FILE prints it).")
                { SourceFile = line.File, SourceLine = line.Number };
            hashes.Add(value["sha256:".Length..].ToLowerInvariant());
        }

        var baseDirectory = Path.GetDirectoryName(line.File)!;
        string name;
        if (constraints)
        {
            var parsed = RequirementText.Parse(requirement, line.File, line.Number);
            if (parsed.Url is not null || parsed.Extras.Count > 0 || parsed.Marker is not null)
                throw new LlmPyException(DiagnosticCodes.ProjectFiles.InvalidConstraintLine,
                    $"{Where(line)}: the constraint '{requirement}' has {(parsed.Url is not null ? "a URL" : parsed.Extras.Count > 0 ? "extras" : "a marker")}, which a constraint cannot carry here. Write 'name specifier' only (one constraint per line).")
                { SourceFile = line.File, SourceLine = line.Number, PackageName = parsed.Name };
            name = parsed.NormalizedName.Value;
            if (parsed.SpecifierText.Length > 0)
                _inputs.Constraints.Add(new ConstraintItem(parsed.Name, parsed.SpecifierText));
        }
        else
        {
            var item = RequirementText.ToPackage(requirement, baseDirectory, line.File, line.Number);
            _inputs.Packages.Add(item);
            name = RequirementText.NameOf(item);
        }
        if (hashes.Count > 0)
            _inputs.Hashes.Add(new HashPin(name, hashes, line.File, line.Number));
    }

    private void ReadOptions(RequirementsFileLine line, string[] words, bool constraints)
    {
        var baseDirectory = Path.GetDirectoryName(line.File)!;
        for (int i = 0; i < words.Length; i++)
        {
            var (name, value) = Option(line, words, ref i);
            switch (name)
            {
                case "-r" or "--requirement":
                    ReadFile(Path.GetFullPath(value, baseDirectory), constraints: false, line);
                    break;
                case "-c" or "--constraint":
                    ReadFile(Path.GetFullPath(value, baseDirectory), constraints: true, line);
                    break;
                case "-i" or "--index-url":
                    _inputs.SetIndexUrl(Location(value, baseDirectory), Where(line) + " --index-url", line.File, line.Number);
                    break;
                case "--extra-index-url":
                    _inputs.Indexes.Add(new IndexItem(Location(value, baseDirectory)));
                    if (!_extraIndexNoted)
                        _inputs.Notes.Add(($"{Where(line)}: --extra-index-url becomes a PythonIndex. Each package comes from the first index that has it " +
                            "(extra indexes before --index-url/PythonIndexUrl), not the best version across indexes as pip picks: no dependency confusion.", true));
                    _extraIndexNoted = true;
                    break;
                case "-f" or "--find-links":
                    _inputs.FindLinks.Add(Location(value, baseDirectory));
                    break;
                case "--only-binary" or "--prefer-binary" or "--trusted-host":
                    break; // wheels only is how this SDK installs; the URL's scheme decides http vs https
                case "--no-binary":
                    if (value.Trim() != ":none:")
                        throw Unsupported(line, name, $"LlmPython.Sdk installs wheels only and cannot build '{value}' from source. Remove the option and use a wheel (a local .whl line works)");
                    break;
                default:
                    throw Unsupported(line, name, Advice(name));
            }
        }
    }

    private static string Advice(string option) => option switch
    {
        "-e" or "--editable" => "editable installs are not supported: build a wheel of the project and list its path",
        "--pre" => "set the MSBuild property PythonAllowPrereleases=true instead",
        "--no-index" => "set PythonOffline=true and list local wheel folders with -f instead",
        "--require-hashes" => "every --hash listed is enforced anyway; remove the option",
        "--hash" => "--hash belongs on the line of the requirement it checks",
        _ => "remove it from the file, or express it with PythonPackage/PythonIndex items and properties",
    };

    private static LlmPyException Unsupported(RequirementsFileLine line, string option, string advice) =>
        new(DiagnosticCodes.ProjectFiles.UnsupportedOption, $"{Where(line)}: the pip option {option} is not supported by LlmPython.Sdk: {advice}.")
        { SourceFile = line.File, SourceLine = line.Number };

    // Options that take a value; '--name=value', '--name value' and '-xvalue' are all accepted, like pip's optparse.
    private static readonly HashSet<string> ValueOptions = new(StringComparer.Ordinal)
    {
        "-r", "--requirement", "-c", "--constraint", "-i", "--index-url", "--extra-index-url", "-f", "--find-links",
        "--only-binary", "--no-binary", "--trusted-host", "--hash", "-e", "--editable", "--config-settings", "--global-option",
    };

    private static (string Name, string Value) Option(RequirementsFileLine line, string[] words, ref int i)
    {
        var word = words[i];
        string name = word, value = "";
        if (word.StartsWith("--", StringComparison.Ordinal) && word.IndexOf('=') is var eq and > 0)
            (name, value) = (word[..eq], word[(eq + 1)..]);
        else if (!word.StartsWith("--", StringComparison.Ordinal) && word.Length > 2)
            (name, value) = (word[..2], word[2..]);
        else if (ValueOptions.Contains(word))
        {
            if (i + 1 >= words.Length)
                throw new LlmPyException(DiagnosticCodes.ProjectFiles.InvalidLine, $"{Where(line)}: {word} needs a value.")
                { SourceFile = line.File, SourceLine = line.Number };
            value = words[++i];
        }
        return (name, value);
    }

    private static string[] Tokens(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    // A URL stays; a path (index folder, find-links folder) is relative to the file that names it.
    private static string Location(string value, string baseDirectory) =>
        Uri.TryCreate(value, UriKind.Absolute, out var url) && url.Scheme.Length > 1
            ? (url.IsFile ? url.LocalPath : value)
            : Path.GetFullPath(value, baseDirectory);

    private static string Where(RequirementsFileLine line) => RequirementText.Where(line.File, line.Number);
}
