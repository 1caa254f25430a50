using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Http;
using LlmPython.Resolver.Indexes;
using LlmPython.TestSupport;

namespace LlmPython.Resolver.Tests.Indexes;

public sealed class SimpleIndexClientTests
{
    [Theory]
    [InlineData(true, LocalIndexLinkStyle.Relative)]
    [InlineData(false, LocalIndexLinkStyle.Relative)]
    [InlineData(true, LocalIndexLinkStyle.Absolute)]
    [InlineData(false, LocalIndexLinkStyle.RootRelative)]
    [InlineData(false, LocalIndexLinkStyle.BaseHref)]
    public async Task Html_and_json_pages_give_the_same_files(bool json, LocalIndexLinkStyle style)
    {
        await using var server = await LocalIndexServer.StartAsync();
        server.ServeJson = json;
        server.LinkStyle = style;
        var wheel = server.AddFile("My_Pkg-1.0-py3-none-any.whl", TinyWheel.Build("My_Pkg", "1.0"), new() { RequiresPython = ">=3.9,<4" });
        var sdist = server.AddFile("my.pkg-1.1.tar.gz", [1, 2, 3], new() { Yanked = true, YankedReason = "oops" });

        var page = await new SimpleIndexClient(IndexTestKit.Http(), server.IndexUrl).GetProjectAsync("MY.PKG");

        Assert.NotNull(page);
        Assert.Equal("my-pkg", page.Name);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/simple/my-pkg/", request.Path);
        Assert.StartsWith("application/vnd.pypi.simple.v1+json", request.Accept);
        Assert.Equal([server.UrlOf(wheel), server.UrlOf(sdist)], page.Files.Select(f => f.Url.AbsoluteUri));
        Assert.Equal(wheel.Sha256, page.Files[0].Sha256);
        Assert.Equal(">=3.9,<4", page.Files[0].RequiresPython);
        Assert.True(page.Files[0].HasCoreMetadata);
        Assert.Equal(wheel.MetadataSha256, page.Files[0].CoreMetadataHashes["sha256"]);
        Assert.True(page.Files[1].Yanked);
        Assert.Equal("oops", page.Files[1].YankedReason);
        Assert.False(page.Files[1].HasCoreMetadata);
        if (json) Assert.Equal(wheel.Content.Length, page.Files[0].Size);
    }

    [Fact]
    public async Task PyTorch_backend_index_with_encoded_relative_links()
    {
        await using var server = await LocalIndexServer.StartAsync();
        var file = server.AddPyTorchFile("cu118", "torch-2.4.0+cu118-cp311-cp311-linux_x86_64.whl", TinyWheel.Build("torch", "2.4.0+cu118"));
        server.ServeJson = false;

        var client = new SimpleIndexClient(IndexTestKit.Http(), LlmPython.Resolver.Accelerators.BackendSelector.IndexUrlFor(server.PyTorchIndexUrl, "cu118"));
        var page = await client.GetProjectAsync("torch");

        var f = Assert.Single(page!.Files);
        Assert.Equal("torch-2.4.0+cu118-cp311-cp311-linux_x86_64.whl", f.FileName);
        Assert.Equal(server.PyTorchIndexUrl + "/torch-2.4.0%2Bcu118-cp311-cp311-linux_x86_64.whl", f.Url.AbsoluteUri);
        Assert.Equal(file.Sha256, f.Sha256);
        Assert.Null(await client.GetProjectAsync("numpy"));
    }

    [Fact]
    public async Task Unknown_project_is_null_and_a_broken_page_is_LLMPY0303()
    {
        await using var server = await LocalIndexServer.StartAsync();
        server.AddRaw("/simple/broken/", """{"meta": {"api-version": "9.0"}, "files": []}""", "application/vnd.pypi.simple.v1+json");
        var client = new SimpleIndexClient(IndexTestKit.Http(), server.IndexUrl);

        Assert.Null(await client.GetProjectAsync("missing"));
        var e = await Assert.ThrowsAsync<LlmPyException>(() => client.GetProjectAsync("broken"));
        Assert.Equal(DiagnosticCodes.Http.MalformedPage, e.Code);
        Assert.Equal("broken", e.PackageName);
    }

    [Fact]
    public void A_non_http_index_url_is_LLMPY0307() =>
        Assert.Equal(DiagnosticCodes.Http.UnsupportedUrl,
            Assert.Throws<LlmPyException>(() => new SimpleIndexClient(IndexTestKit.Http(), "ftp://user:pw@example.com/simple")).Code);
}
