using LlmPython.Sdk.EndToEnd.Harness;
using LlmPython.TestSupport;

namespace LlmPython.Sdk.EndToEnd;

/// <summary>
/// dotnet build of an app whose dependency has only an sdist: refused with LLMPY0031 (naming the package and the property)
/// until the item says AllowSourceBuild="true"; then built by setuptools from a real index, locked as an sdist, imported,
/// and a second build is up to date.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class SourceBuildTests : IDisposable
{
    private readonly PackedSdk _sdk = PackedSdk.Instance;
    private readonly LocalIndexServer _server = LocalIndexServer.Start();

    public SourceBuildTests()
    {
        foreach (var (file, content) in BuildBackendWheels.All()) _server.AddFile(file, content);
        var app = new WheelBuilder("nlp-app", "1.0").AddFile("nlp_app/__init__.py", "import jieba\n\ndef words(s):\n    return jieba.cut(s)\n");
        app.RequiresDist.Add("jieba>=0.42");
        _server.AddFile(app.FileName, app.Build());
        var jieba = new SdistArchiveBuilder("jieba", "0.42.1").PkgInfo("1.0")
            .Add("setup.py", "from setuptools import setup\nsetup(name='jieba', version='0.42.1', packages=['jieba'])\n")
            .Add("jieba/__init__.py", "def cut(text):\n    return text.split()\n");
        _server.AddFile(jieba.FileName, jieba.Build());
    }

    [Fact]
    public void An_sdist_only_dependency_is_refused_then_built_when_the_item_allows_it()
    {
        var project = TestProject.ConsoleApp(_sdk, "SdistApp", AppProjectXml.FromIndex(_server.IndexUrl, """    <PythonPackage Include="nlp-app" />"""));

        var refused = project.Build().ShouldFail();
        Assert.Contains("error LLMPY0031", refused.Output, StringComparison.Ordinal);
        Assert.Contains("jieba 0.42.1 (jieba-0.42.1.tar.gz)", refused.Output, StringComparison.Ordinal);
        Assert.Contains("<PythonSourceBuildPackages>jieba</PythonSourceBuildPackages>", refused.Output, StringComparison.Ordinal);

        project.WithProjectFile(AppProjectXml.FromIndex(_server.IndexUrl, """
                <PythonPackage Include="nlp-app" />
                <PythonPackage Include="jieba" AllowSourceBuild="true" />
            """));
        var built = project.Build().ShouldSucceed();

        var jieba = LockFileView.Single(project.PathOf("python.lock.json"), "jieba");
        Assert.EndsWith("/jieba-0.42.1.tar.gz", jieba.Url, StringComparison.Ordinal);
        VenvPython.Run(project.PathOf("obj/python/venv"), "-c", "import nlp_app; print(nlp_app.words('a b'))").ShouldSucceed();
        Assert.True(File.Exists(project.PathOf("obj/python/build-logs/jieba-0.42.1.log")));
        var second = project.Build().ShouldSucceed();
        Assert.Contains("Python environment is up to date for SdistApp.csproj", second.Output, StringComparison.Ordinal);
    }

    public void Dispose() => _server.Dispose();
}
