using LlmPython.Sdk.EndToEnd.Harness;
using LlmPython.TestSupport;

namespace LlmPython.Sdk.EndToEnd;

/// <summary>
/// dotnet build in locked mode after the project was respelled: the lock's inputs hash is taken of the normalized
/// request, so <c>Hello_LLM</c> for <c>hello-llm</c>, <c>"&gt;= 0.1"</c> for <c>"&gt;=0.1"</c> and <c>Cuda="AUTO"</c> for
/// <c>auto</c> keep the lock current; a real version change is LLMPY0602. A misspelled metadata name is LLMPY0042.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class NormalizedInputsBuildTests : IClassFixture<PyTorchLikeIndex>
{
    private readonly PackedSdk _sdk = PackedSdk.Instance;
    private readonly PyTorchLikeIndex _index;
    private static readonly string[] NoGpu = ["-p:PythonTargetCudaDriver=none"];
    private static readonly string[] Locked = [.. NoGpu, "-p:PythonRestoreLockedMode=true"];

    public NormalizedInputsBuildTests(PyTorchLikeIndex index)
    {
        _index = index;
        foreach (var version in new[] { "0.1.0", "0.2.0" })
        {
            var wheel = new WheelBuilder("hello-llm", version).AddFile("hello_llm/__init__.py", $"__version__ = '{version}'\n");
            _index.Server.AddFile(wheel.FileName, wheel.Build());
        }
    }

    private string ProjectXml(string hello, string version, string cuda, string extra = "") => AppProjectXml.FromIndex(_index.Server.IndexUrl,
        $"""
        <PythonPackage Include="{hello}" Version="{version}" {extra}/>
            <PythonPackage Include="torch" Version="2.4.0" Cuda="{cuda}" />
        """,
        $"<PyTorchIndexUrl>{_index.Server.PyTorchIndexUrl}</PyTorchIndexUrl>");

    [Fact]
    public void Respelled_items_build_locked_and_a_version_change_is_LLMPY0602()
    {
        var project = TestProject.ConsoleApp(_sdk, "NormInputs", ProjectXml("hello-llm", "&gt;=0.1", "auto"));
        project.Build(NoGpu).ShouldSucceed();
        string lockPath = project.PathOf("python.lock.json");
        byte[] lockBytes = File.ReadAllBytes(lockPath);
        Assert.Equal("0.2.0", LockFileView.Single(lockPath, "hello-llm").Version);

        // The three respellings, each alone, in locked mode: the lock is current and stays byte-identical.
        foreach (var (hello, version, cuda) in new[] { ("Hello_LLM", "&gt;=0.1", "auto"), ("hello-llm", "&gt;= 0.1", "auto"), ("hello-llm", "&gt;=0.1", "AUTO") })
        {
            project.WithProjectFile(ProjectXml(hello, version, cuda));
            var build = project.Build(Locked);
            Assert.True(build.ExitCode == 0, $"{hello} {version} {cuda}:\n{build.Output}");
            Assert.DoesNotContain("LLMPY0602", build.Output, StringComparison.Ordinal);
            Assert.Equal(lockBytes, File.ReadAllBytes(lockPath));
        }
        var import = VenvPython.Run(project.PathOf("obj/python/venv"), "-c", "import hello_llm, torch; print(hello_llm.__version__, torch.__version__)").ShouldSucceed();
        Assert.Equal("0.2.0 2.4.0+cpu", import.StdOut.Trim());

        // A misspelled metadata name is a warning naming the item, the name and the nearest known one; the build goes on.
        project.WithProjectFile(ProjectXml("hello-llm", "&gt;=0.1", "auto", "Extra=\"cli\" "));
        var typo = project.Build(Locked).ShouldSucceed();
        string warning = typo.Output.Split('\n').First(l => l.Contains("warning LLMPY0042", StringComparison.Ordinal));
        Assert.Contains(project.ProjectFile, warning, StringComparison.Ordinal);
        Assert.Contains("PythonPackage 'hello-llm' has metadata Extra", warning, StringComparison.Ordinal);
        Assert.Contains("Did you mean Extras?", warning, StringComparison.Ordinal);

        // A real change of what is asked for: locked mode refuses and keeps the lock.
        project.WithProjectFile(ProjectXml("hello-llm", "==0.1.0", "auto"));
        var changed = project.Build(Locked).ShouldFail();
        Assert.Contains("error LLMPY0602", changed.Output, StringComparison.Ordinal);
        Assert.Equal(lockBytes, File.ReadAllBytes(lockPath));
    }
}
