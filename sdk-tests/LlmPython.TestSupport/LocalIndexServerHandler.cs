using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace LlmPython.TestSupport;

// Request handling: auth, injected failures, routing, conditional and range responses.
public sealed partial class LocalIndexServer
{
    private const string JsonType = "application/vnd.pypi.simple.v1+json";
    private const string HtmlType = "text/html; charset=utf-8";
    private const string MidBodyFailureKey = "LocalIndexServer.MidBodyFailure";

    private async Task HandleAsync(HttpContext ctx)
    {
        var now = Interlocked.Increment(ref _inFlight);
        int seen;
        while (now > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen) { }
        try
        {
            await HandleCoreAsync(ctx).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ctx.RequestAborted.IsCancellationRequested)
        {
            // the client gave up (timeout tests)
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task HandleCoreAsync(HttpContext ctx)
    {
        var req = ctx.Request;
        var path = req.Path.Value ?? "/";
        _counts.AddOrUpdate(path, 1, (_, n) => n + 1);
        _requests.Enqueue(new LocalIndexRequest(req.Method, path, Header(req, "Range"), Header(req, "Accept"),
            req.Headers.Authorization.Count > 0, Header(req, "If-None-Match"), Header(req, "If-Range")));
        if (ResponseDelay > TimeSpan.Zero)
            await Task.Delay(ResponseDelay, ctx.RequestAborted).ConfigureAwait(false);

        if (_auth is { } auth && !Authorized(req, auth))
        {
            ctx.Response.StatusCode = 401;
            ctx.Response.Headers.WWWAuthenticate = "Basic realm=\"LocalIndexServer\"";
            return;
        }
        if (TakeFailure(path) is { } failure)
        {
            switch (failure)
            {
                case LocalIndexFailure.ConnectionReset: ctx.Abort(); return;
                case LocalIndexFailure.ServiceUnavailable: ctx.Response.StatusCode = 503; return;
                case LocalIndexFailure.NotFound: ctx.Response.StatusCode = 404; return;
                case LocalIndexFailure.TooManyRequests: ctx.Response.StatusCode = 429; ctx.Response.Headers.RetryAfter = "1"; return;
                case LocalIndexFailure.ResetMidBody or LocalIndexFailure.StallMidBody: ctx.Items[MidBodyFailureKey] = failure; break;
                default: ctx.Response.StatusCode = 500; return;
            }
        }
        if (req.Method is not ("GET" or "HEAD"))
        {
            ctx.Response.StatusCode = 405;
            return;
        }
        await RouteAsync(ctx, path).ConfigureAwait(false);
    }

    private async Task RouteAsync(HttpContext ctx, string path)
    {
        (byte[] Body, string ContentType) raw;
        LocalIndexFile? file;
        DateTimeOffset lastChange;
        lock (_gate)
        {
            lastChange = _lastChange;
            if (_raw.TryGetValue(path, out raw))
                file = null;
            else
                _filesByPath.TryGetValue(path, out file);
        }
        if (raw.Body is not null)
        {
            await ServeAsync(ctx, raw.Body, raw.ContentType, lastChange, rangeable: true).ConfigureAwait(false);
            return;
        }
        if (file is not null)
        {
            await ServeAsync(ctx, file.Content, ContentTypeOf(file.FileName), lastChange, rangeable: true, file.Sha256).ConfigureAwait(false);
            return;
        }
        if (path.EndsWith(".metadata", StringComparison.Ordinal))
        {
            LocalIndexFile? owner;
            lock (_gate) _filesByPath.TryGetValue(path[..^".metadata".Length], out owner);
            if (owner is { MetadataBytes: not null } && owner.Options.MetadataFile && MetadataFiles)
            {
                await ServeAsync(ctx, owner.MetadataBytes, "application/octet-stream", lastChange, rangeable: true).ConfigureAwait(false);
                return;
            }
            ctx.Response.StatusCode = 404;
            return;
        }
        if (path is "/find-links" or "/find-links/" or "/find-links/index.html")
        {
            string page;
            lock (_gate) page = RenderFindLinks();
            await ServeAsync(ctx, Encoding.UTF8.GetBytes(page), HtmlType, lastChange, rangeable: false).ConfigureAwait(false);
            return;
        }
        await ServeSimpleAsync(ctx, path, lastChange).ConfigureAwait(false);
    }

    private async Task ServeSimpleAsync(HttpContext ctx, string path, DateTimeOffset lastChange)
    {
        var segments = path.Trim('/').Split('/');
        string? indexKey = null, project = null;
        string pagePrefix = "";
        switch (segments)
        {
            case ["simple"]: indexKey = DefaultIndex; pagePrefix = "/simple/"; break;
            case ["simple", var p]: indexKey = DefaultIndex; project = p; pagePrefix = "/simple/"; break;
            case ["whl", var b]: indexKey = "whl/" + b; pagePrefix = $"/whl/{b}/"; break;
            case ["whl", var b, var p]: indexKey = "whl/" + b; project = p; pagePrefix = $"/whl/{b}/"; break;
            case [var i, "simple"]: indexKey = i; pagePrefix = $"/{i}/simple/"; break;
            case [var i, "simple", var p]: indexKey = i; project = p; pagePrefix = $"/{i}/simple/"; break;
        }
        SortedDictionary<string, List<LocalIndexFile>>? projects;
        lock (_gate) _indexes.TryGetValue(indexKey ?? "\0", out projects);
        if (indexKey is null || (projects is null && indexKey != DefaultIndex))
        {
            ctx.Response.StatusCode = 404;
            return;
        }
        var canonical = project is null ? pagePrefix : pagePrefix + LocalIndexNames.Normalize(project) + "/";
        if (path != canonical)
        {
            // PEP 503: non-normalized names and missing slashes redirect to the canonical page.
            ctx.Response.StatusCode = 301;
            ctx.Response.Headers.Location = EncodePath(canonical);
            return;
        }
        var json = ServeJson && PrefersJson(Header(ctx.Request, "Accept"));
        string body;
        lock (_gate)
        {
            if (project is null)
                body = json ? RenderRootJson(projects) : RenderRootHtml(projects);
            else if (projects is not null && projects.TryGetValue(project, out var files))
                body = json ? RenderProjectJson(project, files, canonical, indexKey) : RenderProjectHtml(project, files, canonical, indexKey);
            else
            {
                ctx.Response.StatusCode = 404;
                return;
            }
        }
        ctx.Response.Headers.Vary = "Accept";
        await ServeAsync(ctx, Encoding.UTF8.GetBytes(body), json ? JsonType : HtmlType, lastChange, rangeable: false).ConfigureAwait(false);
    }

    // ---- rendering ----

    private string RenderRootHtml(SortedDictionary<string, List<LocalIndexFile>>? projects)
    {
        var sb = new StringBuilder("<!DOCTYPE html>\n<html><head><meta name=\"pypi:repository-version\" content=\"1.1\"><title>Simple index</title></head><body>\n");
        foreach (var name in projects?.Keys ?? Enumerable.Empty<string>())
            sb.Append("<a href=\"").Append(Uri.EscapeDataString(name)).Append("/\">").Append(WebUtility.HtmlEncode(name)).Append("</a><br/>\n");
        return sb.Append("</body></html>\n").ToString();
    }

    private static string RenderRootJson(SortedDictionary<string, List<LocalIndexFile>>? projects)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms))
        {
            w.WriteStartObject();
            w.WriteStartObject("meta"); w.WriteString("api-version", "1.1"); w.WriteEndObject();
            w.WriteStartArray("projects");
            foreach (var name in projects?.Keys ?? Enumerable.Empty<string>())
            {
                w.WriteStartObject(); w.WriteString("name", name); w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    private string RenderProjectHtml(string project, List<LocalIndexFile> files, string pagePath, string indexKey)
    {
        var pyTorch = indexKey.StartsWith("whl/", StringComparison.Ordinal);
        var style = pyTorch ? LocalIndexLinkStyle.Relative : LinkStyle;
        var sb = new StringBuilder("<!DOCTYPE html>\n<html><head><meta name=\"pypi:repository-version\" content=\"1.1\">");
        if (style == LocalIndexLinkStyle.BaseHref && files.Count > 0)
            sb.Append("<base href=\"").Append(BaseUrl).Append(EncodePath(FolderOf(files[0].UrlPath))).Append("\">");
        sb.Append("<title>Links for ").Append(WebUtility.HtmlEncode(project)).Append("</title></head>\n<body><h1>Links for ")
          .Append(WebUtility.HtmlEncode(project)).Append("</h1>\n");
        foreach (var f in files)
            AppendAnchor(sb, f, Link(f, pagePath, style));
        return sb.Append("</body></html>\n").ToString();
    }

    private string RenderFindLinks()
    {
        var sb = new StringBuilder("<!DOCTYPE html>\n<html><head><title>Find links</title></head><body>\n");
        foreach (var f in _findLinks)
            AppendAnchor(sb, f, LocalIndexNames.EncodeFileName(f.FileName));
        return sb.Append("</body></html>\n").ToString();
    }

    private void AppendAnchor(StringBuilder sb, LocalIndexFile f, string href)
    {
        if (f.Options.AdvertiseHash) href += "#sha256=" + f.AdvertisedSha256;
        sb.Append("<a href=\"").Append(WebUtility.HtmlEncode(href)).Append('"');
        if (f.Options.RequiresPython is { } rp)
            sb.Append(" data-requires-python=\"").Append(WebUtility.HtmlEncode(rp)).Append('"');
        if (f.Options.Yanked)
            sb.Append(" data-yanked=\"").Append(WebUtility.HtmlEncode(f.Options.YankedReason ?? "")).Append('"');
        if (HasMetadataFile(f))
        {
            var value = "sha256=" + f.AdvertisedMetadataSha256;
            sb.Append(" data-dist-info-metadata=\"").Append(value).Append("\" data-core-metadata=\"").Append(value).Append('"');
        }
        sb.Append('>').Append(WebUtility.HtmlEncode(f.FileName)).Append("</a><br/>\n");
    }

    private string RenderProjectJson(string project, List<LocalIndexFile> files, string pagePath, string indexKey)
    {
        var pyTorch = indexKey.StartsWith("whl/", StringComparison.Ordinal);
        var style = pyTorch ? LocalIndexLinkStyle.Relative : LinkStyle == LocalIndexLinkStyle.BaseHref ? LocalIndexLinkStyle.Absolute : LinkStyle;
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms))
        {
            w.WriteStartObject();
            w.WriteStartObject("meta"); w.WriteString("api-version", "1.1"); w.WriteEndObject();
            w.WriteString("name", project);
            w.WriteStartArray("versions");
            foreach (var v in files.Select(f => LocalIndexNames.VersionOf(f.FileName)).OfType<string>().Distinct().Order(StringComparer.Ordinal))
                w.WriteStringValue(v);
            w.WriteEndArray();
            w.WriteStartArray("files");
            foreach (var f in files)
            {
                w.WriteStartObject();
                w.WriteString("filename", f.FileName);
                w.WriteString("url", Link(f, pagePath, style));
                w.WriteStartObject("hashes");
                if (f.Options.AdvertiseHash) w.WriteString("sha256", f.AdvertisedSha256);
                w.WriteEndObject();
                if (f.Options.RequiresPython is { } rp) w.WriteString("requires-python", rp);
                if (!f.Options.Yanked) w.WriteBoolean("yanked", false);
                else if (string.IsNullOrEmpty(f.Options.YankedReason)) w.WriteBoolean("yanked", true);
                else w.WriteString("yanked", f.Options.YankedReason);
                foreach (var key in new[] { "core-metadata", "dist-info-metadata" })
                {
                    if (HasMetadataFile(f))
                    {
                        w.WriteStartObject(key); w.WriteString("sha256", f.AdvertisedMetadataSha256); w.WriteEndObject();
                    }
                    else w.WriteBoolean(key, false);
                }
                w.WriteNumber("size", f.Content.Length);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    private bool HasMetadataFile(LocalIndexFile f) => MetadataFiles && f.Options.MetadataFile && f.MetadataBytes is not null;

    private string Link(LocalIndexFile f, string pagePath, LocalIndexLinkStyle style) => style switch
    {
        LocalIndexLinkStyle.Absolute => BaseUrl + EncodePath(f.UrlPath),
        LocalIndexLinkStyle.RootRelative => EncodePath(f.UrlPath),
        LocalIndexLinkStyle.BaseHref => LocalIndexNames.EncodeFileName(f.FileName),
        _ => RelativeLink(pagePath, f.UrlPath),
    };

    /// <summary>Relative reference from a page folder ("/whl/cu118/torch/") to a file ("/whl/torch-….whl").</summary>
    private static string RelativeLink(string pagePath, string filePath)
    {
        var from = pagePath.Trim('/').Split('/');
        var to = filePath.TrimStart('/').Split('/');
        var common = 0;
        while (common < from.Length && common < to.Length - 1 && from[common] == to[common]) common++;
        var ups = string.Concat(Enumerable.Repeat("../", from.Length - common));
        return ups + string.Join('/', to.Skip(common).Select(Uri.EscapeDataString));
    }

    private static string FolderOf(string urlPath) => urlPath[..(urlPath.LastIndexOf('/') + 1)];

    // ---- responses ----

    private async Task ServeAsync(HttpContext ctx, byte[] body, string contentType, DateTimeOffset lastModified, bool rangeable, string? sha256 = null)
    {
        var req = ctx.Request;
        var resp = ctx.Response;
        var etag = "\"" + (sha256 ?? LocalIndexNames.Sha256Hex(body))[..32] + "\"";
        resp.Headers.ETag = etag;
        resp.Headers.LastModified = lastModified.ToString("R", CultureInfo.InvariantCulture);
        var ranges = rangeable && AcceptRanges;
        if (ranges) resp.Headers.AcceptRanges = "bytes";

        if (req.Headers.IfNoneMatch.Count > 0)
        {
            var tags = string.Join(',', req.Headers.IfNoneMatch.ToArray()).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (tags.Any(t => t == "*" || (t.StartsWith("W/", StringComparison.Ordinal) ? t[2..] : t) == etag))
            {
                resp.StatusCode = 304;
                return;
            }
        }
        else if (DateTimeOffset.TryParse(Header(req, "If-Modified-Since"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since)
                 && lastModified <= since)
        {
            resp.StatusCode = 304;
            return;
        }

        var (start, length) = (0L, (long)body.Length);
        // If-Range: continue only the same file (same ETag or Last-Modified), else send it whole.
        var sameFile = Header(req, "If-Range") is not { } ifRange || ifRange == etag || ifRange == resp.Headers.LastModified.ToString();
        if (ranges && sameFile && Header(req, "Range") is { } range)
        {
            var parsed = ParseRange(range, body.Length);
            if (parsed is null)
            {
                resp.StatusCode = 416;
                resp.Headers.ContentRange = $"bytes */{body.Length}";
                return;
            }
            if (parsed.Value.Start >= 0)
            {
                (start, length) = (parsed.Value.Start, parsed.Value.Length);
                resp.StatusCode = 206;
                resp.Headers.ContentRange = $"bytes {start}-{start + length - 1}/{body.Length}";
            }
        }
        resp.ContentType = contentType;
        resp.ContentLength = length;
        if (req.Method == "HEAD") return;
        if (ctx.Items.TryGetValue(MidBodyFailureKey, out var failure))
        {
            var half = (int)(length / 2);
            await resp.Body.WriteAsync(body.AsMemory((int)start, half), ctx.RequestAborted).ConfigureAwait(false);
            await resp.Body.FlushAsync(ctx.RequestAborted).ConfigureAwait(false);
            _bodyBytes.AddOrUpdate(req.Path.Value ?? "/", half, (_, n) => n + half);
            // Let the client read the half before the reset discards what is still in flight.
            await Task.Delay((LocalIndexFailure)failure! == LocalIndexFailure.StallMidBody ? Timeout.Infinite : 300, ctx.RequestAborted).ConfigureAwait(false);
            ctx.Abort();
            return;
        }
        _bodyBytes.AddOrUpdate(req.Path.Value ?? "/", length, (_, n) => n + length);
        await resp.Body.WriteAsync(body.AsMemory((int)start, (int)length), ctx.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>One byte range; (-1, 0) = ignore the header (multi-range or unknown unit); null = unsatisfiable.</summary>
    private static (long Start, long Length)? ParseRange(string header, long size)
    {
        if (!header.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase) || header.Contains(','))
            return (-1, 0);
        var spec = header[6..].Trim();
        var dash = spec.IndexOf('-');
        if (dash < 0) return (-1, 0);
        var first = spec[..dash];
        var last = spec[(dash + 1)..];
        if (first.Length == 0)
        {
            if (!long.TryParse(last, out var suffix) || suffix <= 0 || size == 0) return null;
            suffix = Math.Min(suffix, size);
            return (size - suffix, suffix);
        }
        if (!long.TryParse(first, out var from) || from >= size) return null;
        var to = last.Length == 0 ? size - 1 : long.TryParse(last, out var l) ? Math.Min(l, size - 1) : -1;
        if (to < from) return null;
        return (from, to - from + 1);
    }

    /// <summary>PEP 691 negotiation: JSON when its quality is at least the best HTML quality.</summary>
    private static bool PrefersJson(string? accept)
    {
        if (string.IsNullOrWhiteSpace(accept)) return false;
        double json = 0, html = 0;
        foreach (var part in accept.Split(','))
        {
            var pieces = part.Split(';', StringSplitOptions.TrimEntries);
            var type = pieces[0].ToLowerInvariant();
            var q = 1.0;
            foreach (var p in pieces.Skip(1))
                if (p.StartsWith("q=", StringComparison.OrdinalIgnoreCase) && double.TryParse(p[2..], NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                    q = v;
            if (type is "application/vnd.pypi.simple.v1+json" or "application/vnd.pypi.simple.latest+json") json = Math.Max(json, q);
            else if (type is "text/html" or "application/vnd.pypi.simple.v1+html" or "application/vnd.pypi.simple.latest+html" or "*/*" or "text/*") html = Math.Max(html, q);
        }
        return json > 0 && json >= html;
    }

    private static string ContentTypeOf(string fileName) =>
        fileName.EndsWith(".html", StringComparison.OrdinalIgnoreCase) ? HtmlType
        : fileName.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? "application/gzip"
        : fileName.EndsWith(".whl", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) ? "application/zip"
        : "application/octet-stream";

    private static string? Header(HttpRequest req, string name) =>
        req.Headers.TryGetValue(name, out var v) && v.Count > 0 ? v.ToString() : null;

    private static bool Authorized(HttpRequest req, (string User, string Password) auth)
    {
        var header = Header(req, "Authorization");
        if (header is null || !header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return false;
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            return decoded == auth.User + ":" + auth.Password;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private LocalIndexFailure? TakeFailure(string path)
    {
        lock (_gate)
        {
            if (!_failures.TryGetValue(path, out var f) || f.Remaining <= 0) return null;
            _failures[path] = (f.Remaining - 1, f.Kind);
            return f.Kind;
        }
    }
}
