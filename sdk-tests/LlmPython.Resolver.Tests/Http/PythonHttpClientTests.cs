using LlmPython.Resolver.Caching;
using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Http;
using LlmPython.Resolver.Tests.Indexes;
using LlmPython.TestSupport;

namespace LlmPython.Resolver.Tests.Http;

public sealed class PythonHttpClientTests
{
    private const string Accept = "text/html";

    [Theory]
    [InlineData(LocalIndexFailure.ServerError)]
    [InlineData(LocalIndexFailure.ServiceUnavailable)]
    [InlineData(LocalIndexFailure.ConnectionReset)]
    public async Task Two_transient_failures_then_success(LocalIndexFailure kind)
    {
        await using var server = await LocalIndexServer.StartAsync();
        server.AddFile("foo-1.0-py3-none-any.whl", TinyWheel.Build("foo", "1.0"));
        server.FailNext("/simple/foo/", 2, kind);

        var page = await IndexTestKit.Http().GetPageAsync(new Uri(server.IndexUrl + "/foo/"), Accept);

        Assert.NotNull(page);
        Assert.Contains("foo-1.0-py3-none-any.whl", page.Body);
        Assert.Equal(3, server.RequestCount("/simple/foo/"));
    }

    [Fact]
    public async Task Failing_every_try_gives_LLMPY0300_naming_the_url_without_credentials()
    {
        await using var server = await LocalIndexServer.StartAsync();
        server.AddFile("foo-1.0-py3-none-any.whl", TinyWheel.Build("foo", "1.0"));
        server.FailNext("/simple/foo/", 10);
        var url = server.WithCredentials(server.IndexUrl + "/foo/", "alice", "topsecret");

        var e = await Assert.ThrowsAsync<LlmPyException>(() => IndexTestKit.Http().GetPageAsync(new Uri(url), Accept));

        Assert.Equal(DiagnosticCodes.Http.RequestFailed, e.Code);
        Assert.Contains("/simple/foo/", e.Message);
        Assert.Contains("HTTP 500", e.Message);
        Assert.DoesNotContain("topsecret", e.ToString());
        Assert.DoesNotContain("alice", e.Message);
        Assert.Equal(IndexTestKit.FastRetry.MaxAttempts, server.RequestCount("/simple/foo/"));
    }

    [Fact]
    public async Task Pages_are_revalidated_with_etag_and_served_from_cache_on_304()
    {
        await using var server = await LocalIndexServer.StartAsync();
        server.AddFile("foo-1.0-py3-none-any.whl", TinyWheel.Build("foo", "1.0"));
        using var temp = new TempFolder();
        var http = IndexTestKit.Http(new CacheStore(temp.Path));
        var url = new Uri(server.IndexUrl + "/foo/");

        var first = await http.GetPageAsync(url, Accept);
        var second = await http.GetPageAsync(url, Accept);

        Assert.False(first!.FromCache);
        Assert.True(second!.FromCache);
        Assert.Equal(first.Body, second.Body);
        var requests = server.Requests.Where(r => r.Path == "/simple/foo/").ToList();
        Assert.Equal(2, requests.Count);
        Assert.Null(requests[0].IfNoneMatch);
        Assert.Equal(first.ETag, requests[1].IfNoneMatch);

        // A change on the index is seen on the next request (new ETag → 200).
        server.AddFile("foo-2.0-py3-none-any.whl", TinyWheel.Build("foo", "2.0"));
        var third = await http.GetPageAsync(url, Accept);
        Assert.False(third!.FromCache);
        Assert.Contains("foo-2.0", third.Body);
    }

