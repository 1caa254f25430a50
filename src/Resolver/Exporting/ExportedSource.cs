using LlmPython.Resolver.Locking;
using LlmPython.Resolver.Resolution;

namespace LlmPython.Resolver.Exporting;

/// <summary>Where a locked package came from, as the export formats need it.</summary>
internal enum SourceKind { Index, FindLinks, Direct }

/// <summary>
/// Classifies the lock's <see cref="LockedPackage.Source"/> (an index URL, a find-links page or folder, or "direct")
/// and turns project-relative lock paths into paths relative to the exported file.
/// </summary>
internal sealed class ExportedSource(string projectDirectory, string exportDirectory, IReadOnlyList<string> findLinks)
{
    private readonly HashSet<string> _findLinks = findLinks.Select(f => Key(Absolute(projectDirectory, f))).ToHashSet(StringComparer.Ordinal);

    public SourceKind KindOf(LockedPackage package) =>
        package.Source == IndexResolverSource.DirectSource ? SourceKind.Direct
        : _findLinks.Contains(Key(Absolute(projectDirectory, package.Source))) || !IsUrl(package.Source) ? SourceKind.FindLinks
        : SourceKind.Index;

    /// <summary>A URL as is; a local path (relative to the project in the lock) relative to the exported file, with '/'.</summary>
    public string Location(string lockValue) =>
        IsUrl(lockValue) ? lockValue : Path.GetRelativePath(exportDirectory, Absolute(projectDirectory, lockValue)).Replace('\\', '/');

    public static bool IsUrl(string value) => value.Contains("://", StringComparison.Ordinal);

    private static string Absolute(string projectDirectory, string value) => IsUrl(value) ? value : Path.GetFullPath(value, projectDirectory);

    private static string Key(string value) => value.TrimEnd('/', '\\');
}
