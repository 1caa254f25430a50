using LlmPython.Sdk.EndToEnd.Harness;
using LlmPython.TestSupport;

namespace LlmPython.Sdk.EndToEnd;

/// <summary>
/// PythonIndexUrl pointing at an nginx <c>proxy_cache</c> in front of the origin index, configured as
/// docs/caching-proxy.md tells a CI fleet: pages with absolute origin URLs (rewritten to the proxy) and with
/// relative ones both resolve through the proxy; a second build with an empty SDK cache is served by the proxy
/// alone (no new origin request); with the origin stopped a third still builds.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class CachingProxyBuildTests : IDisposable
{
    private readonly PackedSdk _sdk = PackedSdk.Instance;
    private readonly string _root;
    private readonly NginxServer _origin;
    private readonly NginxServer _proxy;

    public CachingProxyBuildTests()
    {
        _root = Directory.CreateTempSubdirectory("llmpy-proxy-").FullName;
        var site = Path.Combine(_root, "site");
        Directory.CreateDirectory(site);
        _origin = NginxServer.Start(Path.Combine(_root, "origin"), StaticSimpleIndex.NginxLocations(site));
        // Like PyPI, some pages link their files by absolute URL on the origin host; the others relatively.
        StaticSimpleIndex.Write(site, ThreeStackSolution.Wheels(), _origin.BaseUrl, new HashSet<string> { "gamma-core", "data-tools", "io-helpers" });
        _proxy = NginxServer.Start(Path.Combine(_root, "proxy"), ProxyLocation(_origin.BaseUrl),
            "proxy_cache_path {folder}/cache levels=1:2 keys_zone=pypi:10m max_size=1g inactive=30d use_temp_path=off;");
    }

    /// <summary>The location block of docs/caching-proxy.md with the origin (one host for pages and files here).</summary>
    private static string ProxyLocation(string origin) => $$"""
        location / {
          proxy_pass {{origin}};
          proxy_set_header Accept-Encoding "";
          proxy_cache pypi;
          proxy_cache_key $scheme$proxy_host$request_uri$http_accept;
          proxy_cache_revalidate on;
          proxy_cache_lock on;
          proxy_cache_use_stale error timeout updating http_500 http_502 http_503 http_504;
          sub_filter '{{origin}}/' '$scheme://$http_host/';
          sub_filter_once off;
          sub_filter_types application/vnd.pypi.simple.v1+json;
          add_header X-Cache-Status $upstream_cache_status;
        }
        """;

    [Fact]
    public void Builds_through_the_proxy_then_from_the_proxy_alone_then_with_the_origin_down()
    {
        var first = BuildApp("ProxyA");
        var locked = LockFileView.Read(first.PathOf("python.lock.json"));
        Assert.Equal(ThreeStackSolution.Expected["gamma-core"].Count, locked.Count);
        // Absolute links were rewritten to the proxy, relative ones resolve against it: nothing names the origin.
        Assert.All(locked, p => Assert.StartsWith(_proxy.BaseUrl + "/files/", p.Url));
        var originRequests = _origin.Requests().Count;
        Assert.True(originRequests > 0);

        // A new project with an empty SDK cache: every page and file comes from the proxy's cache.
        BuildApp("ProxyB");
        Assert.Equal(originRequests, _origin.Requests().Count);

        // The origin is down: the proxy serves what it has, and the build still succeeds.
        _origin.Stop();
        BuildApp("ProxyC");
        Assert.Equal(originRequests, _origin.Requests().Count);
    }

    private TestProject BuildApp(string name)
    {
        var project = TestProject.ConsoleApp(_sdk, name, AppProjectXml.FromIndex(_proxy.BaseUrl + "/simple", """<PythonPackage Include="gamma-core" />"""));
        project.Build().ShouldSucceed();
        VenvPython.Run(project.PathOf("obj/python/venv"), "-c", "import gamma_core, data_tools, text_utils, io_helpers, common_utils; print(common_utils.VERSION)").ShouldSucceed();
        VenvPython.PipCheck(project.PathOf("obj/python/venv")).ShouldSucceed();
        return project;
    }

    public void Dispose()
    {
        _proxy.Dispose();
        _origin.Dispose();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
