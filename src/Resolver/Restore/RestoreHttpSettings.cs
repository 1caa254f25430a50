using LlmPython.Resolver.Caching;
using LlmPython.Resolver.Http;

namespace LlmPython.Resolver.Restore;

/// <summary>What the HTTP layer needs from a restore request (the HTTP layer does not know the request).</summary>
public static class RestoreHttpSettings
{
    /// <summary>Settings of a restore: PythonOffline, PythonHttpTimeout, its credentials and the cache at PythonCacheDirectory (else the default root).</summary>
    public static HttpSettings For(RestoreRequest request) => new()
    {
        Offline = request.Offline,
        Retry = new RetryPolicy { ReadTimeout = request.HttpTimeout },
        RefreshSince = request.Refresh ? DateTimeOffset.UtcNow : null,
        Credentials = Credentials(request),
        Cache = new CacheStore(string.IsNullOrWhiteSpace(request.CacheDirectory) ? CacheStore.DefaultRoot() : Path.GetFullPath(request.CacheDirectory)),
    };

    /// <summary>Credentials for a restore: its URLs' userinfo, the environment, and the NuGet.Config of its project.</summary>
    public static CredentialProvider Credentials(RestoreRequest request) =>
        new(nuGetConfig: () => IndexCredentialScopes.Match(CredentialedIndexes(request),
            NuGetConfigCredentials.Load(Path.GetDirectoryName(Path.GetFullPath(request.ProjectPath))!, request.NuGetConfigFile)));

    /// <summary>PythonIndexUrl, the PythonIndex items, the find-links URLs and PyTorchIndexUrl (with its per-backend indexes).</summary>
    public static IEnumerable<CredentialedIndex> CredentialedIndexes(RestoreRequest request)
    {
        var urls = new List<(string Url, string? Name, bool Sub)> { (request.PythonIndexUrl, null, false) };
        urls.AddRange(request.Indexes.Select(i => (i.Url, i.Name, false)));
        urls.AddRange(request.FindLinks.Select(f => (f, (string?)null, false)));
        urls.Add((request.PyTorchIndexUrl, null, true));
        foreach (var (url, name, sub) in urls)
        {
            if (Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
                yield return new CredentialedIndex(uri, name, sub);
        }
    }
}
