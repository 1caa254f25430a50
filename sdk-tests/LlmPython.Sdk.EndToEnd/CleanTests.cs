using LlmPython.Sdk.EndToEnd.Harness;

namespace LlmPython.Sdk.EndToEnd;

/// <summary>PythonClean is part of Clean and removes the environment only.</summary>
[Trait("Category", "EndToEnd")]
public sealed class CleanTests
{
    private readonly PackedSdk _sdk = PackedSdk.Instance;

    [Fact]
    public void Clean_DeletesTheEnvironment_KeepsLockfileAndCache()
    {
        var project = TestProject.ConsoleApp(_sdk, "Clean", """
            <Project Sdk="LlmPython.Sdk/{SdkVersion}">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <PythonCacheDirectory>$(MSBuildProjectDirectory)/cache</PythonCacheDirectory>
              </PropertyGroup>
            </Project>
            """)
            .WithFile("obj/python/venv/pyvenv.cfg", "home = /usr/bin\n")
            .WithFile("obj/python/venv/lib/python3.11/site-packages/x.py", "")
            .WithFile("python.lock.json", "{}\n")
            .WithFile("cache/wheels/entry", "cached\n");

        var clean = project.Dotnet("clean", "-v:normal").ShouldSucceed();

        Assert.Contains("PythonClean", clean.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(project.PathOf("obj/python/venv")), "the environment should be deleted");
        Assert.True(File.Exists(project.PathOf("python.lock.json")), "the lockfile must survive Clean");
        Assert.True(File.Exists(project.PathOf("cache/wheels/entry")), "the cache must survive Clean");
    }

    [Fact]
    public void Clean_NeverDeletesAFolderThatIsNeitherAVenvNorUnderObj()
    {
        var project = TestProject.ConsoleApp(_sdk, "CleanSafe", """
            <Project Sdk="LlmPython.Sdk/{SdkVersion}">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <PythonEnvironmentDirectory>$(MSBuildProjectDirectory)/precious</PythonEnvironmentDirectory>
              </PropertyGroup>
            </Project>
            """).WithFile("precious/data.txt", "keep me\n");

        project.Dotnet("clean").ShouldSucceed();

        Assert.True(File.Exists(project.PathOf("precious/data.txt")));
    }
}
