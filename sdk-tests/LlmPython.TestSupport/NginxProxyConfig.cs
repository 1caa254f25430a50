namespace LlmPython.TestSupport;

/// <summary>
/// The nginx caching-proxy config of <c>docs/caching-proxy.md</c> (its <c>```nginx</c> block), taken as it is written and
/// pointed at a local origin, so what the tests run is exactly what the doc tells a CI fleet: <c>https://pypi.org</c> and
/// <c>https://files.pythonhosted.org/</c> become the origin (which serves <c>/simple/</c> and <c>/files/</c> on one host),
/// the cache path becomes the server's folder, and <c>listen</c> is left to <see cref="NginxServer"/>.
/// </summary>
public sealed record NginxProxyConfig(string HttpDirectives, string Locations)
{
    public const string PagesOrigin = "https://pypi.org";
    public const string FilesOrigin = "https://files.pythonhosted.org/";

    /// <summary>Reads the doc at <paramref name="markdownPath"/> and points its config at <paramref name="originBaseUrl"/> (<c>http://127.0.0.1:port</c>).</summary>
    public static NginxProxyConfig FromDoc(string markdownPath, string originBaseUrl)
    {
        var config = NginxBlock(File.ReadAllText(markdownPath), markdownPath)
            .Replace(FilesOrigin, originBaseUrl.TrimEnd('/') + "/files/", StringComparison.Ordinal)
            .Replace(PagesOrigin, originBaseUrl.TrimEnd('/'), StringComparison.Ordinal);
        var lines = config.Split('\n');
        var serverStart = Array.FindIndex(lines, l => l.Trim() == "server {");
        var serverEnd = Array.FindLastIndex(lines, l => l.TrimEnd() == "}");
        if (serverStart < 0 || serverEnd <= serverStart)
            throw new InvalidOperationException($"{markdownPath}: the nginx block has no `server {{ … }}`.");
        var http = lines[..serverStart].Where(l => !l.TrimStart().StartsWith('#')).Select(CachePathInServerFolder);
        var locations = lines[(serverStart + 1)..serverEnd].Where(l => !l.TrimStart().StartsWith("listen ", StringComparison.Ordinal));
        return new NginxProxyConfig(string.Join('\n', http).Trim(), string.Join('\n', locations));
    }

    private static string NginxBlock(string markdown, string path)
    {
        const string fence = "```nginx\n";
        var start = markdown.IndexOf(fence, StringComparison.Ordinal);
        var end = start < 0 ? -1 : markdown.IndexOf("\n```", start + fence.Length, StringComparison.Ordinal);
        if (end < 0)
            throw new InvalidOperationException($"{path} has no ```nginx block.");
        return markdown[(start + fence.Length)..(end + 1)];
    }

    // proxy_cache_path /var/cache/nginx/pypi … → the server's own folder ({folder} is filled by NginxServer.Start).
    private static string CachePathInServerFolder(string line)
    {
        var words = line.Trim().Split(' ');
        return words.Length > 1 && words[0] == "proxy_cache_path" ? line.Replace(words[1], "{folder}/cache", StringComparison.Ordinal) : line;
    }
}
