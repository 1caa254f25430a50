using LlmPython.Resolver.Diagnostics;
using LlmPython.Tasks;
using Microsoft.Build.Utilities;

namespace LlmPython.Tasks.Tests;

/// <summary>Items and properties become the engine's RestoreRequest exactly (in process, no MSBuild).</summary>
[Trait("Category", "Unit")]
public sealed class RestoreRequestMappingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("llmpython-tasks-").FullName;
    private string AppProject => Path.Combine(_dir, "app", "App.csproj");
    private string LibProject => Path.Combine(_dir, "lib", "Lib.csproj");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private PythonRestore NewTask(FakeBuildEngine? engine = null) => new()
    {
        BuildEngine = engine ?? new FakeBuildEngine(AppProject),
        RestoreSettings = SettingsItem.For(AppProject),
    };

    private static TaskItem Item(string include, params (string Name, string Value)[] metadata)
    {
        var item = new TaskItem(include);
        foreach (var (name, value) in metadata)
            item.SetMetadata(name, value);
        return item;
    }

    [Fact]
    public void PackageMetadata_IsCarriedOver()
    {
        var task = NewTask();
        task.PythonPackages =
        [
            Item("torch", ("Version", "2.4.0"), ("Cuda", "cu121"), ("Extras", "nlp;audio"), ("Markers", "sys_platform == 'linux'")),
            Item("autoawq", ("NoDeps", "TRUE"), ("Index", "internal"), ("PrivateAssets", "All")),
        ];
        task.PythonIndexes = [Item("https://pkgs.example/simple", ("Name", "internal"), ("Explicit", "true"))];

        var request = task.BuildRequest();

        var torch = request.Packages[0];
        Assert.Equal(("torch", "2.4.0", "cu121", "nlp;audio", "sys_platform == 'linux'", false, false),
            (torch.Include, torch.Version, torch.Cuda, torch.Extras, torch.Markers, torch.NoDeps, torch.PrivateAssets));
        var awq = request.Packages[1];
        Assert.Equal(("internal", true, true, (string?)null), (awq.Index, awq.NoDeps, awq.PrivateAssets, awq.Version));
        Assert.Equal(new Resolver.Restore.IndexItem("https://pkgs.example/simple", "internal", true), request.Indexes.Single());
    }

    [Fact]
    public void ItemMetadataNames_AreCarriedOver_CustomOnly_ForTheUnknownMetadataCheck()
    {
        var task = NewTask();
        task.PythonPackages = [Item("torch", ("Versoin", "2.4.0"), ("Cuda", "cpu"), ("LlmPythonDefiningProject", LibProject))];
        task.PythonIndexes = [Item("https://pkgs.example/simple", ("Nmae", "internal"))];
        task.PythonProjects = [Item("pyproject.toml", ("Extras", "cli"))];

        var request = task.BuildRequest();

        Assert.Equal(
            [("PythonPackage", "torch", LibProject, "Cuda;LlmPythonDefiningProject;Versoin"), ("PythonIndex", "https://pkgs.example/simple", null, "Nmae"),
             ("PythonProject", "pyproject.toml", null, "Extras")],
            request.DeclaredMetadata.Select(d => (d.ItemType, d.Include, d.DefiningProject, string.Join(";", d.Names))).ToList());
    }

    [Theory]
    [InlineData(null, 30)]
    [InlineData("", 30)]
    [InlineData("2", 2)]
    [InlineData(" 7.5 ", 7.5)]
    public void PythonHttpTimeout_IsTheReadTimeoutInSeconds(string? value, double seconds)
    {
        var task = NewTask();
        task.RestoreSettings.SetMetadata("PythonHttpTimeout", value ?? "");

        Assert.Equal(TimeSpan.FromSeconds(seconds), task.BuildRequest().HttpTimeout);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("30s")]
    public void PythonHttpTimeout_ThatIsNotAPositiveNumber_IsLLMPY0311(string value)
    {
        var task = NewTask();
        task.RestoreSettings.SetMetadata("PythonHttpTimeout", value ?? "");

        var e = Assert.Throws<Resolver.Diagnostics.LlmPyException>(() => task.BuildRequest());
        Assert.Equal("LLMPY0311", e.Code);
        Assert.Contains($"PythonHttpTimeout '{value}'", e.Message);
    }

    [Fact]
    public void Paths_AreMadeAbsolute_RelativeToTheDeclaringProject()
    {
        var task = NewTask();
        task.PythonPackages =
        [
            Item("wheels/own-1.0-py3-none-any.whl"),
            Item("wheels/lib-1.0-py3-none-any.whl", ("LlmPythonDefiningProject", LibProject)),
            Item("https://host/x-1.0-py3-none-any.whl"),
        ];
        task.PythonFindLinks = [Item("wheels"), Item("https://host/links.html")];

        var request = task.BuildRequest();

        Assert.Equal(Path.Combine(_dir, "app", "wheels", "own-1.0-py3-none-any.whl"), request.Packages[0].Include);
        Assert.Equal(Path.Combine(_dir, "lib", "wheels", "lib-1.0-py3-none-any.whl"), request.Packages[1].Include);
        Assert.Equal(LibProject, request.Packages[1].DefiningProject);
        Assert.Equal("https://host/x-1.0-py3-none-any.whl", request.Packages[2].Include);
        Assert.Equal([Path.Combine(_dir, "app", "wheels"), "https://host/links.html"], request.FindLinks);
        Assert.Equal(Path.Combine(_dir, "app", "python.lock.json"), request.LockFilePath);
        Assert.Equal(Path.Combine(_dir, "app", "obj", "python", "venv") + Path.DirectorySeparatorChar, request.EnvironmentDirectory);
    }

    [Fact]
    public void Properties_AreCarriedOver_WithDefaultsForEmptyValues()
    {
        var task = NewTask();
        task.PythonPackages = [Item("hello-llm")];
        task.PythonConstraints = [Item("tiny-tokenizer", ("Version", "<1"))];
        foreach (var (property, value) in new[]
        {
            ("PythonUpdatePackages", "torch; transformers,accelerate"), ("PythonIndexUrl", ""), ("PythonCuda", " "), ("PythonVersion", "3.11"),
            ("PythonTargetCudaDriver", "535.104.05"), ("PythonRestoreLockedMode", "true"), ("PythonOffline", "True"), ("PythonRefresh", "true"),
            ("RuntimeIdentifier", "linux-x64"),
        })
            task.RestoreSettings.SetMetadata(property, value);

        var request = task.BuildRequest(lockOnly: true);
        Assert.True(request.Refresh);

        Assert.Equal(["torch", "transformers", "accelerate"], request.UpdatePackages);
        Assert.Equal("https://pypi.org/simple", request.PythonIndexUrl);
        Assert.Equal("auto", request.PythonCuda);
        Assert.Equal(("3.11", "535.104.05", true, true, true, "linux-x64"),
            (request.PythonVersion, request.TargetCudaDriver, request.LockedMode, request.Offline, request.LockOnly, request.RuntimeIdentifier));
        Assert.Equal(new Resolver.Restore.ConstraintItem("tiny-tokenizer", "<1"), request.Constraints.Single());
        Assert.Null(request.CacheDirectory);
    }

    [Fact]
    public void MalformedItems_AreCodedErrors_AtTheItemLine()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(AppProject)!);
        File.WriteAllText(AppProject, """
            <Project>
              <ItemGroup>
                <PythonPackage Include="torch" />
                <PythonPackage Include="Auto_AWQ" NoDeps="maybe" />
              </ItemGroup>
            </Project>
            """);
        var engine = new FakeBuildEngine(AppProject);
        var task = NewTask(engine);
        var item = Item("Auto_AWQ", ("NoDeps", "maybe"), ("LlmPythonDefiningProject", AppProject));
        task.PythonPackages = [Item("torch"), item];

        Assert.False(task.Execute());

        var error = Assert.Single(engine.Errors);
        Assert.Equal(DiagnosticCodes.Inputs.InvalidBooleanMetadata, error.Code);
        Assert.Equal((AppProject, 4), (error.File, error.LineNumber));
        Assert.Contains("NoDeps=\"maybe\"", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Index", DiagnosticCodes.Inputs.UnknownIndexName)]
    [InlineData("EmptyInclude", DiagnosticCodes.Inputs.EmptyInclude)]
    [InlineData("Constraint", DiagnosticCodes.Inputs.ConstraintWithoutVersion)]
    [InlineData("DuplicateIndex", DiagnosticCodes.Inputs.DuplicateIndexName)]
    public void EachValidation_HasItsCode(string kind, string code)
    {
        var engine = new FakeBuildEngine(AppProject);
        var task = NewTask(engine);
        task.PythonPackages = [Item("torch")];
        switch (kind)
        {
            case "Index": task.PythonPackages = [Item("torch", ("Index", "missing"))]; break;
            case "EmptyInclude": task.PythonFindLinks = [new TaskItem(" ")]; break;
            case "Constraint": task.PythonConstraints = [Item("numpy")]; break;
            case "DuplicateIndex": task.PythonIndexes = [Item("https://a/", ("Name", "x")), Item("https://b/", ("Name", "X"))]; break;
        }

        Assert.False(task.Execute());

        Assert.Equal(code, Assert.Single(engine.Errors).Code);
        Assert.Equal(AppProject, engine.Errors[0].File);
    }

    [Fact]
    public void Why_WithoutPackage_IsLLMPY0008()
    {
        var engine = new FakeBuildEngine(AppProject);
        var task = new PythonWhy { BuildEngine = engine, RestoreSettings = SettingsItem.For(AppProject) };

        Assert.False(task.Execute());

        Assert.Equal(DiagnosticCodes.Inputs.WhyWithoutPackage, Assert.Single(engine.Errors).Code);
    }

    [Fact]
    public void RequirementsFilesAndProjects_AreAbsolute_RelativeToTheirDefiningProject()
    {
        var task = NewTask();
        task.PythonRequirementsFiles = [Item("requirements.txt"), Item("requirements.txt"), Item("req.txt", ("LlmPythonDefiningProject", LibProject))];
        task.PythonProjects = [Item("py/pyproject.toml", ("Extras", "gpu;cpu"))];

        var request = task.BuildRequest();

        Assert.Equal([Path.Combine(_dir, "app", "requirements.txt"), Path.Combine(_dir, "lib", "req.txt")], request.RequirementsFiles);
        var project = Assert.Single(request.Projects);
        Assert.Equal((Path.Combine(_dir, "app", "py", "pyproject.toml"), "gpu;cpu"), (project.Path, project.Extras));
    }
}
