using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Restore;

namespace LlmPython.Resolver.ProjectFiles;

/// <summary>The sha256 values a requirement lists with <c>--hash</c> (at <see cref="File"/>, <see cref="Line"/>): the locked file of <see cref="Name"/> must have one of them.</summary>
public sealed record HashPin(string Name, IReadOnlyList<string> Sha256, string File, int Line)
{
    public string Origin => Line > 0 ? $"{File}({Line})" : File;
}

/// <summary>A <c>requires-python</c> of a PythonProject, checked against the interpreter.</summary>
public sealed record RequiresPythonPin(string Specifier, string Origin);

/// <summary>
/// What requirements files and pyproject.toml files contribute to a restore, as the items a user could have
/// written: packages, constraints, indexes, find-links, the default index, hash pins and requires-python.
/// </summary>
public sealed class ProjectFileInputs
{
    public List<PackageItem> Packages { get; } = [];
    public List<ConstraintItem> Constraints { get; } = [];
    public List<IndexItem> Indexes { get; } = [];
    public List<string> FindLinks { get; } = [];
    public List<HashPin> Hashes { get; } = [];
    public List<RequiresPythonPin> RequiresPython { get; } = [];
    /// <summary>Informational lines for the build log (index routing, ignored tables).</summary>
    public List<(string Text, bool Important)> Notes { get; } = [];

    /// <summary>--index-url or a default uv index: replaces PythonIndexUrl.</summary>
    public string? IndexUrl { get; private set; }
    private string? _indexUrlOrigin;

    public void SetIndexUrl(string url, string origin, string file, int line)
    {
        if (IndexUrl is not null && !string.Equals(IndexUrl.TrimEnd('/'), url.TrimEnd('/'), StringComparison.Ordinal))
            throw new Diagnostics.LlmPyException(DiagnosticCodes.ProjectFiles.ConflictingIndexUrl,
                $"{origin} sets the default index to {Http.UrlRedaction.Redact(url)}, but {_indexUrlOrigin} already set it to {Http.UrlRedaction.Redact(IndexUrl)}. " +
                "Keep one --index-url (or one default uv index); make the others --extra-index-url.")
            { SourceFile = file, SourceLine = line };
        IndexUrl ??= url;
        _indexUrlOrigin ??= origin;
    }
}
