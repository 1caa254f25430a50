using System.Net;

namespace LlmPython.Resolver.Http;

/// <summary>
/// The one HttpClient of the process: a single SocketsHttpHandler pools connections across every index
/// client, metadata fetch and download (creating clients per request exhausts sockets and loses keep-alive).
/// </summary>
public static class SharedHttp
{
    private static readonly Lazy<HttpClient> Instance = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    public static HttpClient Client => Instance.Value;

    /// <summary>A client configured like the shared one (tests and hosts that need their own lifetime).</summary>
    public static HttpClient Create()
    {
        var handler = new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.All,
            // Redirects are followed by PythonHttpClient so credentials are re-applied per host.
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),
            ConnectTimeout = TimeSpan.FromSeconds(20),
            MaxConnectionsPerServer = 16,
            UseCookies = false,
        };
        var client = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.ParseAdd($"LlmPython.Sdk/{typeof(SharedHttp).Assembly.GetName().Version?.ToString(3) ?? "0"}");
        return client;
    }
}
