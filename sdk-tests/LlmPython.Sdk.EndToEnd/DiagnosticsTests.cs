using LlmPython.Sdk.EndToEnd.Harness;

namespace LlmPython.Sdk.EndToEnd;

/// <summary>Errors of the MSBuild layer and of the engine carry their LLMPY code and point at the item's line in the project.</summary>
[Trait("Category", "EndToEnd")]
public sealed class DiagnosticsTests
{
    private readonly PackedSdk _sdk = PackedSdk.Instance;

    // The item stands on line 7, where the diagnostics must point.
    private static string AppWithItem(string item) => $"""
        <Project Sdk="LlmPython.Sdk/{"{SdkVersion}"}">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
          </PropertyGroup>
          <ItemGroup>
            {item}
          </ItemGroup>
        </Project>
        """;

    [Fact]
    public void UnknownIndexName_IsLLMPY0004_AtTheItemLine()
    {
        var project = TestProject.ConsoleApp(_sdk, "BadIndex", AppWithItem("""<PythonPackage Include="tiny_tokenizer" Index="internal" />"""));

        var build = project.Build().ShouldFail();

        Assert.Contains($"{project.ProjectFile}(7): error LLMPY0004:", build.Output, StringComparison.Ordinal);
        Assert.Contains("tiny_tokenizer", build.Output, StringComparison.Ordinal);
        // The engine never ran: nothing was materialized and no lockfile was written.
        Assert.False(File.Exists(project.PathOf("python.lock.json")));
    }

    [Fact]
    public void InvalidBooleanMetadata_IsLLMPY0006()
    {
        var project = TestProject.ConsoleApp(_sdk, "BadBool", AppWithItem("""<PythonPackage Include="autoawq" NoDeps="yes please" />"""));

        var build = project.Dotnet("build", "-t:PythonRestore").ShouldFail();

        Assert.Contains($"{project.ProjectFile}(7): error LLMPY0006:", build.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void EngineError_AboutAPackage_IsAtItsItemLine()
    {
        // The engine, not the task, refuses the marker (LLMPY0025); the error still points at the item.
        var project = TestProject.ConsoleApp(_sdk, "BadMarker", AppWithItem("""<PythonPackage Include="tiny_tokenizer" Markers="sys_platform ==" />"""));

        var build = project.Dotnet("build", "-t:PythonRestore").ShouldFail();

        Assert.Contains($"{project.ProjectFile}(7): error LLMPY0025:", build.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void PythonWhy_WithoutPackage_IsLLMPY0008()
    {
        var project = TestProject.Create(_sdk, "WhyNoArg").WithProjectFile("""
            <Project Sdk="LlmPython.Sdk/{SdkVersion}">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
              </PropertyGroup>
              <ItemGroup>
                <PythonPackage Include="torch" />
              </ItemGroup>
            </Project>
            """);

        var why = project.Dotnet("msbuild", "-t:PythonWhy").ShouldFail();

        Assert.Contains("error LLMPY0008:", why.Output, StringComparison.Ordinal);
        Assert.Contains("-p:Package=", why.Output, StringComparison.Ordinal);
    }
}
