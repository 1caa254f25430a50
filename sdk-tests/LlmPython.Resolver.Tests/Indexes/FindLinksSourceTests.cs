using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Http;
using LlmPython.Resolver.Indexes;
using LlmPython.TestSupport;

namespace LlmPython.Resolver.Tests.Indexes;

public sealed class FindLinksSourceTests
{
    [Fact]
    public async Task Html_page_of_links_grouped_by_project()
    {
        await using var server = await LocalIndexServer.StartAsync();
        server.AddFindLinksFile("modelscope-1.9.0-py3-none-any.whl", TinyWheel.Build("modelscope", "1.9.0"));
        server.AddFindLinksFile("autoawq-0.2.5+cu118-cp311-cp311-linux_x86_64.whl", TinyWheel.Build("autoawq", "0.2.5"));
        var source = new FindLinksSource(IndexTestKit.Http(), server.FindLinksUrl);

        var page = await source.GetProjectAsync("AutoAWQ");

        var file = Assert.Single(page!.Files);
        Assert.Equal("autoawq-0.2.5+cu118-cp311-cp311-linux_x86_64.whl", file.FileName);
        Assert.Equal(server.FindLinksUrl + "autoawq-0.2.5%2Bcu118-cp311-cp311-linux_x86_64.whl", file.Url.AbsoluteUri);
        Assert.NotNull(await source.GetProjectAsync("modelscope"));
        Assert.Null(await source.GetProjectAsync("torch"));
        Assert.Equal(1, server.RequestCount("/find-links/"));
    }

    [Fact]
    public async Task Local_folder_of_wheels_relative_to_the_project()
    {
        using var temp = new TempFolder();
        var wheels = Directory.CreateDirectory(Path.Combine(temp.Path, "wheels")).FullName;
        await File.WriteAllBytesAsync(Path.Combine(wheels, "bar-2.0-py3-none-any.whl"), TinyWheel.Build("bar", "2.0"));
        await File.WriteAllTextAsync(Path.Combine(wheels, "notes.txt"), "not a wheel");

        var page = await new FindLinksSource(IndexTestKit.Http(), "wheels", temp.Path).GetProjectAsync("bar");

        var file = Assert.Single(page!.Files);
        Assert.True(file.IsLocal);
        Assert.Equal(Path.Combine(wheels, "bar-2.0-py3-none-any.whl"), file.Url.LocalPath);
        var missing = await Assert.ThrowsAsync<LlmPyException>(() => new FindLinksSource(IndexTestKit.Http(), "nope", temp.Path).GetProjectAsync("bar"));
        Assert.Equal(DiagnosticCodes.Http.LocalSourceMissing, missing.Code);
    }

    [Fact]
    public void Direct_wheel_references_keep_their_hash_fragment()
    {
        Assert.True(DirectWheel.IsDirectReference("wheels/autoawq-0.2.5+cu118-cp311-cp311-linux_x86_64.whl"));
        Assert.False(DirectWheel.IsDirectReference("torch"));
        var remote = DirectWheel.FromInclude("https://u:p@host/x/foo-1.0-py3-none-any.whl#sha256=AB", "/");
        Assert.Equal("https://host/x/foo-1.0-py3-none-any.whl", remote.Url.AbsoluteUri);
        Assert.Equal("ab", remote.Sha256);
        Assert.Equal(DiagnosticCodes.Http.LocalSourceMissing,
            Assert.Throws<LlmPyException>(() => DirectWheel.FromInclude("missing-1.0-py3-none-any.whl", Path.GetTempPath())).Code);
    }
}
