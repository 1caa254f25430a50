using LlmPython.Sdk.EndToEnd.Harness;

namespace LlmPython.Sdk.EndToEnd;

/// <summary>The defaults of DESIGN.md §2, read by evaluating a real project.</summary>
[Trait("Category", "EndToEnd")]
public sealed class PropertyDefaultTests
{
    private readonly PackedSdk _sdk = PackedSdk.Instance;

    private const string Project = """
        <Project Sdk="LlmPython.Sdk/{SdkVersion}">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
          </PropertyGroup>
        </Project>
        """;

    private static readonly string[] Names =
    [
        "PythonLockFile", "PythonEnvironmentDirectory", "PythonIndexUrl", "PyTorchIndexUrl", "PythonCuda",
        "PythonRestoreLockedMode", "PythonOffline", "PythonRefresh", "PythonAllowSourceBuilds", "PythonAllowPrereleases",
        "PythonCompileBytecode", "PythonPublish", "GeneratePythonEnvironmentClass", "PythonCacheDirectory",
        "PythonTargetCudaDriver", "PythonHttpTimeout",
    ];

    [Fact]
    public void Defaults_MatchTheDesign()
    {
        var project = TestProject.Create(_sdk, "Defaults").WithProjectFile(Project);
        project.Environment["LLMPYTHON_CACHE"] = project.PathOf("cache");
        project.Environment["LLMPYTHON_CUDA_DRIVER"] = "535.104.05";

        var p = project.GetProperties(Names);

        Assert.Equal(project.PathOf("python.lock.json"), p["PythonLockFile"]);
        Assert.Equal(Path.Combine(project.Directory, "obj", "python", "venv") + Path.DirectorySeparatorChar, p["PythonEnvironmentDirectory"]);
        Assert.Equal("https://pypi.org/simple", p["PythonIndexUrl"]);
        Assert.Equal("https://download.pytorch.org/whl", p["PyTorchIndexUrl"]);
        Assert.Equal("auto", p["PythonCuda"]);
        Assert.Equal("false", p["PythonRestoreLockedMode"]);
        Assert.Equal("false", p["PythonOffline"]);
        Assert.Equal("false", p["PythonRefresh"]);
        Assert.Equal("false", p["PythonAllowSourceBuilds"]);
        Assert.Equal("false", p["PythonAllowPrereleases"]);
        Assert.Equal("false", p["PythonCompileBytecode"]);
        Assert.Equal("true", p["PythonPublish"]);
        Assert.Equal("true", p["GeneratePythonEnvironmentClass"]);
        Assert.Equal(project.PathOf("cache"), p["PythonCacheDirectory"]);
        Assert.Equal("535.104.05", p["PythonTargetCudaDriver"]);
        Assert.Equal("30", p["PythonHttpTimeout"]);
    }

    [Fact]
    public void LockedMode_IsOnForContinuousIntegrationBuilds_OnlyWhenALockfileExists()
    {
        var project = TestProject.Create(_sdk, "Locked").WithProjectFile(Project);

        Assert.Equal("false", project.GetProperties(["PythonRestoreLockedMode"], "ContinuousIntegrationBuild=true")["PythonRestoreLockedMode"]);

        project.WithFile("python.lock.json", "{}\n");
        Assert.Equal("true", project.GetProperties(["PythonRestoreLockedMode"], "ContinuousIntegrationBuild=true")["PythonRestoreLockedMode"]);
        Assert.Equal("false", project.GetProperties(["PythonRestoreLockedMode"])["PythonRestoreLockedMode"]);
        // An explicit value always wins.
        Assert.Equal("false", project.GetProperties(["PythonRestoreLockedMode"], "ContinuousIntegrationBuild=true", "PythonRestoreLockedMode=false")["PythonRestoreLockedMode"]);
    }

    [Fact]
    public void ProjectValues_WinOverDefaults()
    {
        var project = TestProject.Create(_sdk, "Overrides").WithProjectFile("""
            <Project Sdk="LlmPython.Sdk/{SdkVersion}">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <PythonLockFile>locks/py.json</PythonLockFile>
                <PythonEnvironmentDirectory>env</PythonEnvironmentDirectory>
                <PythonCuda>cu121</PythonCuda>
              </PropertyGroup>
            </Project>
            """);

        var p = project.GetProperties(["PythonLockFile", "PythonEnvironmentDirectory", "PythonCuda"]);
        Assert.Equal(Path.Combine(project.Directory, "locks", "py.json"), p["PythonLockFile"]);
        Assert.Equal(project.PathOf("env") + Path.DirectorySeparatorChar, p["PythonEnvironmentDirectory"]);
        Assert.Equal("cu121", p["PythonCuda"]);
    }
}
