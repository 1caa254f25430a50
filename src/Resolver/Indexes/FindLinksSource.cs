using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Http;

namespace LlmPython.Resolver.Indexes;

/// <summary>
/// A PythonFindLinks location (like <c>pip -f</c>): an HTML page whose links are wheels/sdists, or a local folder
/// of them. Read once per instance; files are grouped by the project in their names.
/// </summary>
public sealed class FindLinksSource : IPackageSource
{
    private readonly PythonHttpClient _http;
    private readonly Uri? _pageUrl;
    private readonly string? _folder;
    private readonly Lazy<Task<IReadOnlyList<DistributionFile>>> _files;

    /// <param name="location">http(s) URL of a page, a file:// URL or a path of a folder (relative to <paramref name="baseDirectory"/>).</param>
    public FindLinksSource(PythonHttpClient http, string location, string? baseDirectory = null)
    {
        _http = http;
        if (Uri.TryCreate(location, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
        {
            _pageUrl = http.Settings.Credentials.Register(url);
            Location = _pageUrl.AbsoluteUri;
        }
        else
        {
            _folder = url is { IsFile: true } ? url.LocalPath : Path.GetFullPath(location, baseDirectory ?? Directory.GetCurrentDirectory());
            Location = _folder;
        }
        _files = new(() => _pageUrl is not null ? ReadPageAsync(_pageUrl) : Task.FromResult(ReadFolder(_folder!)));
    }

    public string Location { get; }

    /// <summary>Every distribution file the location lists.</summary>
    public Task<IReadOnlyList<DistributionFile>> GetFilesAsync() => _files.Value;

    public async Task<ProjectPage?> GetProjectAsync(string name, CancellationToken cancellationToken = default)
    {
        var normalized = ProjectNames.Normalize(name);
        var files = (await GetFilesAsync().WaitAsync(cancellationToken).ConfigureAwait(false)).Where(f => f.Project == normalized).ToList();
        return files.Count == 0 ? null : new ProjectPage(normalized, _pageUrl ?? new Uri(_folder! + Path.DirectorySeparatorChar), files);
    }

    private async Task<IReadOnlyList<DistributionFile>> ReadPageAsync(Uri url)
    {
        var page = await _http.GetPageAsync(url, "text/html", CancellationToken.None).ConfigureAwait(false)
            ?? throw new LlmPyException(DiagnosticCodes.Http.LocalSourceMissing,
                $"The find-links page {UrlRedaction.Redact(url)} does not exist (HTTP 404). Fix or remove the PythonFindLinks item.");
        return SimpleHtmlParser.Parse(page.Body, page.Url);
    }

    private static IReadOnlyList<DistributionFile> ReadFolder(string folder)
    {
        if (!Directory.Exists(folder))
            throw new LlmPyException(DiagnosticCodes.Http.LocalSourceMissing,
                $"The find-links folder '{folder}' does not exist. Create it, or fix or remove the PythonFindLinks item.");
        return Directory.EnumerateFiles(folder)
            .Where(p => ProjectNames.IsDistribution(Path.GetFileName(p)))
            .Order(StringComparer.Ordinal)
            .Select(DirectWheel.FromLocalFile)
            .ToList();
    }

    public override string ToString() => Location;
}
