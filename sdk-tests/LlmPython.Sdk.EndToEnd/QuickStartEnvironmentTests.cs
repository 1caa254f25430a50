using LlmPython.Sdk.EndToEnd.Harness;

namespace LlmPython.Sdk.EndToEnd;

/// <summary>
/// The real samples/QuickStart, built from a folder whose path has spaces and non-ASCII characters: after
/// <c>dotnet build</c> the app runs obj/python/venv's interpreter (its sys.prefix and sys.version), even with no
/// Python on PATH and with another Python version on PATH, and sees none of the host interpreter's packages;
/// LLMPYTHON_ENVIRONMENT overrides the choice.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class QuickStartEnvironmentTests
{
    private readonly PackedSdk _sdk = PackedSdk.Instance;

    [Fact]
    public void AfterBuild_TheAppRunsTheVenvsInterpreter_AndOnlyTheDeclaredPackages()
    {
        var root = TestProject.Create(_sdk, "QuickStart Build ü");
        string sample = QuickStartSample.CopyTo(root);
        // PATH's python3 is 3.11 on the test machines: a 3.12 environment shows which interpreter really runs.
        DotnetCli.Run(sample, root.Environment, "build", QuickStartSample.ProjectFile(sample), "-p:PythonVersion=3.12").ShouldSucceed();

        string venv = Path.Combine(sample, "obj", "python", "venv");
        var config = QuickStartSample.ReadPyvenvCfg(venv);
        Assert.StartsWith("3.12.", config["version"], StringComparison.Ordinal);
        // The host interpreter the venv is made from has pip; the environment did not declare it.
        VenvPython.RunInterpreter(config["executable"], "-c", "import pip").ShouldSucceed();

        var run = QuickStartSample.RunBuilt(sample, root.Environment, withoutPythonOnPath: true).ShouldSucceed();

        Assert.Contains("hello-llm 0.1.0 (tiny-tokenizer 0.2.0): 8 tokens in 'Hello from .NET, via Python!'", run.StdOut, StringComparison.Ordinal);
        Assert.Contains($"Python {config["version"]} at {venv}\n", run.StdOut.Replace("\r", ""), StringComparison.Ordinal);
        Assert.Contains("Packages: hello-llm, tiny-tokenizer\n", run.StdOut.Replace("\r", ""), StringComparison.Ordinal);
        Assert.Contains($"Interpreter: {Path.Combine(venv, "bin", "python")}", run.StdOut, StringComparison.Ordinal);

        // With the environment moved away the class says what it looked for instead of running some other Python,
        // and LLMPYTHON_ENVIRONMENT points it at the moved one.
        string moved = Path.Combine(root.Directory, "moved env ü");
        Directory.Move(venv, moved);
        var missing = QuickStartSample.RunBuilt(sample, root.Environment).ShouldFail();
        Assert.Contains("looked for pyvenv.cfg (a virtual environment) or llmpython-environment.json (a published environment)", missing.StdErr, StringComparison.Ordinal);
        Assert.Contains(venv, missing.StdErr, StringComparison.Ordinal);

        var overridden = QuickStartSample.RunBuilt(sample, new Dictionary<string, string>(root.Environment) { ["LLMPYTHON_ENVIRONMENT"] = moved }, withoutPythonOnPath: true)
            .ShouldSucceed();
        Assert.Contains($"Python {config["version"]} at {moved}\n", overridden.StdOut.Replace("\r", ""), StringComparison.Ordinal);
        Assert.Contains("Packages: hello-llm, tiny-tokenizer\n", overridden.StdOut.Replace("\r", ""), StringComparison.Ordinal);
    }
}
