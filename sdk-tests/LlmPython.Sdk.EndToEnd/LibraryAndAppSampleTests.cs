using LlmPython.Sdk.EndToEnd.Harness;

namespace LlmPython.Sdk.EndToEnd;

/// <summary>samples/LibraryAndApp, copied out of the repo: the App's environment gets the Library's public Python package, not its private one.</summary>
[Trait("Category", "EndToEnd")]
public sealed class LibraryAndAppSampleTests
{
    private readonly PackedSdk _sdk = PackedSdk.Instance;

    [Fact]
    public void App_RunsTheLibrarysPythonCode_WithoutTheLibrarysPrivatePackage()
    {
        var root = TestProject.Create(_sdk, "LibAppSample");
        string sample = SampleCopy.Copy(root.Directory, "LibraryAndApp", _sdk.Version);
        SampleCopy.Copy(root.Directory, Path.Combine("QuickStart", "wheels"), _sdk.Version);
        root.Environment["LLMPYTHON_CACHE"] = root.PathOf("cache");
        string app = Path.Combine(sample, "App");
        string library = Path.Combine(sample, "Library");

        var run = DotnetCli.Run(root.Directory, root.Environment, "run", "--project", Path.Combine(app, "App.csproj")).ShouldSucceed();

        Assert.Contains("| hello-llm 0.1.0 (tiny-tokenizer 0.2.0): 8 tokens in 'Hello from a library, via Python!' |", run.StdOut, StringComparison.Ordinal);
        Assert.Contains("sample-lint installed: False", run.StdOut, StringComparison.Ordinal);

        var appPackages = LockFileView.Read(Path.Combine(app, "python.lock.json")).Select(r => r.Name).Order(StringComparer.Ordinal);
        Assert.Equal(["banner-text", "hello-llm", "tiny-tokenizer"], appPackages);
        string appVenv = Path.Combine(app, "obj", "python", "venv");
        VenvPython.Run(appVenv, "-c", "import hello_llm, tiny_tokenizer, banner_text").ShouldSucceed();
        VenvPython.Run(appVenv, "-c", "import sample_lint").ShouldFail();

        // The library's own environment does have its private tool (and not the app's package).
        var libraryPackages = LockFileView.Read(Path.Combine(library, "python.lock.json")).Select(r => r.Name).Order(StringComparer.Ordinal);
        Assert.Equal(["hello-llm", "sample-lint", "tiny-tokenizer"], libraryPackages);
    }
}
