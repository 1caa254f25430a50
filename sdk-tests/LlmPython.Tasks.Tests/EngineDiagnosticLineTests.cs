using LlmPython.Resolver.Diagnostics;
using LlmPython.Tasks;
using LlmPython.TestSupport;
using Microsoft.Build.Utilities;

namespace LlmPython.Tasks.Tests;

/// <summary>
/// An error or warning the engine raises about a declared package reaches MSBuild at that package's item line (the
/// engine logs it with the package's name; the task finds the item), not at the project's line 0.
/// In process: a real PythonRestore task and engine against a local index, a fake build engine records the events.
/// </summary>
[Trait("Category", "Unit")]
public sealed class EngineDiagnosticLineTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("llmpython-lines-").FullName;
    private readonly LocalIndexServer _server = LocalIndexServer.Start();
    private readonly LocalIndexFile _tinyDep;

    public EngineDiagnosticLineTests()
    {
        var wheel = new WheelBuilder("tiny-dep", "1.2.0").AddFile("tiny_dep/__init__.py", "VALUE = 1\n");
        _tinyDep = _server.AddFile(wheel.FileName, wheel.Build());
    }

    private string AppProject => Path.Combine(_dir, "App.csproj");

    public void Dispose()
    {
        _server.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>Writes the project (so the locator can read its lines) and runs PythonRestore on these items.</summary>
    private FakeBuildEngine Restore(string itemXml, TaskItem item)
    {
        File.WriteAllText(AppProject, $"""
            <Project>
              <ItemGroup>
                <PythonPackage Include="other" />
                {itemXml}
              </ItemGroup>
            </Project>
            """);
        var engine = new FakeBuildEngine(AppProject);
        var task = new PythonRestore
        {
            BuildEngine = engine,
            RestoreSettings = SettingsItem.For(AppProject,
                ("PythonIndexUrl", _server.IndexUrl), ("PythonCacheDirectory", Path.Combine(_dir, "cache"))),
            PythonPackages = [item],
        };
        Assert.False(task.Execute());
        return engine;
    }

    [Fact]
    public void No_matching_version_and_a_misplaced_Cuda_point_at_the_packages_item()
    {
        var engine = Restore("""<PythonPackage Include="Tiny_Dep" Version="==2.0" Cuda="cpu" />""",
            new TaskItem("Tiny_Dep", new Dictionary<string, string> { ["Version"] = "==2.0", ["Cuda"] = "cpu" }));

        var error = Assert.Single(engine.Errors);
        Assert.Equal(DiagnosticCodes.Resolution.NoMatchingVersion, error.Code);
        Assert.Equal((AppProject, 4), (error.File, error.LineNumber));
        var warning = Assert.Single(engine.Warnings, w => w.Code == DiagnosticCodes.Inputs.CudaOnNonPyTorchPackage);
        Assert.Equal((AppProject, 4), (warning.File, warning.LineNumber));
    }

    [Fact]
    public void A_hash_mismatch_of_a_wheel_URL_points_at_its_item()
    {
        var url = _server.UrlOf(_tinyDep) + "#sha256=" + new string('0', 64);

        var engine = Restore($"""<PythonPackage Include="{url}" />""", new TaskItem(url));

        var error = Assert.Single(engine.Errors);
        Assert.Equal(DiagnosticCodes.Cache.HashMismatch, error.Code);
        Assert.Equal((AppProject, 4), (error.File, error.LineNumber));
    }
}
