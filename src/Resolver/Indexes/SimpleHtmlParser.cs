using System.Net;
using System.Text.RegularExpressions;
using LlmPython.Resolver.Http;

namespace LlmPython.Resolver.Indexes;

/// <summary>
/// PEP 503 project pages and find-links pages: every <c>&lt;a href&gt;</c> to a wheel or sdist, resolved against
/// <c>&lt;base href&gt;</c> or the page URL (absolute, root-relative, relative, <c>%2B</c>-encoded), with hash fragments,
/// <c>data-requires-python</c> (unescaped), <c>data-yanked</c> (PEP 592) and <c>data-core-metadata</c> /
/// <c>data-dist-info-metadata</c> (PEP 658/714).
/// </summary>
public static partial class SimpleHtmlParser
{
    [GeneratedRegex(@"<(?<tag>a|base)(?=[\s>/])(?<attrs>[^>]*)>", RegexOptions.IgnoreCase)]
    private static partial Regex Tag();

    [GeneratedRegex(@"(?<name>[^\s=/>""']+)(?:\s*=\s*(?:""(?<value>[^""]*)""|'(?<value>[^']*)'|(?<value>[^\s>]+)))?")]
    private static partial Regex Attribute();

    [GeneratedRegex(@"<!--.*?-->", RegexOptions.Singleline)]
    private static partial Regex Comment();

    /// <summary>The distribution files linked from <paramref name="html"/>, fetched from <paramref name="pageUrl"/>.</summary>
    public static IReadOnlyList<DistributionFile> Parse(string html, Uri pageUrl)
    {
        if (!pageUrl.IsAbsoluteUri) throw new ArgumentException("page URL must be absolute", nameof(pageUrl));
        html = Comment().Replace(html, "");
        var tags = Tag().Matches(html);
        // HTML: the first <base href> applies to every link of the document, also those before it.
        var baseUrl = pageUrl;
        foreach (Match m in tags)
        {
            if (!m.Groups["tag"].Value.Equals("base", StringComparison.OrdinalIgnoreCase)) continue;
            if (Attributes(m.Groups["attrs"].Value).TryGetValue("href", out var baseHref) && baseHref.Length > 0)
            {
                baseUrl = new Uri(pageUrl, baseHref);
                break;
            }
        }

        var files = new List<DistributionFile>();
        foreach (Match m in tags)
        {
            if (!m.Groups["tag"].Value.Equals("a", StringComparison.OrdinalIgnoreCase)) continue;
            var attrs = Attributes(m.Groups["attrs"].Value);
            if (!attrs.TryGetValue("href", out var href) || href.Length == 0) continue;
            if (!Uri.TryCreate(baseUrl, href.Trim(), out var url) || url.Scheme is not ("http" or "https" or "file")) continue;
            var fileName = Uri.UnescapeDataString(url.AbsolutePath[(url.AbsolutePath.LastIndexOf('/') + 1)..]);
            if (!ProjectNames.IsDistribution(fileName)) continue;

            var metadata = attrs.TryGetValue("data-core-metadata", out var core) ? core
                : attrs.TryGetValue("data-dist-info-metadata", out var distInfo) ? distInfo : null;
            files.Add(new DistributionFile
            {
                FileName = fileName,
                Url = UrlRedaction.StripUserInfo(url, dropFragment: true),
                Hashes = ParseHashes(url.Fragment.TrimStart('#')),
                RequiresPython = attrs.TryGetValue("data-requires-python", out var rp) && rp.Trim().Length > 0 ? rp.Trim() : null,
                Yanked = attrs.TryGetValue("data-yanked", out var yank),
                YankedReason = string.IsNullOrWhiteSpace(yank) ? null : yank,
                HasCoreMetadata = metadata is not null && !metadata.Equals("false", StringComparison.OrdinalIgnoreCase),
                CoreMetadataHashes = metadata is null ? new Dictionary<string, string>() : ParseHashes(metadata),
            });
        }
        return files;
    }

    /// <summary><c>sha256=abc</c> (several joined by '&amp;') → algorithm → digest; "true" and junk give none.</summary>
    internal static IReadOnlyDictionary<string, string> ParseHashes(string text)
    {
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in text.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0) continue;
            var algorithm = part[..eq].Trim().ToLowerInvariant();
            var digest = part[(eq + 1)..].Trim().ToLowerInvariant();
            if (algorithm.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') && digest.Length > 0 && digest.All(char.IsAsciiHexDigit))
                hashes[algorithm] = digest;
        }
        return hashes;
    }

    private static Dictionary<string, string> Attributes(string text)
    {
        var attrs = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match a in Attribute().Matches(text))
        {
            var name = a.Groups["name"].Value;
            if (!attrs.ContainsKey(name))
                attrs[name] = WebUtility.HtmlDecode(a.Groups["value"].Success ? a.Groups["value"].Value : "");
        }
        return attrs;
    }
}
