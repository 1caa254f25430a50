using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Http;

namespace LlmPython.Resolver.Indexes;

/// <summary>A PythonPackage whose Include is a wheel path or URL: the one file it names, no index involved.</summary>
public static class DirectWheel
{
    /// <summary>True when a PythonPackage Include names a wheel file rather than a project.</summary>
    public static bool IsDirectReference(string include) => ProjectNames.IsWheel(include.Split('#')[0].TrimEnd());

    /// <summary>
    /// The file of an http(s) URL (its <c>#sha256=</c> fragment kept as the expected hash), a file:// URL, or a
    /// path relative to <paramref name="baseDirectory"/> (which must exist: <see cref="DiagnosticCodes.Http.LocalSourceMissing"/>).
    /// </summary>
    public static DistributionFile FromInclude(string include, string baseDirectory)
    {
        include = include.Trim();
        if (Uri.TryCreate(include, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
        {
            var fileName = Uri.UnescapeDataString(url.AbsolutePath[(url.AbsolutePath.LastIndexOf('/') + 1)..]);
            return new DistributionFile
            {
                FileName = fileName,
                Url = UrlRedaction.StripUserInfo(url, dropFragment: true),
                Hashes = SimpleHtmlParser.ParseHashes(url.Fragment.TrimStart('#')),
            };
        }
        var path = url is { IsFile: true } ? url.LocalPath : Path.GetFullPath(include, baseDirectory);
        if (!File.Exists(path))
            throw new LlmPyException(DiagnosticCodes.Http.LocalSourceMissing,
                $"The wheel '{include}' does not exist (looked at '{path}'). Fix the PythonPackage Include path.")
            { PackageName = ProjectNames.ProjectOf(Path.GetFileName(path)) };
        return FromLocalFile(path);
    }

    internal static DistributionFile FromLocalFile(string path) => new()
    {
        FileName = Path.GetFileName(path),
        Url = new Uri(Path.GetFullPath(path)),
        Size = new FileInfo(path).Length,
    };
}
