using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using LlmPython.TestSupport;

namespace LlmPython.Resolver.Tests.Indexes;

/// <summary>The test server itself: layouts and knobs other engineers rely on.</summary>
public sealed class LocalIndexServerTests
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler { AllowAutoRedirect = true });

    [Fact]
    public async Task Html_page_lists_files_with_hash_requires_python_yank_and_metadata()
    {
        await using var server = await LocalIndexServer.StartAsync();
        var wheel = TinyWheel.Build("Foo_Bar", "1.0");
        var file = server.AddFile("Foo_Bar-1.0-py3-none-any.whl", wheel, new() { RequiresPython = ">=3.8", Yanked = true, YankedReason = "bad <build>" });

        var html = await Http.GetStringAsync(server.IndexUrl + "/foo-bar/");

        Assert.Contains($"href=\"../../packages/Foo_Bar-1.0-py3-none-any.whl#sha256={file.Sha256}\"", html);
        Assert.Contains("data-requires-python=\"&gt;=3.8\"", html);
        Assert.Contains("data-yanked=\"bad &lt;build&gt;\"", html);
        Assert.Contains($"data-core-metadata=\"sha256={file.MetadataSha256}\"", html);
        var metadata = await Http.GetStringAsync(server.UrlOf(file) + ".metadata");
        Assert.Contains("Name: Foo_Bar", metadata);
    }

    [Fact]
    public async Task Json_when_accept_prefers_it_and_redirect_for_unnormalized_names()
    {
        await using var server = await LocalIndexServer.StartAsync();
        server.AddFile("foo-1.0-py3-none-any.whl", TinyWheel.Build("foo", "1.0"));
        using var request = new HttpRequestMessage(HttpMethod.Get, server.IndexUrl + "/FOO");
        request.Headers.Accept.ParseAdd("application/vnd.pypi.simple.v1+json, text/html;q=0.1");
        using var response = await Http.SendAsync(request);

        Assert.Equal("application/vnd.pypi.simple.v1+json", response.Content.Headers.ContentType?.MediaType);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var f = doc.RootElement.GetProperty("files")[0];
        Assert.Equal("foo-1.0-py3-none-any.whl", f.GetProperty("filename").GetString());
        Assert.False(f.GetProperty("yanked").GetBoolean());
        Assert.True(f.GetProperty("size").GetInt32() > 0);
        Assert.Equal(404, (int)(await Http.GetAsync(server.IndexUrl + "/nope/")).StatusCode);
    }

    [Fact]
    public async Task PyTorch_layout_uses_encoded_relative_links()
    {
        await using var server = await LocalIndexServer.StartAsync();
        var name = "torch-2.4.0+cu118-cp311-cp311-linux_x86_64.whl";
        server.AddPyTorchFile("cu118", name, TinyWheel.Build("torch", "2.4.0+cu118"));

        var html = await Http.GetStringAsync(server.PyTorchIndexUrl + "/cu118/torch/");
        Assert.Contains("href=\"../../torch-2.4.0%2Bcu118-cp311-cp311-linux_x86_64.whl#sha256=", html);
        var bytes = await Http.GetByteArrayAsync(new Uri(new Uri(server.PyTorchIndexUrl + "/cu118/torch/"), "../../torch-2.4.0%2Bcu118-cp311-cp311-linux_x86_64.whl"));
        Assert.True(bytes.Length > 0);
    }

    [Fact]
    public async Task Range_conditional_failures_and_auth_knobs()
    {
        await using var server = await LocalIndexServer.StartAsync();
        var file = server.AddFile("foo-1.0-py3-none-any.whl", TinyWheel.Build("foo", "1.0"));
        var url = server.UrlOf(file);

        using (var ranged = new HttpRequestMessage(HttpMethod.Get, url))
        {
            ranged.Headers.Range = new RangeHeaderValue(null, 22);
            using var r = await Http.SendAsync(ranged);
            Assert.Equal(HttpStatusCode.PartialContent, r.StatusCode);
            Assert.Equal(file.Content[^22..], await r.Content.ReadAsByteArrayAsync());
        }
        server.AcceptRanges = false;
        using (var ignored = new HttpRequestMessage(HttpMethod.Get, url))
        {
            ignored.Headers.Range = new RangeHeaderValue(null, 22);
            using var r = await Http.SendAsync(ignored);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        }
        using (var first = await Http.GetAsync(url))
        using (var conditional = new HttpRequestMessage(HttpMethod.Get, url))
        {
            conditional.Headers.IfNoneMatch.Add(first.Headers.ETag!);
            using var r = await Http.SendAsync(conditional);
            Assert.Equal(HttpStatusCode.NotModified, r.StatusCode);
        }
        server.FailNext(file.UrlPath, 1, LocalIndexFailure.ConnectionReset);
        await Assert.ThrowsAsync<HttpRequestException>(() => Http.GetByteArrayAsync(url));
        server.FailNext(file.UrlPath, 1);
        Assert.Equal(HttpStatusCode.InternalServerError, (await Http.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync(url)).StatusCode);
        Assert.Equal(7, server.RequestCount(file.UrlPath));

        server.RequireBasicAuth("user", "secret");
        Assert.Equal(HttpStatusCode.Unauthorized, (await Http.GetAsync(url)).StatusCode);
        using var authed = new HttpRequestMessage(HttpMethod.Get, url);
        authed.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("user:secret")));
        Assert.Equal(HttpStatusCode.OK, (await Http.SendAsync(authed)).StatusCode);
    }

    [Fact]
    public async Task Find_links_page_and_metadata_switch()
    {
        await using var server = await LocalIndexServer.StartAsync();
        var file = server.AddFindLinksFile("bar-2.0-py3-none-any.whl", TinyWheel.Build("bar", "2.0"));
        server.MetadataFiles = false;

        var html = await Http.GetStringAsync(server.FindLinksUrl);
        Assert.Contains("href=\"bar-2.0-py3-none-any.whl#sha256=", html);
        Assert.DoesNotContain("data-core-metadata", html);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync(server.UrlOf(file) + ".metadata")).StatusCode);
    }

    [Fact]
    public async Task Folders_register_every_distribution_on_the_chosen_layout()
    {
        var folder = Directory.CreateTempSubdirectory("llmpy-lis-").FullName;
        try
        {
            await File.WriteAllBytesAsync(Path.Combine(folder, "a_b-1.0-py3-none-any.whl"), TinyWheel.Build("a_b", "1.0"));
            await File.WriteAllBytesAsync(Path.Combine(folder, "a_b-1.0.tar.gz"), [1, 2]);
            await File.WriteAllTextAsync(Path.Combine(folder, "README.md"), "skip me");
            await using var server = await LocalIndexServer.StartAsync();

            Assert.Equal(2, server.AddFolder(folder).Count);
            Assert.Equal(2, server.AddFolder(folder, "extra").Count);
            Assert.Equal(2, server.AddPyTorchFolder("cpu", folder).Count);
            Assert.Contains("a_b-1.0.tar.gz", await Http.GetStringAsync(server.IndexUrl + "/a-b/"));
            Assert.Contains("a_b-1.0.tar.gz", await Http.GetStringAsync(server.NamedIndexUrl("extra") + "/a-b/"));
            Assert.Contains("../../a_b-1.0-py3-none-any.whl", await Http.GetStringAsync(server.PyTorchIndexUrl + "/cpu/a-b/"));
            Assert.Contains("a-b/", await Http.GetStringAsync(server.IndexUrl + "/"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
