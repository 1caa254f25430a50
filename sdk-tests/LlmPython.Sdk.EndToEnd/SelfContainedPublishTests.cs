using LlmPython.Sdk.EndToEnd.Harness;

namespace LlmPython.Sdk.EndToEnd;

/// <summary>
/// <c>dotnet publish --self-contained</c> of the real samples/QuickStart ships an interpreter in <c>python/</c>
/// (PythonSelfContained follows SelfContained): the published app, moved to a folder whose path has spaces and
/// non-ASCII characters, runs in a mount namespace where no Python of this machine exists.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class SelfContainedPublishTests
{
    private readonly PackedSdk _sdk = PackedSdk.Instance;

    [Fact]
    public void SelfContainedPublish_RunsWhereTheHostHasNoPython()
    {
        var root = TestProject.Create(_sdk, "QuickStart Publish ü");
        string sample = QuickStartSample.CopyTo(root);
        string output = Path.Combine(root.Directory, "out");

        DotnetCli.Run(sample, root.Environment, TimeSpan.FromMinutes(6),
            "publish", QuickStartSample.ProjectFile(sample), "-r", "linux-x64", "--self-contained", "-o", output).ShouldSucceed();
        var config = QuickStartSample.ReadPyvenvCfg(Path.Combine(sample, "obj", "python", "venv"));
        string python = Path.Combine(output, "python");
        string majorMinor = string.Join('.', config["version"].Split('.').Take(2));

        // The interpreter's prefix: binary, standard library, lib-dynload; no tests, idlelib, bytecode or host packages.
        Assert.True(File.Exists(Path.Combine(python, "bin", "python" + majorMinor)));
        Assert.True(File.Exists(Path.Combine(python, "lib", "python" + majorMinor, "os.py")));
        Assert.True(Directory.Exists(Path.Combine(python, "lib", "python" + majorMinor, "lib-dynload")));
        Assert.False(Directory.Exists(Path.Combine(python, "lib", "python" + majorMinor, "test")));
        Assert.False(Directory.Exists(Path.Combine(python, "lib", "python" + majorMinor, "idlelib")));
        Assert.Empty(Directory.GetDirectories(python, "__pycache__", SearchOption.AllDirectories));
        Assert.Equal(["hello_llm-0.1.0.dist-info", "tiny_tokenizer-0.2.0.dist-info"],
            Directory.GetDirectories(Path.Combine(python, "lib", "python" + majorMinor, "site-packages"), "*.dist-info").Select(Path.GetFileName).Order(StringComparer.Ordinal));

        // Moved to another folder (spaces, non-ASCII), with the build's environment gone.
        string moved = Path.Combine(root.Directory, "Program Files ü", "Quick Start");
        Directory.CreateDirectory(Path.GetDirectoryName(moved)!);
        Directory.Move(output, moved);
        Directory.Delete(Path.Combine(sample, "obj", "python"), recursive: true);
        string movedPython = Path.Combine(moved, "python");

        var noPython = HiddenPythonSandbox.Run(moved, "/bin/sh", "-c", "command -v python3 python" + majorMinor + " python || echo no-python; ls " + string.Join(' ', HiddenPythonSandbox.HiddenPaths().Select(p => "'" + p + "'")) + " 2>&1 | head -3").ShouldSucceed();
        Assert.Contains("no-python", noPython.StdOut, StringComparison.Ordinal);

        var run = HiddenPythonSandbox.Run(moved, Path.Combine(moved, "QuickStart")).ShouldSucceed();

        string stdout = run.StdOut.Replace("\r", "");
        Assert.Contains("hello-llm 0.1.0 (tiny-tokenizer 0.2.0): 8 tokens in 'Hello from .NET, via Python!'", stdout, StringComparison.Ordinal);
        Assert.Contains($"Python {config["version"]} at {movedPython}\n", stdout, StringComparison.Ordinal);
        Assert.Contains("Packages: hello-llm, tiny-tokenizer\n", stdout, StringComparison.Ordinal);
        Assert.Contains($"Interpreter: {Path.Combine(movedPython, "bin", "python" + majorMinor)}", stdout, StringComparison.Ordinal);
    }
}
