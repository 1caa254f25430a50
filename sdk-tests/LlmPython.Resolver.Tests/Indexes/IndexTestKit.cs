using LlmPython.Resolver.Caching;
using LlmPython.Resolver.Http;

namespace LlmPython.Resolver.Tests.Indexes;

/// <summary>A temporary folder removed on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() { Directory.CreateDirectory(Path); }
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "llmpy-index-" + Guid.NewGuid().ToString("N"));
    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}

/// <summary>HTTP clients for tests: real sockets, tiny retry delays, own connection pool.</summary>
internal static class IndexTestKit
{
    public static readonly RetryPolicy FastRetry = new() { MaxAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(20), ReadTimeout = TimeSpan.FromSeconds(10) };

    public static PythonHttpClient Http(CacheStore? cache = null, bool offline = false, CredentialProvider? credentials = null, RetryPolicy? retry = null) =>
        new(new HttpSettings
        {
            Cache = cache,
            Offline = offline,
            Retry = retry ?? FastRetry,
            Credentials = credentials ?? new CredentialProvider(_ => null),
        });
}
