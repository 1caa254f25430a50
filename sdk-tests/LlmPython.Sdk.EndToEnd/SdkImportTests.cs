using LlmPython.Sdk.EndToEnd.Harness;

namespace LlmPython.Sdk.EndToEnd;

/// <summary>The four ways to bring in the SDK build and run a console app that has no Python items.</summary>
[Trait("Category", "EndToEnd")]
public sealed class SdkImportTests
{
    private readonly PackedSdk _sdk = PackedSdk.Instance;

    [Fact]
    public void ProjectSdkAttribute_BringsMicrosoftNetSdk_AndRunsWithoutLoadingTheTasks()
    {
        var project = TestProject.ConsoleApp(_sdk, "AttrSdk", """
            <Project Sdk="LlmPython.Sdk/{SdkVersion}">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
              </PropertyGroup>
            </Project>
            """);

        var build = project.Build("-v:detailed").ShouldSucceed();
        // No PythonPackage items: the restore is skipped entirely and the task assembly never loads.
        Assert.DoesNotContain("LlmPython.Tasks.dll", build.Output, StringComparison.Ordinal);
        Assert.Contains("_PythonRestoreOnBuild", build.Output, StringComparison.Ordinal);

        var run = project.Run("--no-build").ShouldSucceed();
        Assert.Contains("hello from AttrSdk", run.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void SdkElement_InMicrosoftNetSdkProject_DoesNotReimportMicrosoftNetSdk()
    {
        var project = TestProject.ConsoleApp(_sdk, "ElemSdk", """
            <Project Sdk="Microsoft.NET.Sdk">
              <Sdk Name="LlmPython.Sdk" Version="{SdkVersion}" />
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
              </PropertyGroup>
            </Project>
            """);

        var run = project.Run().ShouldSucceed();
        Assert.Contains("hello from ElemSdk", run.StdOut, StringComparison.Ordinal);
        // MSB4011: a file imported twice. Importing Microsoft.NET.Sdk again would produce it.
        Assert.DoesNotContain("MSB4011", run.Output, StringComparison.Ordinal);
        Assert.Equal("true", project.GetProperties(["UsingLlmPythonSdk"])["UsingLlmPythonSdk"]);
    }

    [Fact]
    public void PackageReference_ImportsBuildTargets_AndGeneratesTheClass()
    {
        var project = TestProject.ConsoleApp(_sdk, "PkgRef", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="LlmPython.Sdk" Version="{SdkVersion}" />
              </ItemGroup>
            </Project>
            """, "System.Console.WriteLine(\"venv at \" + LlmPython.PythonEnvironment.BuildEnvironmentDirectory);\n");

        var run = project.Run().ShouldSucceed();
        Assert.Contains("venv at " + Path.Combine(project.Directory, "obj", "python", "venv"), run.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void GlobalJsonMsbuildSdks_SuppliesTheVersion()
    {
        var project = TestProject.ConsoleApp(_sdk, "GlobalJson", """
            <Project Sdk="LlmPython.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
              </PropertyGroup>
            </Project>
            """).WithFile("global.json", """
            { "sdk": { "rollForward": "latestMajor" }, "msbuild-sdks": { "LlmPython.Sdk": "{SdkVersion}" } }
            """);

        var run = project.Run().ShouldSucceed();
        Assert.Contains("hello from GlobalJson", run.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void CustomBeforeAndAfterHooks_AreImported()
    {
        var project = TestProject.Create(_sdk, "Hooks")
            .WithFile("before.props", "<Project><PropertyGroup><HookBefore>yes</HookBefore></PropertyGroup></Project>")
            .WithFile("after.targets", "<Project><PropertyGroup><HookAfter>$(PythonEnvironmentDirectory)</HookAfter></PropertyGroup></Project>")
            .WithProjectFile("""
            <Project Sdk="LlmPython.Sdk/{SdkVersion}">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
              </PropertyGroup>
            </Project>
            """);

        var properties = project.GetProperties(["HookBefore", "HookAfter"],
            $"CustomBeforeLlmPythonSdkProps={project.PathOf("before.props")}",
            $"CustomAfterLlmPythonSdkTargets={project.PathOf("after.targets")}");
        Assert.Equal("yes", properties["HookBefore"]);
        // The after-targets hook sees the defaults the SDK computed.
        Assert.Equal(Path.Combine(project.Directory, "obj", "python", "venv") + Path.DirectorySeparatorChar, properties["HookAfter"]);
    }

    [Fact]
    public void Publish_WithoutPythonItems_PublishesNoPythonFolder()
    {
        var project = TestProject.ConsoleApp(_sdk, "PubNone", """
            <Project Sdk="LlmPython.Sdk/{SdkVersion}">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
              </PropertyGroup>
            </Project>
            """);
        string publishDir = project.PathOf("out");

        project.Dotnet("publish", "-o", publishDir).ShouldSucceed();
        Assert.True(File.Exists(Path.Combine(publishDir, "PubNone.dll")));
        Assert.False(Directory.Exists(Path.Combine(publishDir, "python")));
    }
}
