using LlmPython.Sdk.EndToEnd.Harness;

namespace LlmPython.Sdk.EndToEnd;

/// <summary>The generated LlmPython.PythonEnvironment class: compiles, points at the build venv, can be turned off.</summary>
[Trait("Category", "EndToEnd")]
public sealed class GeneratedClassTests
{
    private readonly PackedSdk _sdk = PackedSdk.Instance;

    private const string Program = """
        using System;
        using LlmPython;
        Console.WriteLine("dir=" + PythonEnvironment.EnvironmentDirectory);
        Console.WriteLine("exe=" + PythonEnvironment.PythonExecutable);
        Console.WriteLine("site=" + PythonEnvironment.SitePackages);
        Console.WriteLine("home=" + (PythonEnvironment.PythonHome ?? "<none>"));
        var psi = PythonEnvironment.CreateProcessStartInfo("-c", "print(1)");
        Console.WriteLine("file=" + psi.FileName);
        Console.WriteLine("pythonpath=" + psi.Environment["PYTHONPATH"]);
        Console.WriteLine("hasHome=" + psi.Environment.ContainsKey("PYTHONHOME"));
        Console.WriteLine("published=" + PythonEnvironment.IsPublished);
        """;

    private const string ProjectXml = """
        <Project Sdk="LlmPython.Sdk/{SdkVersion}">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
          </PropertyGroup>
        </Project>
        """;

    [Fact]
    public void AfterBuild_PointsIntoObjPythonVenv()
    {
        var project = TestProject.ConsoleApp(_sdk, "GenClass", ProjectXml, Program)
            // A venv as the engine lays it out, so the class finds the real interpreter and site-packages.
            .WithFile("obj/python/venv/pyvenv.cfg", "home = /usr/bin\n")
            .WithFile("obj/python/venv/bin/python", "")
            .WithFile("obj/python/venv/lib/python3.11/site-packages/.keep", "");

        var output = project.Run().ShouldSucceed().StdOut;

        string venv = Path.Combine(project.Directory, "obj", "python", "venv");
        string site = Path.Combine(venv, "lib", "python3.11", "site-packages");
        Assert.Contains("dir=" + venv + Environment.NewLine, output, StringComparison.Ordinal);
        Assert.Contains("exe=" + Path.Combine(venv, "bin", "python") + Environment.NewLine, output, StringComparison.Ordinal);
        Assert.Contains("site=" + site + Environment.NewLine, output, StringComparison.Ordinal);
        Assert.Contains("home=<none>", output, StringComparison.Ordinal);
        Assert.Contains("pythonpath=" + site, output, StringComparison.Ordinal);
        Assert.Contains("hasHome=False", output, StringComparison.Ordinal);
        Assert.Contains("published=False", output, StringComparison.Ordinal);
    }

    [Fact]
    public void OptOut_GeneratesNothing_SoTheProjectMayDefineItsOwn()
    {
        var project = TestProject.ConsoleApp(_sdk, "NoGen", ProjectXml.Replace(
                "<Nullable>enable</Nullable>", "<GeneratePythonEnvironmentClass>false</GeneratePythonEnvironmentClass>", StringComparison.Ordinal),
            """
            namespace LlmPython { static class PythonEnvironment { public static string EnvironmentDirectory => "mine"; } }
            static class Program { static void Main() => System.Console.WriteLine("dir=" + LlmPython.PythonEnvironment.EnvironmentDirectory); }
            """);

        var output = project.Run().ShouldSucceed().StdOut;

        Assert.Contains("dir=mine", output, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(project.PathOf("obj"), "LlmPython.PythonEnvironment.g.cs", SearchOption.AllDirectories));
    }

    [Fact]
    public void MultiTargeting_GeneratesTheClassOnlyWhereItCompiles()
    {
        var project = TestProject.Create(_sdk, "MultiLib").WithProjectFile("""
            <Project Sdk="LlmPython.Sdk/{SdkVersion}">
              <PropertyGroup>
                <TargetFrameworks>net10.0;netstandard2.0</TargetFrameworks>
              </PropertyGroup>
            </Project>
            """).WithFile("Library.cs", "public static class Library { }\n");

        project.Build().ShouldSucceed();

        Assert.True(File.Exists(project.PathOf("obj/Debug/net10.0/LlmPython.PythonEnvironment.g.cs")));
        // netstandard2.0 has neither OperatingSystem nor C# 8 by default: no class there.
        Assert.False(File.Exists(project.PathOf("obj/Debug/netstandard2.0/LlmPython.PythonEnvironment.g.cs")));
    }
}
