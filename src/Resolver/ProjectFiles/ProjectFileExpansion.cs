using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Locking;
using LlmPython.Resolver.Restore;
using LlmPython.Resolver.Versioning;

namespace LlmPython.Resolver.ProjectFiles;

/// <summary>
/// Reads a request's PythonRequirementsFile and PythonProject items into the items they stand for, so the rest of the
/// engine sees one request: the files' packages, constraints, indexes and find-links follow the project's own items
/// (its indexes are asked first), a file's <c>--index-url</c> replaces PythonIndexUrl, and hash pins and requires-python
/// travel with it. What the files contain is part of <see cref="LockInputs"/>: editing one re-resolves.
/// </summary>
public static class ProjectFileExpansion
{
    public static RestoreRequest Apply(RestoreRequest request, IRestoreLog log, Func<string, string?>? environment = null)
    {
        if (request.RequirementsFiles.Count == 0 && request.Projects.Count == 0)
            return request;
        var inputs = new ProjectFileInputs();
        foreach (var file in request.RequirementsFiles)
            RequirementsFileReader.Read(file, inputs, environment);
        foreach (var project in request.Projects)
            PyProjectReader.Read(project.Path, Split(project.Extras), inputs);
        foreach (var (text, important) in inputs.Notes)
            log.Message(text, important);
        return request with
        {
            Packages = [.. request.Packages, .. inputs.Packages],
            Constraints = [.. request.Constraints, .. inputs.Constraints.Distinct()],
            Indexes = [.. request.Indexes, .. inputs.Indexes.Where(i => !request.Indexes.Contains(i)).Distinct()],
            FindLinks = [.. request.FindLinks, .. inputs.FindLinks.Where(f => !request.FindLinks.Contains(f)).Distinct()],
            PythonIndexUrl = inputs.IndexUrl ?? request.PythonIndexUrl,
            RequiredHashes = [.. request.RequiredHashes, .. inputs.Hashes],
            RequiresPython = [.. request.RequiresPython, .. inputs.RequiresPython],
            RequirementsFiles = [],
            Projects = [],
        };
    }

    /// <summary>LLMPY0083 unless <paramref name="pythonVersion"/> satisfies every requires-python.</summary>
    public static void CheckRequiresPython(RestoreRequest request, string pythonVersion)
    {
        foreach (var pin in request.RequiresPython)
        {
            if (!VersionSpecifierSet.TryParse(pin.Specifier, out var specifier))
                throw new LlmPyException(DiagnosticCodes.ProjectFiles.InvalidProjectTable,
                    $"{pin.Origin}: requires-python = \"{pin.Specifier}\" is not a PEP 440 specifier set (for example \">=3.10\"). Fix the file.")
                { SourceFile = pin.Origin };
            if (!specifier.Contains(Pep440Version.Parse(pythonVersion), allowPrereleases: true))
                throw new LlmPyException(DiagnosticCodes.ProjectFiles.RequiresPythonNotMet,
                    $"{pin.Origin} requires Python {pin.Specifier}, but the interpreter is Python {pythonVersion}. Set PythonVersion (or PythonExecutable) to a Python that satisfies it.")
                { SourceFile = pin.Origin };
        }
    }

    private static IReadOnlyList<string> Split(string? list) =>
        (list ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
