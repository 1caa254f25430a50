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
    public CredentialProvider Credentials { get; init; } = new();
    /// <summary>Cache of pages (revalidated with ETag/Last-Modified), metadata and wheels; null = no cache.</summary>
    public CacheStore? Cache { get; init; }
}
