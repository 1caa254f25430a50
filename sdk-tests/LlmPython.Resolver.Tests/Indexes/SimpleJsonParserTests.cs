using LlmPython.Resolver.Indexes;

namespace LlmPython.Resolver.Tests.Indexes;

public sealed class SimpleJsonParserTests
{
    private static readonly Uri Page = new("https://idx.example.com/simple/foo/");

    [Fact]
    public void Pep691_files_with_all_fields()
    {
        const string json = """
            {"meta": {"api-version": "1.1"}, "name": "foo", "versions": ["1.0", "1.1"],
             "files": [
               {"filename": "foo-1.0-py3-none-any.whl", "url": "../../packages/foo-1.0-py3-none-any.whl",
                "hashes": {"sha256": "AB12"}, "requires-python": ">=3.8", "yanked": "security hole",
                "core-metadata": {"sha256": "cd34"}, "size": 1234},
               {"filename": "foo-1.1.tar.gz", "url": "https://files.example.org/foo-1.1.tar.gz",
                "hashes": {}, "requires-python": null, "yanked": true, "dist-info-metadata": true},
               {"filename": "foo-1.2-py3-none-any.whl", "url": "foo-1.2-py3-none-any.whl", "hashes": {"sha256": "ee"},
                "yanked": false, "core-metadata": false, "dist-info-metadata": {"sha256": "ff"}},
               {"filename": "foo-1.0.exe", "url": "foo-1.0.exe", "hashes": {}}
             ]}
            """;

        var files = SimpleJsonParser.Parse(json, Page);

        Assert.Equal(3, files.Count);
        Assert.Equal("https://idx.example.com/packages/foo-1.0-py3-none-any.whl", files[0].Url.AbsoluteUri);
        Assert.Equal("ab12", files[0].Sha256);
        Assert.Equal(">=3.8", files[0].RequiresPython);
        Assert.True(files[0].Yanked);
        Assert.Equal("security hole", files[0].YankedReason);
        Assert.True(files[0].HasCoreMetadata);
        Assert.Equal("cd34", files[0].CoreMetadataHashes["sha256"]);
        Assert.Equal(1234, files[0].Size);

        Assert.True(files[1].Yanked);
        Assert.Null(files[1].YankedReason);
        Assert.Null(files[1].RequiresPython);
        Assert.True(files[1].HasCoreMetadata);
        Assert.Null(files[1].Size);

        Assert.False(files[2].Yanked);
        Assert.False(files[2].HasCoreMetadata); // core-metadata (PEP 714) wins over dist-info-metadata
        Assert.Equal("https://idx.example.com/simple/foo/foo-1.2-py3-none-any.whl", files[2].Url.AbsoluteUri);
    }

    [Theory]
    [InlineData("""{"meta": {"api-version": "2.0"}, "files": []}""")]
    [InlineData("""{"meta": {"api-version": "1.0"}, "name": "foo"}""")]
    [InlineData("""{"meta": {"api-version": "1.0"}, "files": [{"url": "x.whl"}]}""")]
    [InlineData("""<html>not json</html>""")]
    [InlineData("""[1, 2]""")]
    public void Documents_that_are_not_pep691_pages_throw_FormatException(string json) =>
        Assert.Throws<FormatException>(() => SimpleJsonParser.Parse(json, Page));
}
