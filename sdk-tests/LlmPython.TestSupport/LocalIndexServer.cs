using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LlmPython.TestSupport;

/// <summary>
/// A package index on 127.0.0.1 (random port) for tests, served by Kestrel.
/// <list type="bullet">
/// <item>PyPI-like: <see cref="IndexUrl"/> = <c>/simple</c> (PEP 503 HTML, PEP 691 JSON when Accept asks,
/// PEP 658 <c>.metadata</c> files, PEP 592 yanks); files under <c>/packages/</c>. Named extra indexes:
/// <see cref="NamedIndexUrl"/> = <c>/&lt;name&gt;/simple</c>, files under <c>/&lt;name&gt;/packages/</c>.</item>
/// <item>PyTorch-like: <see cref="PyTorchIndexUrl"/> = <c>/whl</c>; pages <c>/whl/&lt;backend&gt;/&lt;name&gt;/</c>
/// with relative <c>../../torch-2.4.0%2Bcu118-….whl</c> links; files at <c>/whl/&lt;file&gt;</c> and
/// <c>/whl/&lt;backend&gt;/&lt;file&gt;</c>.</item>
/// <item>Find-links: <see cref="FindLinksUrl"/> = <c>/find-links/</c>, a flat HTML page of links.</item>
/// <item>Any raw response registered with <see cref="AddRaw"/> (tricky fixtures).</item>
/// </list>
/// Downloads honour Range (single range) and answer conditional requests (ETag, Last-Modified → 304).
/// Knobs: <see cref="MetadataFiles"/>, <see cref="AcceptRanges"/>, <see cref="ServeJson"/>, <see cref="LinkStyle"/>,
/// <see cref="FailNext"/>, <see cref="RequireBasicAuth"/>, <see cref="RequestCount"/>. Thread-safe; no test-framework dependency.
/// </summary>
public sealed partial class LocalIndexServer : IAsyncDisposable, IDisposable
{
    private const string DefaultIndex = "";
    private readonly WebApplication _app;
    private readonly object _gate = new();
    // index key ("" default, name, or "whl/<backend>") → project → files
    private readonly Dictionary<string, SortedDictionary<string, List<LocalIndexFile>>> _indexes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LocalIndexFile> _filesByPath = new(StringComparer.Ordinal);
    private readonly List<LocalIndexFile> _findLinks = [];
    private readonly Dictionary<string, (byte[] Body, string ContentType)> _raw = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _bodyBytes = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<LocalIndexRequest> _requests = new();
    private readonly ConcurrentDictionary<string, (int Remaining, LocalIndexFailure Kind)> _failures = new(StringComparer.Ordinal);
    private DateTimeOffset _lastChange = Truncate(DateTimeOffset.UtcNow);
    private (string User, string Password)? _auth;
    private int _inFlight;
    private int _maxInFlight;

    private LocalIndexServer(WebApplication app) { _app = app; }

