using System.Text;

namespace LlmPython.Resolver.Http;

/// <summary>
/// Finds credentials for a URL, in this order:
/// <list type="number">
/// <item>the userinfo of a configured index URL (<c>https://user:token@host/simple</c>), for every URL on that host and port;</item>
/// <item>per-host environment variables <c>LLMPYTHON_INDEX_&lt;HOST&gt;_USERNAME</c> / <c>_PASSWORD</c>, where HOST is the host
/// name upper-cased with every character other than A–Z and 0–9 replaced by '_' (<c>pkgs.example.com</c> → <c>PKGS_EXAMPLE_COM</c>);</item>
/// <item>NuGet.Config credentials matched to a project index (<see cref="IndexCredentialScopes"/>), for URLs on that index's host;</item>
/// <item><c>LLMPYTHON_INDEX_USERNAME</c> / <c>LLMPYTHON_INDEX_PASSWORD</c>: sent only after a 401 challenge, so they never reach
/// hosts that do not ask for them (after a 401 they are tried before NuGet.Config credentials).</item>
/// </list>
/// </summary>
public sealed class CredentialProvider
{
    private readonly Func<string, string?> _environment;
    private readonly Dictionary<string, HttpCredentials> _byAuthority = new(StringComparer.OrdinalIgnoreCase);
    private readonly object _gate = new();
    private readonly Lazy<IndexCredentialScopes> _nuGetConfig;

    /// <param name="nuGetConfig">The NuGet.Config matches, loaded on the first request that has no userinfo or per-host
    /// variables (so builds that make no request, or need nothing from it, never read NuGet.Config).</param>
    public CredentialProvider(Func<string, string?>? environment = null, Func<IndexCredentialScopes>? nuGetConfig = null)
    {
        _environment = environment ?? Environment.GetEnvironmentVariable;
        _nuGetConfig = new Lazy<IndexCredentialScopes>(nuGetConfig ?? (() => IndexCredentialScopes.None), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Remembers the userinfo of a configured URL and returns the URL without it.</summary>
    public Uri Register(Uri url)
    {
        if (!url.IsAbsoluteUri || string.IsNullOrEmpty(url.UserInfo))
            return url;
        var colon = url.UserInfo.IndexOf(':');
        var user = Uri.UnescapeDataString(colon < 0 ? url.UserInfo : url.UserInfo[..colon]);
        var password = colon < 0 ? "" : Uri.UnescapeDataString(url.UserInfo[(colon + 1)..]);
        lock (_gate) _byAuthority[Authority(url)] = new HttpCredentials(user, password) { Source = "the userinfo of the index URL" };
        return UrlRedaction.StripUserInfo(url);
    }

    /// <summary>Credentials to send with the first request to <paramref name="url"/>, or null.</summary>
    public HttpCredentials? Preemptive(Uri url) => FromUrlOrHostVariables(url) ?? _nuGetConfig.Value.Find(url);

    /// <summary>Credentials to try after a 401, or null.</summary>
    public HttpCredentials? AfterChallenge(Uri url) =>
        FromUrlOrHostVariables(url) ?? FromEnvironment("LLMPYTHON_INDEX_USERNAME", "LLMPYTHON_INDEX_PASSWORD") ?? _nuGetConfig.Value.Find(url);

    private HttpCredentials? FromUrlOrHostVariables(Uri url)
    {
        lock (_gate)
        {
            if (_byAuthority.TryGetValue(Authority(url), out var known))
                return known;
        }
        var prefix = "LLMPYTHON_INDEX_" + HostVariablePart(url.Host) + "_";
        return FromEnvironment(prefix + "USERNAME", prefix + "PASSWORD");
    }

    /// <summary>The per-host variable part for a host name.</summary>
    public static string HostVariablePart(string host)
    {
        var sb = new StringBuilder(host.Length);
        foreach (var c in host.ToUpperInvariant())
            sb.Append(c is >= 'A' and <= 'Z' or >= '0' and <= '9' ? c : '_');
        return sb.ToString();
    }

    private HttpCredentials? FromEnvironment(string userVariable, string passwordVariable)
    {
        var user = _environment(userVariable);
        if (string.IsNullOrEmpty(user)) return null;
        return new HttpCredentials(user, _environment(passwordVariable) ?? "") { Source = $"{userVariable}/{passwordVariable}" };
    }

    private static string Authority(Uri url) => url.Scheme + "://" + url.Host + ":" + url.Port;
}
