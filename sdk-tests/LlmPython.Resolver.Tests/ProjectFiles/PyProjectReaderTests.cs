using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.ProjectFiles;
using LlmPython.Resolver.Restore;

namespace LlmPython.Resolver.Tests.ProjectFiles;

/// <summary>pyproject.toml: [project] dependencies and extras, requires-python, uv index pins; the rest ignored once.</summary>
public sealed class PyProjectReaderTests : IDisposable
{
    private readonly ProjectFileFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private const string Full = """
        [build-system]
        requires = ["hatchling"]

        [project]
        name = "My_App"
        version = "0.1.0"
        requires-python = ">=3.10"
        dependencies = [
          "transformers>=4.37",
          "torch==2.4.0 ; sys_platform == 'linux'",
          "my-app[cpu]",
        ]

        [project.optional-dependencies]
        GPU = ["accelerate>=0.26", "bitsandbytes"]
        cpu = ["onnxruntime"]

        [[tool.uv.index]]
        name = "pytorch"
        url = "https://download.pytorch.org/whl/cu124"
        explicit = true

        [[tool.uv.index]]
        name = "mirror"
        url = "https://mirror.example/simple"
        default = true

        [tool.uv.sources]
        torch = { index = "pytorch" }

        [tool.uv]
        dev-dependencies = ["pytest"]

        [tool.ruff]
        line-length = 100
        """;

    private ProjectFileInputs Read(string toml, params string[] extras)
    {
        var inputs = new ProjectFileInputs();
        PyProjectReader.Read(_folder.Write("pyproject.toml", toml), extras, inputs);
        return inputs;
    }

    [Fact]
    public void Dependencies_Extras_SelfReference_IndexPins_AndRequiresPython_BecomeItems()
    {
        var inputs = Read(Full, "gpu");

        Assert.Equal(
            ["transformers|>=4.37|", "torch|==2.4.0|pytorch", "onnxruntime||", "accelerate|>=0.26|", "bitsandbytes||"],
            inputs.Packages.Select(p => $"{p.Include}|{p.Version}|{p.Index}"));
        Assert.Equal("sys_platform == \"linux\"", inputs.Packages[1].Markers);
        Assert.Equal(new IndexItem("https://download.pytorch.org/whl/cu124", "pytorch", Explicit: true), Assert.Single(inputs.Indexes));
        Assert.Equal("https://mirror.example/simple", inputs.IndexUrl);
        Assert.Equal(">=3.10", Assert.Single(inputs.RequiresPython).Specifier);
        var note = Assert.Single(inputs.Notes);
        Assert.False(note.Important);
        Assert.Contains("ignored [build-system], [tool.ruff], [tool.uv] dev-dependencies", note.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutExtras_OnlyDependencies_AndNoNoteWhenNothingIsIgnored()
    {
        var inputs = Read("""
            [project]
            name = "app"
            dependencies = ["alpha"]
            [project.optional-dependencies]
            gpu = ["beta"]
            """);
        Assert.Equal("alpha", Assert.Single(inputs.Packages).Include);
        Assert.Empty(inputs.Notes);
    }

    [Theory]
    [InlineData("[tool.x]\na = 1", "LLMPY0081")]
    [InlineData("[project]\nname = \"a\"\ndynamic = [\"dependencies\"]", "LLMPY0081")]
    [InlineData("[project]\ndependencies = \"alpha\"", "LLMPY0081")]
    [InlineData("[project]\ndependencies = [\"al pha ==\"]", "LLMPY0071")]
    [InlineData("[project]\ndependencies = [\"alpha @ git+https://x/y\"]", "LLMPY0078")]
    [InlineData("[project\ndependencies = [", "LLMPY0080")]
    [InlineData("[project]\ndependencies = [\"alpha\"]\n[tool.uv.sources]\nalpha = { git = \"https://x/alpha\" }", "LLMPY0084")]
    [InlineData("[project]\ndependencies = []\n[[tool.uv.index]]\nname = \"x\"", "LLMPY0084")]
    public void BadProject_IsACodedError_NamingTheFile(string toml, string code)
    {
        var error = Assert.Throws<LlmPyException>(() => Read(toml));
        Assert.Equal(code, error.Code);
        Assert.Equal(_folder.PathOf("pyproject.toml"), error.SourceFile);
    }

    [Fact]
    public void UnknownExtra_IsLLMPY0082_ListingTheDefinedOnes()
    {
        var error = Assert.Throws<LlmPyException>(() => Read(Full, "tpu"));
        Assert.Equal("LLMPY0082", error.Code);
        Assert.Contains("GPU, cpu", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(">=3.12", "3.11.4", "LLMPY0083")]
    [InlineData(">=3.10,<3.13", "3.11.4", null)]
    [InlineData("not a specifier", "3.11.4", "LLMPY0081")]
    public void RequiresPython_IsCheckedAgainstTheInterpreter(string specifier, string version, string? code)
    {
        var request = new RestoreRequest
        {
            ProjectPath = "/p/App.csproj", LockFilePath = "/p/python.lock.json", EnvironmentDirectory = "/p/obj/python/venv",
            RequiresPython = [new RequiresPythonPin(specifier, "/p/pyproject.toml")],
        };
        if (code is null)
            ProjectFileExpansion.CheckRequiresPython(request, version);
        else
            Assert.Equal(code, Assert.Throws<LlmPyException>(() => ProjectFileExpansion.CheckRequiresPython(request, version)).Code);
    }
}
