using LlmPython.Sdk.EndToEnd.Harness;
using LlmPython.TestSupport;

namespace LlmPython.Sdk.EndToEnd;

/// <summary>
/// PythonIndexUrl pointing at an nginx <c>proxy_cache</c> in front of the origin index, configured by the very
/// <c>```nginx</c> block of docs/caching-proxy.md (<see cref="NginxProxyConfig"/>): pages with absolute origin URLs
/// (rewritten to the proxy) and with relative ones both resolve through the proxy; a second build with an empty SDK
/// cache is served by the proxy alone (no new origin request); with the origin stopped a third still builds, also
/// when every page the proxy holds has expired (served STALE per <c>proxy_cache_use_stale</c>).
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class CachingProxyBuildTests : IDisposable
{
    private static readonly string[] StaleStatuses = ["STALE", "UPDATING"];
    private readonly PackedSdk _sdk = PackedSdk.Instance;
    private readonly string _root = Directory.CreateTempSubdirectory("llmpy-proxy-").FullName;
    private NginxServer? _origin;
    private NginxServer? _proxy;

    [Fact]
    public void Builds_through_the_proxy_then_from_the_proxy_alone_then_with_the_origin_down()
    {
        var (origin, proxy) = Start("max-age=600, public");
        var first = BuildApp("ProxyA");
        var locked = LockFileView.Read(first.PathOf("python.lock.json"));
        Assert.Equal(ThreeStackSolution.Expected["gamma-core"].Count, locked.Count);
        // Absolute links were rewritten to the proxy, relative ones resolve against it: nothing names the origin.
        Assert.All(locked, p => Assert.StartsWith(proxy.BaseUrl + "/files/", p.Url));
        var originRequests = origin.Requests().Count;
        Assert.True(originRequests > 0);

        // A new project with an empty SDK cache: every page and file comes from the proxy's cache.
        var logged = proxy.Requests().Count;
        BuildApp("ProxyB");
        Assert.Equal(originRequests, origin.Requests().Count);
        Assert.All(proxy.Requests().Skip(logged), r => Assert.Equal("HIT", r.CacheStatus));

        // The origin is down: the proxy serves what it has, and the build still succeeds.
        origin.Stop();
        BuildApp("ProxyC");
        Assert.Equal(originRequests, origin.Requests().Count);
    }

    [Fact]
    public void Builds_from_stale_pages_while_the_origin_is_down()
    {
        // The origin lets pages be kept for 1 s: once it is gone, every page the proxy holds is stale.
        var (origin, proxy) = Start("max-age=1");
        BuildApp("FreshA");
        var originRequests = origin.Requests().Count;
        origin.Stop();
        Thread.Sleep(TimeSpan.FromSeconds(2.5));

        var logged = proxy.Requests().Count;
        BuildApp("StaleB"); // an empty SDK cache: every page and file is asked of the proxy
        var served = proxy.Requests().Skip(logged).ToList();
        var pages = served.Where(r => r.Path.StartsWith("/simple/", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(pages);
        Assert.All(pages, r => Assert.Contains(r.CacheStatus, StaleStatuses));
        Assert.All(pages, r => Assert.Equal(200, r.Status));
        Assert.All(served.Where(r => r.Path.StartsWith("/files/", StringComparison.Ordinal)), r => Assert.Equal("HIT", r.CacheStatus));
        // Nothing reached the origin (it is down), and the proxy did try it: its error log names the refused upstream.
        Assert.Equal(originRequests, origin.Requests().Count);
        Assert.Contains("connect() failed", proxy.ErrorLog());
    }

    /// <summary>The origin (pages sent with <paramref name="pageCacheControl"/>) and the documented proxy in front of it.</summary>
    private (NginxServer Origin, NginxServer Proxy) Start(string pageCacheControl)
    {
        var site = Path.Combine(_root, "site");
        Directory.CreateDirectory(site);
        _origin = NginxServer.Start(Path.Combine(_root, "origin"), StaticSimpleIndex.NginxLocations(site, pageCacheControl));
        // Like PyPI, some pages link their files by absolute URL on the origin host; the others relatively.
        StaticSimpleIndex.Write(site, ThreeStackSolution.Wheels(), _origin.BaseUrl, new HashSet<string> { "gamma-core", "data-tools", "io-helpers" });
        var config = NginxProxyConfig.FromDoc(Path.Combine(RepoPaths.Root, "docs", "caching-proxy.md"), _origin.BaseUrl);
        _proxy = NginxServer.Start(Path.Combine(_root, "proxy"), config.Locations, config.HttpDirectives);
        return (_origin, _proxy);
    }

    private TestProject BuildApp(string name)
    {
        var project = TestProject.ConsoleApp(_sdk, name, AppProjectXml.FromIndex(_proxy!.BaseUrl + "/simple", """<PythonPackage Include="gamma-core" />"""));
        project.Build().ShouldSucceed();
        VenvPython.Run(project.PathOf("obj/python/venv"), "-c", "import gamma_core, data_tools, text_utils, io_helpers, common_utils; print(common_utils.VERSION)").ShouldSucceed();
        VenvPython.PipCheck(project.PathOf("obj/python/venv")).ShouldSucceed();
        return project;
    }

    public void Dispose()
    {
        _proxy?.Dispose();
        _origin?.Dispose();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
