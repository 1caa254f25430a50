using LlmPython.Sdk.EndToEnd.Harness;

namespace LlmPython.Sdk.EndToEnd;

/// <summary>Restore, run, publish and clean with real wheels (the QuickStart's, offline, local sources only).</summary>
[Trait("Category", "EndToEnd")]
public sealed class PythonRestoreTests
{
    private readonly PackedSdk _sdk = PackedSdk.Instance;

    private const string Program = """
        using System.Diagnostics;
        using LlmPython;
        var psi = PythonEnvironment.CreateProcessStartInfo("-c", "import hello_llm; print(hello_llm.greet('a b c'))");
        psi.RedirectStandardOutput = true;
        using var p = Process.Start(psi)!;
        System.Console.Write(p.StandardOutput.ReadToEnd());
        p.WaitForExit();
        System.Console.WriteLine("published=" + PythonEnvironment.IsPublished);
        return p.ExitCode;
        """;

    private static string ProjectXml() => AppProjectXml.QuickStart();

    [Fact]
    public void Build_MaterializesTheVenv_AndTheAppRunsPython()
    {
        var project = TestProject.ConsoleApp(_sdk, "PyRun", ProjectXml(), Program).WithQuickStartWheels();

        var run = project.Run().ShouldSucceed();

        Assert.Contains("hello-llm 0.1.0 (tiny-tokenizer 0.2.0): 3 tokens", run.StdOut, StringComparison.Ordinal);
        Assert.Contains("published=False", run.StdOut, StringComparison.Ordinal);
        Assert.True(File.Exists(project.PathOf("obj/python/venv/pyvenv.cfg")));
        byte[] lock1 = File.ReadAllBytes(project.PathOf("python.lock.json"));

        // A second build changes nothing: same lock bytes.
        project.Build().ShouldSucceed();
        Assert.Equal(lock1, File.ReadAllBytes(project.PathOf("python.lock.json")));

        project.Dotnet("clean").ShouldSucceed();
        Assert.False(Directory.Exists(project.PathOf("obj/python/venv")));
        Assert.True(File.Exists(project.PathOf("python.lock.json")));
    }

    [Fact]
    public void Publish_ShipsTheEnvironment_AndThePublishedAppUsesIt()
    {
        var project = TestProject.ConsoleApp(_sdk, "PyPub", ProjectXml(), Program).WithQuickStartWheels();
        string output = project.PathOf("out");

        project.Dotnet("publish", "-o", output).ShouldSucceed();
        Directory.Delete(project.PathOf("obj/python"), recursive: true); // the published app must not need the build's venv

        var run = DotnetCli.Run(output, null, Path.Combine(output, "PyPub.dll")).ShouldSucceed();
        Assert.Contains("hello-llm 0.1.0", run.StdOut, StringComparison.Ordinal);
        Assert.Contains("published=True", run.StdOut, StringComparison.Ordinal);

        // Relocatable: a manifest instead of pyvenv.cfg, and no file names the build folder.
        string python = Path.Combine(output, "python");
        Assert.True(File.Exists(Path.Combine(python, "llmpython-environment.json")));
        Assert.False(File.Exists(Path.Combine(python, "pyvenv.cfg")));
        foreach (string file in Directory.EnumerateFiles(python, "*", SearchOption.AllDirectories))
            Assert.DoesNotContain(project.Directory, File.ReadAllText(file), StringComparison.Ordinal);
    }

    [Fact]
    public void MultiTargeting_RestoresOncePerProject()
    {
        var project = TestProject.Create(_sdk, "PyMulti")
            .WithProjectFile(ProjectXml()
                .Replace("<TargetFramework>net10.0</TargetFramework>", "<TargetFrameworks>net10.0;netstandard2.0</TargetFrameworks>", StringComparison.Ordinal)
                .Replace("<OutputType>Exe</OutputType>", "", StringComparison.Ordinal))
            .WithFile("Library.cs", "public static class Library { }\n")
            .WithQuickStartWheels();

        var build = project.Build("-v:detailed", "-p:PythonRestoreOnNuGetRestore=false").ShouldSucceed();

        int restores = build.Output.Split('\n').Count(l => l.TrimStart().StartsWith("Task \"PythonRestore\"", StringComparison.Ordinal));
        Assert.Equal(1, restores);
    }
}