    [Fact]
    public async Task Offline_serves_cached_pages_and_says_what_is_missing()
    {
        await using var server = await LocalIndexServer.StartAsync();
        server.AddFile("foo-1.0-py3-none-any.whl", TinyWheel.Build("foo", "1.0"));
        using var temp = new TempFolder();
        var cache = new CacheStore(temp.Path);
        await IndexTestKit.Http(cache).GetPageAsync(new Uri(server.IndexUrl + "/foo/"), Accept);
        Assert.Null(await IndexTestKit.Http(cache).GetPageAsync(new Uri(server.IndexUrl + "/gone/"), Accept));
        server.ResetCounts();

        var offline = IndexTestKit.Http(cache, offline: true);
        var page = await offline.GetPageAsync(new Uri(server.IndexUrl + "/foo/"), Accept);
        var gone = await offline.GetPageAsync(new Uri(server.IndexUrl + "/gone/"), Accept);
        var e = await Assert.ThrowsAsync<LlmPyException>(() => offline.GetPageAsync(new Uri(server.IndexUrl + "/bar/"), Accept));

        Assert.True(page!.FromCache);
        Assert.Null(gone);
        Assert.Equal(DiagnosticCodes.Http.OfflineNotCached, e.Code);
        Assert.Contains("/simple/bar/", e.Message);
        Assert.Contains("PythonOffline", e.Message);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Basic_auth_from_url_userinfo_survives_redirects_and_is_never_printed()
    {
        await using var server = await LocalIndexServer.StartAsync();
        server.AddFile("foo-1.0-py3-none-any.whl", TinyWheel.Build("foo", "1.0"));
        server.RequireBasicAuth("alice", "topsecret");

        // /simple/FOO redirects to /simple/foo/: the credentials must follow.
        var page = await IndexTestKit.Http().GetPageAsync(new Uri(server.WithCredentials(server.IndexUrl + "/FOO", "alice", "topsecret")), Accept);
        Assert.NotNull(page);
        Assert.DoesNotContain("topsecret", page.Url.AbsoluteUri);

        var wrong = await Assert.ThrowsAsync<LlmPyException>(() =>
            IndexTestKit.Http().GetPageAsync(new Uri(server.WithCredentials(server.IndexUrl + "/foo/", "alice", "wrongpass")), Accept));
        Assert.Equal(DiagnosticCodes.Http.RequestRefused, wrong.Code);
        Assert.Contains("401", wrong.Message);
        Assert.DoesNotContain("wrongpass", wrong.ToString());
    }

    [Fact]
    public async Task Generic_environment_credentials_are_sent_after_a_challenge()
    {
        await using var server = await LocalIndexServer.StartAsync();
        server.AddFile("foo-1.0-py3-none-any.whl", TinyWheel.Build("foo", "1.0"));
        server.RequireBasicAuth("ci", "token");
        var env = new Dictionary<string, string> { ["LLMPYTHON_INDEX_USERNAME"] = "ci", ["LLMPYTHON_INDEX_PASSWORD"] = "token" };

        var page = await IndexTestKit.Http(credentials: new CredentialProvider(env.GetValueOrDefault)).GetPageAsync(new Uri(server.IndexUrl + "/foo/"), Accept);

        Assert.NotNull(page);
        var requests = server.Requests.Where(r => r.Path == "/simple/foo/").ToList();
        Assert.Equal([false, true], requests.Select(r => r.HasAuthorization));
    }

    [Fact]
    public async Task Parallel_requests_are_bounded()
    {
        await using var server = await LocalIndexServer.StartAsync();
        var files = Enumerable.Range(0, 8).Select(i => server.AddFile($"p{i}-1.0-py3-none-any.whl", TinyWheel.Build($"p{i}", "1.0"))).ToList();
        server.ResponseDelay = TimeSpan.FromMilliseconds(100);
        var http = new PythonHttpClient(new HttpSettings { MaxParallelRequests = 2, Retry = IndexTestKit.FastRetry });

        var bodies = await Task.WhenAll(files.Select(f => http.GetBytesAsync(new Uri(server.UrlOf(f)))));

        Assert.All(bodies, Assert.NotNull);
        Assert.Equal(2, server.MaxConcurrentRequests);
    }

    [Fact]
    public async Task A_server_that_does_not_answer_in_time_is_retried_then_reported()
    {
        await using var server = await LocalIndexServer.StartAsync();
        server.AddFile("foo-1.0-py3-none-any.whl", TinyWheel.Build("foo", "1.0"));
        server.ResponseDelay = TimeSpan.FromSeconds(5);
        var http = IndexTestKit.Http(retry: IndexTestKit.FastRetry with { MaxAttempts = 2, ReadTimeout = TimeSpan.FromMilliseconds(150) });

        var e = await Assert.ThrowsAsync<LlmPyException>(() => http.GetPageAsync(new Uri(server.IndexUrl + "/foo/"), Accept));

        Assert.Equal(DiagnosticCodes.Http.TransferStalled, e.Code);
        Assert.Contains("no response within 0.2 s", e.Message);
        Assert.Contains("PythonHttpTimeout", e.Message);
        Assert.Equal(2, server.RequestCount("/simple/foo/"));
    }
}
