using LlmPython.Sdk.EndToEnd.Harness;

namespace LlmPython.Sdk.EndToEnd;

/// <summary>
/// samples/InProcess, copied out of the repo into a folder with spaces and non-ASCII characters: pythonnet runs
/// Python inside the .NET process with the generated class's LibPythonPath, EmbeddedPythonHome and
/// EmbeddedPythonPath, after <c>dotnet build</c>, after a self-contained publish (in a namespace without the
/// host's Pythons) and after a framework-dependent publish (on the host's Python of the locked version).
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class InProcessSampleTests
{
    private readonly PackedSdk _sdk = PackedSdk.Instance;

    private const string Greeting = "hello-llm 0.1.0 (tiny-tokenizer 0.2.0): 9 tokens in 'Hello from .NET, in-process!'";

    [Fact]
    public void Pythonnet_ImportsFromTheEnvironment_AfterBuildAndAfterBothPublishes()
    {
        var root = TestProject.Create(_sdk, "InProcess ü");
        root.Environment["LLMPYTHON_CACHE"] = root.PathOf("cache");
        string sample = SampleCopy.Copy(root.Directory, "InProcess", _sdk.Version);
        SampleCopy.Copy(root.Directory, Path.Combine("QuickStart", "wheels"), _sdk.Version);
        string project = Path.Combine(sample, "InProcess.csproj");

        // After build: obj/python/venv's modules, and none of the host interpreter's.
        var built = DotnetCli.Run(sample, root.Environment, "run", "--project", project).ShouldSucceed();
        string venv = Path.Combine(sample, "obj", "python", "venv");
        Assert.Contains(Greeting, built.StdOut, StringComparison.Ordinal);
        Assert.Contains($", hello_llm from {Path.Combine(venv, "lib")}", built.StdOut, StringComparison.Ordinal);
        Assert.Contains("Packages: hello-llm, tiny-tokenizer" + Environment.NewLine, built.StdOut, StringComparison.Ordinal);
        var config = QuickStartSample.ReadPyvenvCfg(venv);
        Assert.Contains($"In-process Python {config["version"]},", built.StdOut, StringComparison.Ordinal);

        // Self-contained: libpython is the shipped one, and no Python of this machine is visible.
        string selfContained = Path.Combine(root.Directory, "published app", "self contained");
        DotnetCli.Run(sample, root.Environment, TimeSpan.FromMinutes(6),
            "publish", project, "-r", "linux-x64", "--self-contained", "-o", selfContained).ShouldSucceed();
        var isolated = HiddenPythonSandbox.Run(selfContained, Path.Combine(selfContained, "InProcess")).ShouldSucceed();
        string shipped = Path.Combine(selfContained, "python");
        Assert.Contains(Greeting, isolated.StdOut, StringComparison.Ordinal);
        Assert.Contains($"In-process Python {config["version"]}, hello_llm from {Path.Combine(shipped, "lib")}", isolated.StdOut, StringComparison.Ordinal);
        Assert.Contains("Packages: hello-llm, tiny-tokenizer" + Environment.NewLine, isolated.StdOut, StringComparison.Ordinal);
        Assert.Contains($"libpython: {Path.Combine(shipped, "lib", "libpython")}", isolated.StdOut, StringComparison.Ordinal);

        // Framework-dependent: the environment's packages on this machine's Python of the locked version.
        string frameworkDependent = Path.Combine(root.Directory, "published app", "framework dependent");
        DotnetCli.Run(sample, root.Environment, "publish", project, "-o", frameworkDependent).ShouldSucceed();
        Directory.Delete(Path.Combine(sample, "obj", "python"), recursive: true);
        var onHost = DotnetCli.Run(frameworkDependent, root.Environment, Path.Combine(frameworkDependent, "InProcess.dll")).ShouldSucceed();
        Assert.Contains(Greeting, onHost.StdOut, StringComparison.Ordinal);
        Assert.Contains($", hello_llm from {Path.Combine(frameworkDependent, "python", "lib")}", onHost.StdOut, StringComparison.Ordinal);
        Assert.Contains("Packages: hello-llm, tiny-tokenizer" + Environment.NewLine, onHost.StdOut, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(frameworkDependent, "python", "bin", "python3.11")), "a framework-dependent publish ships no interpreter");
    }
}
