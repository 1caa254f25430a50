using System.Text.Json;
using LlmPython.Sdk.EndToEnd.Harness;

namespace LlmPython.Sdk.EndToEnd;

/// <summary>PythonPackage items of a referenced library flow into the app, except PrivateAssets="all" ones.</summary>
[Trait("Category", "EndToEnd")]
public sealed class ReferenceFlowTests
{
    private readonly PackedSdk _sdk = PackedSdk.Instance;

    [Fact]
    public void LibraryPackages_FlowToTheApp_ExceptPrivateOnes()
    {
        var root = TestProject.Create(_sdk, "Flow");
        var library = TestProject.Create(_sdk, "Lib", root.Directory).WithProjectFile("""
            <Project Sdk="LlmPython.Sdk/{SdkVersion}">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
              </PropertyGroup>
              <ItemGroup>
                <PythonPackage Include="tiny-tokenizer" Version="&gt;=1.0" />
                <PythonPackage Include="pytest" PrivateAssets="all" />
              </ItemGroup>
            </Project>
            """);
        var app = TestProject.Create(_sdk, "App", root.Directory).WithProjectFile($"""
            <Project Sdk="LlmPython.Sdk/{"{SdkVersion}"}">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="{library.ProjectFile}" />
                <PythonPackage Include="hello-llm" />
              </ItemGroup>
            </Project>
            """);

        var result = app.Dotnet("msbuild", "-t:_PythonCollectPackages", "-getItem:_PythonPackageAll").ShouldSucceed();

        using var json = JsonDocument.Parse(result.StdOut);
        var items = json.RootElement.GetProperty("Items").GetProperty("_PythonPackageAll").EnumerateArray()
            .ToDictionary(i => i.GetProperty("Identity").GetString()!, i => i);
        Assert.Equal(["hello-llm", "tiny-tokenizer"], items.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(">=1.0", items["tiny-tokenizer"].GetProperty("Version").GetString());
        // Diagnostics about a flowed package point at the library that declared it.
        Assert.Equal(library.ProjectFile, items["tiny-tokenizer"].GetProperty("LlmPythonDefiningProject").GetString());
        Assert.Equal(app.ProjectFile, items["hello-llm"].GetProperty("LlmPythonDefiningProject").GetString());
    }
}
