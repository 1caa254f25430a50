using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Http;

namespace LlmPython.Resolver.Indexes;

/// <summary>
/// A PEP 503/691 "simple" index (PyPI, a mirror, a private index, one backend of the PyTorch index).
/// Asks for JSON first and takes HTML when that is what the server speaks.
/// </summary>
public sealed class SimpleIndexClient : IPackageSource
{
    /// <summary>PEP 691 negotiation: JSON preferred, HTML accepted from servers that only have it.</summary>
    public const string AcceptHeader = "application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.1";

    private readonly PythonHttpClient _http;

    /// <param name="indexUrl">Index root (<c>https://pypi.org/simple</c>); credentials in it are remembered for its host and dropped from the URL.</param>
    public SimpleIndexClient(PythonHttpClient http, string indexUrl, string? name = null)
    {
        _http = http;
        if (!Uri.TryCreate(indexUrl.Trim(), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            throw new LlmPyException(DiagnosticCodes.Http.UnsupportedUrl,
                $"The package index '{UrlRedaction.Redact(indexUrl)}' is not an http(s) URL. Give PythonIndexUrl / PythonIndex an absolute URL such as https://pypi.org/simple.");
        url = http.Settings.Credentials.Register(url);
        IndexUrl = url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
        Name = name;
    }

    /// <summary>The index root, ending with '/', without credentials.</summary>
    public Uri IndexUrl { get; }
    /// <summary>The PythonIndex Name, when it has one.</summary>
    public string? Name { get; }
    public string Location => IndexUrl.AbsoluteUri;

    /// <summary>URL of a project's page: the index root plus the normalized name and a slash.</summary>
    public Uri ProjectUrl(string name) => new(IndexUrl, Uri.EscapeDataString(ProjectNames.Normalize(name)) + "/");

    public async Task<ProjectPage?> GetProjectAsync(string name, CancellationToken cancellationToken = default)
    {
        var normalized = ProjectNames.Normalize(name);
        var page = await _http.GetPageAsync(ProjectUrl(normalized), AcceptHeader, cancellationToken).ConfigureAwait(false);
        if (page is null) return null;
        try
        {
            var files = page.ContentType.Contains("json", StringComparison.OrdinalIgnoreCase)
                ? SimpleJsonParser.Parse(page.Body, page.Url)
                : SimpleHtmlParser.Parse(page.Body, page.Url);
            return new ProjectPage(normalized, page.Url, files);
        }
        catch (FormatException e)
        {
            throw new LlmPyException(DiagnosticCodes.Http.MalformedPage,
                $"The page of '{normalized}' at {UrlRedaction.Redact(page.Url)} is not a valid PEP 503/691 index page ({e.Message}). Check that the index URL points at a 'simple' index.", e)
            { PackageName = normalized };
        }
    }

    public override string ToString() => Location;
}
