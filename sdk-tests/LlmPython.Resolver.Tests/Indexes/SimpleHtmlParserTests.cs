using LlmPython.Resolver.Indexes;

namespace LlmPython.Resolver.Tests.Indexes;

public sealed class SimpleHtmlParserTests
{
    private static readonly Uri Page = new("https://idx.example.com/simple/torch/");

    [Fact]
    public void Tricky_links_resolve_against_the_page()
    {
        const string html = """
            <!DOCTYPE html><html><body>
            <!-- <a href="commented-1.0-py3-none-any.whl">ignored</a> -->
            <a href="../../whl/torch-2.4.0%2Bcu118-cp311-cp311-linux_x86_64.whl#sha256=ABCDEF01">torch-2.4.0+cu118</a><br/>
            <a href="/files/torch-2.3.0-cp311-cp311-manylinux1_x86_64.whl#md5=0123abcd">root relative</a>
            <A HREF='https://files.example.org/p/torch-2.2.0.tar.gz#sha512=ff00'>single quoted, upper case</A>
            <a href=torch-2.1.0-cp311-none-any.whl>unquoted, same folder</a>
            <a href="https://user:pw@cdn.example.org/torch-2.0.0-py3-none-any.whl">with credentials</a>
            <a href="../">parent</a> <a href="readme.txt">not a distribution</a> <a name="anchor">no href</a>
            </body></html>
            """;

        var files = SimpleHtmlParser.Parse(html, Page);

        Assert.Equal(
        [
            "https://idx.example.com/whl/torch-2.4.0%2Bcu118-cp311-cp311-linux_x86_64.whl",
            "https://idx.example.com/files/torch-2.3.0-cp311-cp311-manylinux1_x86_64.whl",
            "https://files.example.org/p/torch-2.2.0.tar.gz",
            "https://idx.example.com/simple/torch/torch-2.1.0-cp311-none-any.whl",
            "https://cdn.example.org/torch-2.0.0-py3-none-any.whl",
        ], files.Select(f => f.Url.AbsoluteUri));
        Assert.Equal("torch-2.4.0+cu118-cp311-cp311-linux_x86_64.whl", files[0].FileName);
        Assert.Equal("abcdef01", files[0].Sha256);
        Assert.Equal("0123abcd", files[1].Hashes["md5"]);
        Assert.Null(files[1].Sha256);
        Assert.Equal("ff00", files[2].Hashes["sha512"]);
        Assert.All(files, f => Assert.Equal("torch", f.Project));
    }

    [Fact]
    public void Base_href_applies_to_every_link()
    {
        const string html = """
            <html><head><base href="https://mirror.example.net/packages/"></head>
            <body><a href="foo-1.0-py3-none-any.whl#sha256=aa">foo</a><a href="sub/foo-1.1.tar.gz">foo</a></body></html>
            """;

        var files = SimpleHtmlParser.Parse(html, Page);

        Assert.Equal(["https://mirror.example.net/packages/foo-1.0-py3-none-any.whl", "https://mirror.example.net/packages/sub/foo-1.1.tar.gz"],
            files.Select(f => f.Url.AbsoluteUri));
    }

    [Fact]
    public void Data_attributes_are_unescaped_and_interpreted()
    {
        const string html = """
            <a href="a-1.0-py3-none-any.whl" data-requires-python="&gt;=3.8,&lt;4" data-yanked="broken &amp; bad" data-core-metadata="sha256=BEEF">a</a>
            <a href="a-1.1-py3-none-any.whl" data-yanked data-dist-info-metadata="true">a</a>
            <a href="a-1.2-py3-none-any.whl" data-yanked="" data-requires-python="  " data-core-metadata="false">a</a>
            <a href="a-1.3-py3-none-any.whl" data-dist-info-metadata="sha256=aa" data-core-metadata="sha256=bb">a</a>
            """;

        var files = SimpleHtmlParser.Parse(html, Page);

        Assert.Equal(">=3.8,<4", files[0].RequiresPython);
        Assert.True(files[0].Yanked);
        Assert.Equal("broken & bad", files[0].YankedReason);
        Assert.True(files[0].HasCoreMetadata);
        Assert.Equal("beef", files[0].CoreMetadataHashes["sha256"]);
        Assert.Equal("https://idx.example.com/simple/torch/a-1.0-py3-none-any.whl.metadata", files[0].CoreMetadataUrl.AbsoluteUri);

        Assert.True(files[1].Yanked);
        Assert.Null(files[1].YankedReason);
        Assert.True(files[1].HasCoreMetadata);
        Assert.Empty(files[1].CoreMetadataHashes);

        Assert.True(files[2].Yanked);
        Assert.Null(files[2].RequiresPython);
        Assert.False(files[2].HasCoreMetadata);

        Assert.Equal("bb", files[3].CoreMetadataHashes["sha256"]); // PEP 714: data-core-metadata wins
        Assert.False(files[3].Yanked);
    }
}
