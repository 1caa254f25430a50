using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LlmPython.Resolver.Caching;

namespace LlmPython.Resolver.Http;

/// <summary>
/// Index pages in the cache store (bucket <c>http-pages</c>), keyed by the URL without credentials and the
/// Accept header, with their validators (for a conditional request) and their freshness (when they were fetched,
/// until when they may be used unasked). A page is replaced under its entry lock by one rename over the old file,
/// so a reader in another process sees the old page or the new one, never a torn or missing file.
/// </summary>
internal sealed class HttpPageCache
{
    public const string Bucket = "http-pages";
    private readonly CacheStore _store;

    public HttpPageCache(CacheStore store) { _store = store; }

    public CacheStore Store => _store;

    /// <summary>A stored answer: a page, or a remembered 404 (<see cref="Page"/> null).</summary>
    public sealed record Entry(HttpPage? Page, HttpFreshness? Freshness)
    {
        public bool NotFound => Page is null;
    }

    private sealed record Stored(string Url, string? ContentType, string? Body, string? ETag, string? LastModified, bool NotFound,
        DateTimeOffset? StoredAt = null, DateTimeOffset? FreshUntil = null, string? CacheControl = null, string? Expires = null);

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
            // Share Delete too: a writer may rename a new page over this one while it is read (Windows needs the flag).
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var stored = JsonSerializer.Deserialize<Stored>(stream);
            if (stored is null) return null;
            var freshness = stored is { StoredAt: { } at, FreshUntil: { } until } ? new HttpFreshness(at, until, stored.CacheControl, stored.Expires) : null;
            if (stored.NotFound) return new Entry(null, freshness);
            var page = new HttpPage(new Uri(stored.Url), stored.ContentType ?? "text/html", stored.Body ?? "", stored.ETag, stored.LastModified, FromCache: true)
            { Freshness = freshness };
            return new Entry(page, freshness);
        }
        catch (Exception e) when (e is IOException or JsonException or UriFormatException or UnauthorizedAccessException)
        {
            return null; // damaged or gone meanwhile: fetch again
        }
    }

    /// <summary>Stores <paramref name="page"/> (null = 404) with its freshness; the caller holds the entry's lock.</summary>
    public static Task WriteAsync(CacheEntryLock entry, HttpPage? page, HttpFreshness freshness, CancellationToken cancellationToken)
    {
        var stored = page is null
            ? new Stored("about:blank", null, null, null, null, NotFound: true)
            : new Stored(UrlRedaction.StripUserInfo(page.Url).AbsoluteUri, page.ContentType, page.Body, page.ETag, page.LastModified, NotFound: false);
        stored = stored with { StoredAt = freshness.StoredAt, FreshUntil = freshness.FreshUntil, CacheControl = freshness.CacheControl, Expires = freshness.Expires };
        return entry.ReplaceAsync((temp, ct) => File.WriteAllTextAsync(temp, JsonSerializer.Serialize(stored), ct), cancellationToken);
    }
}
