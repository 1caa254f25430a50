using System.Text.RegularExpressions;

namespace LlmPython.Resolver.Http;

/// <summary>Removes credentials from URLs before they reach any message, log line or cache key.</summary>
public static partial class UrlRedaction
{
    [GeneratedRegex(@"(?<scheme>[a-zA-Z][a-zA-Z0-9+.\-]*://)(?<userinfo>[^/@\s""'<>]*)@")]
    private static partial Regex UserInfoInText();

    /// <summary><c>https://user:secret@host/simple</c> → <c>https://***@host/simple</c>.</summary>
    public static string Redact(Uri url) => Redact(url.OriginalString);

    /// <summary>Redacts every <c>scheme://userinfo@</c> occurring in a text.</summary>
    public static string Redact(string text) => UserInfoInText().Replace(text, "${scheme}***@");

    /// <summary>The URL without userinfo (and without a fragment when <paramref name="dropFragment"/>).</summary>
    public static Uri StripUserInfo(Uri url, bool dropFragment = false)
    {
        if (!url.IsAbsoluteUri) return url;
        var parts = UriComponents.SchemeAndServer | UriComponents.PathAndQuery | (dropFragment ? 0 : UriComponents.Fragment);
        return new Uri(url.GetComponents(parts, UriFormat.UriEscaped));
    }
}
