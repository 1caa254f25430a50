using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LlmPython.Resolver.Caching;

namespace LlmPython.Resolver.Http;

/// <summary>
/// Index pages in the cache store (bucket <c>http-pages</c>), keyed by the URL without credentials and the
/// Accept header, with their validators so the next request can be conditional. A page is replaced by
/// removing and re-creating its entry: readers in between see a miss and fetch, never a torn file.
/// </summary>
internal sealed class HttpPageCache
{
    public const string Bucket = "http-pages";
    private readonly CacheStore _store;

    public HttpPageCache(CacheStore store) { _store = store; }

    public sealed record Entry(HttpPage? Page)
    {
        public bool NotFound => Page is null;
    }

    private sealed record Stored(string Url, string? ContentType, string? Body, string? ETag, string? LastModified, bool NotFound);

    public static string Key(Uri url, string accept)
    {
        var text = UrlRedaction.StripUserInfo(url, dropFragment: true).AbsoluteUri + "\n" + accept;
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();
    }

    public Entry? TryRead(string key)
    {
        var path = _store.TryGet(Bucket, key);
        if (path is null) return null;
        try
        {
            var stored = JsonSerializer.Deserialize<Stored>(File.ReadAllText(path));
            if (stored is null) return null;
            if (stored.NotFound) return new Entry(null);
            return new Entry(new HttpPage(new Uri(stored.Url), stored.ContentType ?? "text/html", stored.Body ?? "", stored.ETag, stored.LastModified, FromCache: true));
        }
        catch (Exception e) when (e is IOException or JsonException or UriFormatException or UnauthorizedAccessException)
        {
            return null; // replaced or damaged meanwhile: fetch again
        }
    }

    public async Task WriteAsync(string key, HttpPage? page, CancellationToken cancellationToken)
    {
        var stored = page is null
            ? new Stored("about:blank", null, null, null, null, NotFound: true)
            : new Stored(UrlRedaction.StripUserInfo(page.Url).AbsoluteUri, page.ContentType, page.Body, page.ETag, page.LastModified, NotFound: false);
        await _store.RemoveAsync(Bucket, key, cancellationToken).ConfigureAwait(false);
        await _store.GetOrCreateAsync(Bucket, key,
            (temp, ct) => File.WriteAllTextAsync(temp, JsonSerializer.Serialize(stored), ct), cancellationToken).ConfigureAwait(false);
    }
}
