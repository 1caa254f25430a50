namespace LlmPython.Resolver.Http;

/// <summary>An index or find-links URL of the project that NuGet.Config credentials may be matched to.</summary>
/// <param name="Name">The PythonIndex Name, matched against <c>&lt;packageSourceCredentials&gt;</c> keys.</param>
/// <param name="HasSubIndexes">PyTorchIndexUrl: its per-backend indexes (<c>…/whl/cu124/</c>) live under it and may have sources of their own.</param>
public sealed record CredentialedIndex(Uri Url, string? Name = null, bool HasSubIndexes = false);

/// <summary>
/// Which NuGet.Config credentials belong to which index of the project, and which of them a request URL gets.
/// <para>Matching, per index: (a) the <c>&lt;packageSourceCredentials&gt;</c> entry whose key is the PythonIndex's
/// Name; else (b) the <c>&lt;packageSources&gt;</c> entry (enabled or disabled) whose URL is the longest
/// prefix of the index URL, with that source's credentials.</para>
/// <para>Scope: a matched index's credentials go to URLs on its scheme, host and port only (its pages and the
/// files it links on that host; never to another host, also not on a redirect). When several matched indexes share
/// a host, a URL gets those of the index whose URL contains it, else of the one sharing the longest path with it.</para>
/// </summary>
public sealed class IndexCredentialScopes
{
    public static readonly IndexCredentialScopes None = new([]);

    private readonly IReadOnlyList<Scope> _scopes;

    private IndexCredentialScopes(IReadOnlyList<Scope> scopes) { _scopes = scopes; }

    /// <summary>How many indexes (and PyTorch sub-indexes) got credentials.</summary>
    public int Count => _scopes.Count;

    /// <summary>Matches the project's indexes to the NuGet.Config entries.</summary>
    public static IndexCredentialScopes Match(IEnumerable<CredentialedIndex> indexes, NuGetConfigCredentials config)
    {
        var scopes = new List<Scope>();
        foreach (var index in indexes)
        {
            if (!index.Url.IsAbsoluteUri || index.Url.Scheme is not ("http" or "https")) continue;
            var url = UrlRedaction.StripUserInfo(index.Url, dropFragment: true);
            var chosen = (index.Name is { Length: > 0 } name ? config.ForName(name) : null)
                ?? config.Sources.Where(s => Contains(s.SourceUrl!, url)).MaxBy(s => s.SourceUrl!.AbsolutePath.Length);
            if (chosen is not null)
                scopes.Add(new Scope(url, chosen));
            if (!index.HasSubIndexes) continue;
            foreach (var sub in config.Sources.Where(s => s != chosen && Contains(url, s.SourceUrl!) && !SamePath(url, s.SourceUrl!)))
                scopes.Add(new Scope(sub.SourceUrl!, sub));
        }
        return new IndexCredentialScopes(scopes);
    }

    /// <summary>The credentials for a request URL, or null when no matched index is on its host.</summary>
    public HttpCredentials? Find(Uri url)
    {
        Scope? best = null;
        (bool Inside, int Shared) bestScore = default;
        foreach (var scope in _scopes)
        {
            if (!SameOrigin(scope.Url, url)) continue;
            var score = (Contains(scope.Url, url), SharedPathLength(scope.Url, url));
            if (best is null || score.Item1 && !bestScore.Inside || score.Item1 == bestScore.Inside && score.Item2 > bestScore.Shared)
                (best, bestScore) = (scope, score);
        }
        return best?.Credentials;
    }

    private static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase) && a.Port == b.Port;

    /// <summary>Whether <paramref name="inner"/> is <paramref name="prefix"/> or lies under it, segment by segment (/simple does not contain /simplex).</summary>
    internal static bool Contains(Uri prefix, Uri inner)
    {
        if (!SameOrigin(prefix, inner)) return false;
        var outerPath = prefix.AbsolutePath.TrimEnd('/') + "/";
        var innerPath = inner.AbsolutePath.TrimEnd('/') + "/";
        return innerPath.StartsWith(outerPath, StringComparison.OrdinalIgnoreCase);
    }

    private static bool SamePath(Uri a, Uri b) =>
        string.Equals(a.AbsolutePath.TrimEnd('/'), b.AbsolutePath.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);

    /// <summary>Characters of the whole leading path segments two URLs share.</summary>
    private static int SharedPathLength(Uri a, Uri b)
    {
        var x = a.AbsolutePath;
        var y = b.AbsolutePath;
        var shared = 0;
        for (var i = 0; i < Math.Min(x.Length, y.Length) && char.ToLowerInvariant(x[i]) == char.ToLowerInvariant(y[i]); i++)
            if (x[i] == '/') shared = i + 1;
        return shared;
    }

    private sealed class Scope(Uri url, NuGetSourceCredential source)
    {
        private HttpCredentials? _credentials;
        public Uri Url { get; } = url;
        // Decrypted when first needed, so an encrypted password only fails the builds that use its index.
        public HttpCredentials Credentials => _credentials ??= source.ToHttpCredentials(Url.AbsoluteUri);
    }
}
