using System.Text.Json;
using LlmPython.Sdk.EndToEnd.Harness;
using LlmPython.TestSupport;

namespace LlmPython.Sdk.EndToEnd;

/// <summary>
/// A library whose package lives on its own index: its PythonIndex (Name and Explicit kept), PythonConstraint and
/// PythonFindLinks items flow to the app with its PythonPackage items, except PrivateAssets="all" ones, and repeats collapse.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class IndexFlowTests : IDisposable
{
    private readonly PackedSdk _sdk = PackedSdk.Instance;
    private readonly LocalIndexServer _server = LocalIndexServer.Start();
    private readonly LocalIndexFile _libModel;

    public IndexFlowTests()
    {
        var libModel = new WheelBuilder("lib-model", "1.0.0").AddFile("lib_model/__init__.py", "import vendor_dep\n");
        libModel.RequiresDist.Add("vendor-dep>=1");
        _libModel = _server.AddFile("lib", libModel.FileName, libModel.Build());
        // A look-alike on the default index that routing must never pick: lib-model is pinned to the library's index.
        _server.AddFile(new WheelBuilder("lib-model", "9.0.0").FileName, new WheelBuilder("lib-model", "9.0.0").AddFile("lib_model/__init__.py", "").Build());
        foreach (var version in new[] { "1.0.0", "2.0.0" })
        {
            var dep = new WheelBuilder("vendor-dep", version).AddFile("vendor_dep/__init__.py", $"VERSION = '{version}'\n");
            _server.AddFile(dep.FileName, dep.Build());
        }
    }

    public void Dispose() => _server.Dispose();

    private (TestProject Library, TestProject App) Projects(string appExtraItems = "")
    {
        var root = TestProject.Create(_sdk, "IdxFlow");
        var library = TestProject.Create(_sdk, "IdxLib", root.Directory).WithProjectFile($$"""
            <Project Sdk="LlmPython.Sdk/{SdkVersion}">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <PythonVersion>3.11</PythonVersion>
                <PythonIndexUrl>{{_server.IndexUrl}}</PythonIndexUrl>
                <PythonCacheDirectory>$(MSBuildProjectDirectory)/../cache</PythonCacheDirectory>
              </PropertyGroup>
              <ItemGroup>
                <PythonIndex Include="{{_server.NamedIndexUrl("lib")}}" Name="lib-index" Explicit="true" />
                <PythonPackage Include="lib-model" Index="lib-index" />
                <PythonConstraint Include="vendor-dep" Version="&lt;2" />
                <PythonFindLinks Include="private-wheels" PrivateAssets="all" />
              </ItemGroup>
            </Project>
            """).WithFile("private-wheels/README", "wheels only this library uses\n");
        var app = TestProject.Create(_sdk, "IdxApp", root.Directory).WithProjectFile($$"""
            <Project Sdk="LlmPython.Sdk/{SdkVersion}">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <PythonVersion>3.11</PythonVersion>
                <PythonIndexUrl>{{_server.IndexUrl}}</PythonIndexUrl>
                <PythonCacheDirectory>$(MSBuildProjectDirectory)/../cache</PythonCacheDirectory>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="{{library.ProjectFile}}" />
                {{appExtraItems}}
              </ItemGroup>
            </Project>
            """).WithFile("Program.cs", "System.Console.WriteLine(\"app\");\n");
        return (library, app);
    }

    [Fact]
    public void IndexConstraintAndFindLinks_FlowToTheApp_ExceptPrivateOnes()
    {
        var (library, app) = Projects();

        var result = app.Dotnet("msbuild", "-t:_PythonCollectPackages",
            "-getItem:_PythonIndexAll", "-getItem:_PythonConstraintAll", "-getItem:_PythonFindLinksAll", "-getItem:_PythonPackageAll").ShouldSucceed();

        using var json = JsonDocument.Parse(result.StdOut);
        var items = json.RootElement.GetProperty("Items");
        var index = Assert.Single(items.GetProperty("_PythonIndexAll").EnumerateArray());
        Assert.Equal(_server.NamedIndexUrl("lib"), index.GetProperty("Identity").GetString());
        Assert.Equal("lib-index", index.GetProperty("Name").GetString());
        Assert.Equal("true", index.GetProperty("Explicit").GetString());
        Assert.Equal(library.ProjectFile, index.GetProperty("LlmPythonDefiningProject").GetString());
        var constraint = Assert.Single(items.GetProperty("_PythonConstraintAll").EnumerateArray());
        Assert.Equal("vendor-dep", constraint.GetProperty("Identity").GetString());
        Assert.Equal("<2", constraint.GetProperty("Version").GetString());
        Assert.False(items.TryGetProperty("_PythonFindLinksAll", out var findLinks) && findLinks.GetArrayLength() > 0, "a PrivateAssets=\"all\" find-links flowed");
        Assert.Equal("lib-index", Assert.Single(items.GetProperty("_PythonPackageAll").EnumerateArray()).GetProperty("Index").GetString());
    }

    [Fact]
    public void App_GetsTheLibraryPackage_FromTheLibraryIndex_WithTheLibraryConstraint()
    {
        var (_, app) = Projects();

        app.Build().ShouldSucceed();

        string lockPath = app.PathOf("python.lock.json");
        var libModel = LockFileView.Single(lockPath, "lib-model");
        Assert.Equal("1.0.0", libModel.Version);
        Assert.Equal(_server.UrlOf(_libModel), libModel.Url);
        Assert.Equal("1.0.0", LockFileView.Single(lockPath, "vendor-dep").Version);

        // The app declaring the same index again is one index, not a duplicate name (LLMPY0009).
        app.WithProjectFile(File.ReadAllText(app.ProjectFile).Replace("<ProjectReference",
            $"<PythonIndex Include=\"{_server.NamedIndexUrl("lib")}\" Name=\"lib-index\" Explicit=\"true\" />\n    <ProjectReference", StringComparison.Ordinal));
        app.Build().ShouldSucceed();
    }
}
