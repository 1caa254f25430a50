using LlmPython.Resolver.Caching;

namespace LlmPython.Resolver.Http;

/// <summary>Everything the HTTP layer needs from a restore: offline mode, limits, retries, credentials, cache.</summary>
public sealed record HttpSettings
{
    /// <summary>PythonOffline: serve pages, metadata and wheels from the cache only.</summary>
    public bool Offline { get; init; }
    /// <summary>Requests in flight at once across this client.</summary>
    public int MaxParallelRequests { get; init; } = 8;
    public RetryPolicy Retry { get; init; } = new();
    /// <summary>A server that ignores Range on a file larger than this has its answer dropped, not buffered (the file is then streamed to disk).</summary>
    public long MaxUnrangedBody { get; init; } = 32L * 1024 * 1024;
    public CredentialProvider Credentials { get; init; } = new();
    /// <summary>Cache of pages (revalidated with ETag/Last-Modified), metadata and wheels; null = no cache.</summary>
    public CacheStore? Cache { get; init; }
    /// <summary>PythonRefresh: cached pages confirmed before this time are revalidated once, however fresh; null = use fresh pages unasked.</summary>
    public DateTimeOffset? RefreshSince { get; init; }
}