    /// <summary>Starts a server on 127.0.0.1 with a free port.</summary>
    public static async Task<LocalIndexServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(LocalIndexServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Production",
        });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new LocalIndexServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = address.TrimEnd('/').Replace("[::1]", "127.0.0.1", StringComparison.Ordinal);
        return server;
    }

    /// <summary>Synchronous <see cref="StartAsync"/>.</summary>
    public static LocalIndexServer Start() => StartAsync().GetAwaiter().GetResult();

    /// <summary><c>http://127.0.0.1:port</c> (no trailing slash).</summary>
    public string BaseUrl { get; private set; } = "";
    /// <summary>The default index, as PythonIndexUrl takes it: <c>http://127.0.0.1:port/simple</c>.</summary>
    public string IndexUrl => BaseUrl + "/simple";
    /// <summary>An extra index registered by name: <c>http://127.0.0.1:port/&lt;name&gt;/simple</c>.</summary>
    public string NamedIndexUrl(string name) => $"{BaseUrl}/{name}/simple";
    /// <summary>Base of the per-backend PyTorch indexes, as PyTorchIndexUrl takes it: <c>http://127.0.0.1:port/whl</c>.</summary>
    public string PyTorchIndexUrl => BaseUrl + "/whl";
    /// <summary>The find-links page.</summary>
    public string FindLinksUrl => BaseUrl + "/find-links/";
    /// <summary>Absolute download URL of a registered file (percent-encoded).</summary>
    public string UrlOf(LocalIndexFile file) => BaseUrl + EncodePath(file.UrlPath);
    /// <summary>Puts <c>user:password@</c> into a URL of this server.</summary>
    public string WithCredentials(string url, string user, string password) =>
        url.Replace("http://", $"http://{Uri.EscapeDataString(user)}:{Uri.EscapeDataString(password)}@", StringComparison.Ordinal);

    // ---- knobs ----

    /// <summary>False: no PEP 658 metadata attributes in listings and 404 for every <c>.metadata</c> file.</summary>
    public bool MetadataFiles { get; set; } = true;
    /// <summary>False: Range headers are ignored (full 200 responses, no Accept-Ranges).</summary>
    public bool AcceptRanges { get; set; } = true;
    /// <summary>False: simple pages are HTML only, whatever Accept says.</summary>
    public bool ServeJson { get; set; } = true;
    /// <summary>How links are written in simple pages of the PyPI-like indexes (PyTorch pages are always relative).</summary>
    public LocalIndexLinkStyle LinkStyle { get; set; } = LocalIndexLinkStyle.Relative;

    /// <summary>Every response waits this long first (timeouts, parallelism tests).</summary>
    public TimeSpan ResponseDelay { get; set; } = TimeSpan.Zero;
    /// <summary>The most requests that were being handled at the same time.</summary>
    public int MaxConcurrentRequests => Volatile.Read(ref _maxInFlight);

    /// <summary>Requires HTTP basic auth with these credentials on every request (401 otherwise).</summary>
    public void RequireBasicAuth(string user, string password) => _auth = (user, password);

    /// <summary>The next <paramref name="count"/> requests to <paramref name="path"/> (decoded, e.g. "/simple/foo/") fail.</summary>
    public void FailNext(string path, int count, LocalIndexFailure kind = LocalIndexFailure.ServerError) =>
        _failures[path] = (count, kind);

    /// <summary>Requests seen for a decoded path (including failed and 304 ones).</summary>
    public int RequestCount(string path) => _counts.TryGetValue(path, out var n) ? n : 0;
    /// <summary>Every request seen, in arrival order.</summary>
    public IReadOnlyList<LocalIndexRequest> Requests => _requests.ToArray();
    /// <summary>Forgets counts and the request log.</summary>
    public void ResetCounts() { _counts.Clear(); _requests.Clear(); _bodyBytes.Clear(); }
    /// <summary>Body bytes written for a decoded path (a resumed download re-sends little).</summary>
    public long BodyBytesSent(string path) => _bodyBytes.TryGetValue(path, out var n) ? n : 0;

    // ---- registration ----

    /// <summary>Lists a file on the default PyPI-like index.</summary>
    public LocalIndexFile AddFile(string fileName, byte[] content, LocalIndexFileOptions? options = null) =>
        AddToIndex(DefaultIndex, fileName, content, options);

    /// <summary>Lists a file on the extra index <paramref name="indexName"/> (<see cref="NamedIndexUrl"/>).</summary>
    public LocalIndexFile AddFile(string indexName, string fileName, byte[] content, LocalIndexFileOptions? options = null)
    {
        if (string.IsNullOrEmpty(indexName) || indexName.Contains('/') || indexName is "simple" or "packages" or "whl" or "find-links")
            throw new ArgumentException("index name must be one path segment other than simple/packages/whl/find-links", nameof(indexName));
        return AddToIndex(indexName, fileName, content, options);
    }

    /// <summary>Lists a file on the PyTorch-like index of <paramref name="backend"/> (cu118, cpu, …).</summary>
    public LocalIndexFile AddPyTorchFile(string backend, string fileName, byte[] content, LocalIndexFileOptions? options = null) =>
        AddToIndex("whl/" + backend, fileName, content, options);

    /// <summary>Lists a file on the find-links page.</summary>
    public LocalIndexFile AddFindLinksFile(string fileName, byte[] content, LocalIndexFileOptions? options = null)
    {
        var file = new LocalIndexFile(fileName, content, options ?? new(), "/find-links/" + fileName);
        lock (_gate)
        {
            _findLinks.RemoveAll(f => f.FileName == fileName);
            _findLinks.Add(file);
            _filesByPath[file.UrlPath] = file;
            Touch();
        }
        return file;
    }

    /// <summary>Lists every wheel/sdist of a folder (snapshot at call time) on the default index, or on a named one.</summary>
    public IReadOnlyList<LocalIndexFile> AddFolder(string folder, string? indexName = null) =>
        FolderFiles(folder).Select(f => indexName is null ? AddFile(f.Name, f.Bytes) : AddFile(indexName, f.Name, f.Bytes)).ToList();

    /// <summary>Lists every wheel of a folder on the PyTorch-like index of <paramref name="backend"/>.</summary>
    public IReadOnlyList<LocalIndexFile> AddPyTorchFolder(string backend, string folder) =>
        FolderFiles(folder).Select(f => AddPyTorchFile(backend, f.Name, f.Bytes)).ToList();

    /// <summary>Lists every wheel/sdist of a folder on the find-links page.</summary>
    public IReadOnlyList<LocalIndexFile> AddFindLinksFolder(string folder) =>
        FolderFiles(folder).Select(f => AddFindLinksFile(f.Name, f.Bytes)).ToList();

    /// <summary>Serves exactly these bytes at a decoded path (e.g. a hand-written simple page).</summary>
    public void AddRaw(string path, string body, string contentType = "text/html; charset=utf-8") =>
        AddRaw(path, Encoding.UTF8.GetBytes(body), contentType);

    /// <summary>Serves exactly these bytes at a decoded path.</summary>
    public void AddRaw(string path, byte[] body, string contentType)
    {
        lock (_gate) { _raw[path] = (body, contentType); Touch(); }
    }

    private LocalIndexFile AddToIndex(string indexKey, string fileName, byte[] content, LocalIndexFileOptions? options)
    {
        var filesFolder = indexKey switch
        {
            DefaultIndex => "/packages/",
            _ when indexKey.StartsWith("whl/", StringComparison.Ordinal) => "/whl/",
            _ => $"/{indexKey}/packages/",
        };
        var file = new LocalIndexFile(fileName, content, options ?? new(), filesFolder + fileName);
        lock (_gate)
        {
            if (!_indexes.TryGetValue(indexKey, out var projects))
                _indexes[indexKey] = projects = new(StringComparer.Ordinal);
            if (!projects.TryGetValue(file.Project, out var list))
                projects[file.Project] = list = [];
            list.RemoveAll(f => f.FileName == fileName);
            list.Add(file);
            _filesByPath[file.UrlPath] = file;
            if (indexKey.StartsWith("whl/", StringComparison.Ordinal))
                _filesByPath["/" + indexKey + "/" + fileName] = file; // /whl/<backend>/<file> too
            Touch();
        }
        return file;
    }

    private static IEnumerable<(string Name, byte[] Bytes)> FolderFiles(string folder) =>
        Directory.EnumerateFiles(folder)
            .Select(p => Path.GetFileName(p))
            .Where(LocalIndexNames.IsDistribution)
            .OrderBy(n => n, StringComparer.Ordinal)
            .Select(n => (n, File.ReadAllBytes(Path.Combine(folder, n))))
            .ToList();

    private void Touch()
    {
        var now = Truncate(DateTimeOffset.UtcNow);
        // Last-Modified has one-second resolution: move forward so a change is always visible.
        _lastChange = now > _lastChange ? now : _lastChange.AddSeconds(1);
    }

    private static DateTimeOffset Truncate(DateTimeOffset t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);

    private static string EncodePath(string path) => string.Join('/', path.Split('/').Select(Uri.EscapeDataString));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
