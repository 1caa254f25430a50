namespace LlmPython.Tasks.Tests;

/// <summary>
/// Where the Python restore happens, read from the SDK's targets in process: NuGet's restore phase (dotnet restore, the restore
/// step of dotnet build) or the build (PythonResolveOnBuild, the PackageReference form, Visual Studio), what the build phase does
/// with NuGet's generated files, and which target of a multi-targeting project restores.
/// </summary>
[Trait("Category", "Unit")]
public sealed class RestoreModeTests
{
    private const string ChooseBuildMode = "_PythonChooseBuildRestoreMode";
    private const string ChooseRestorePhaseMode = "_PythonChooseRestorePhaseMode";

    [Fact]
    public void By_default_the_restore_phase_resolves_and_the_build_only_materializes_the_lock()
    {
        using var project = new SdkTargetsProject();
        var instance = project.Evaluate();

        Assert.Equal("true", instance.GetPropertyValue("_PythonRestorePhaseRuns"));
        Assert.Equal("false", instance.GetPropertyValue("PythonResolveOnBuild"));
        Assert.True(SdkTargetsProject.Runs(instance, "_PythonRestoreOnNuGetRestore"));
        Assert.True(SdkTargetsProject.Runs(instance, "_PythonRestoreOnBuild"));
    }

    [Theory]
    [InlineData("PythonRestoreOnNuGetRestore", "false")]
    [InlineData("BuildingInsideVisualStudio", "true")]
    public void Without_a_restore_phase_the_build_resolves(string property, string value)
    {
        using var project = new SdkTargetsProject();
        var instance = project.Evaluate((property, value));

        Assert.Equal("", instance.GetPropertyValue("_PythonRestorePhaseRuns"));
        Assert.Equal("true", instance.GetPropertyValue("PythonResolveOnBuild"));
        Assert.False(SdkTargetsProject.Runs(instance, "_PythonRestoreOnNuGetRestore"));
    }

    [Fact]
    public void The_PackageReference_form_has_no_restore_phase_so_its_build_resolves()
    {
        using var project = new SdkTargetsProject(byPackageReference: true);
        var instance = project.Evaluate();

        Assert.Equal("true", instance.GetPropertyValue("_LlmPythonImportedByPackageReference"));
        Assert.Equal("true", instance.GetPropertyValue("PythonResolveOnBuild"));
        Assert.False(SdkTargetsProject.Runs(instance, "_PythonRestoreOnNuGetRestore"));
    }

    [Theory]
    [InlineData("true", false, "true")]
    [InlineData("false", true, "false")]
    public void An_explicit_PythonResolveOnBuild_wins(string value, bool byPackageReference, string expected)
    {
        using var project = new SdkTargetsProject($"<PropertyGroup><PythonResolveOnBuild>{value}</PythonResolveOnBuild></PropertyGroup>", byPackageReference);

        Assert.Equal(expected, project.Evaluate().GetPropertyValue("PythonResolveOnBuild"));
    }

    [Fact]
    public void The_build_phase_materializes_from_the_lock_when_NuGet_generated_nothing_new_since_the_restore()
    {
        using var project = new SdkTargetsProject();
        WriteNuGetFiles(project, withImports: false);
        var state = project.Build([ChooseBuildMode]).GetPropertyValue("_PythonPackageImportsState");
        project.Write("obj/python/restore-imports.txt", state + "\n");

        var instance = project.Build([ChooseBuildMode]);

        Assert.Equal("true", instance.GetPropertyValue("_PythonRestoreFromLockFileOnly"));
        Assert.Equal("low", instance.GetPropertyValue("_PythonUpToDateImportance")); // the restore phase already said "up to date"
    }

    [Fact]
    public void The_build_phase_resolves_when_NuGet_generated_imports_after_the_Python_restore()
    {
        using var project = new SdkTargetsProject();
        WriteNuGetFiles(project, withImports: false);
        var state = project.Build([ChooseBuildMode]).GetPropertyValue("_PythonPackageImportsState");
        project.Write("obj/python/restore-imports.txt", state + "\n");
        File.SetLastWriteTimeUtc(Path.Combine(project.Directory, "obj", "App.csproj.nuget.g.props"), DateTime.UtcNow.AddMinutes(1));

        var instance = project.Build([ChooseBuildMode]);

        Assert.NotEqual(state, instance.GetPropertyValue("_PythonPackageImportsState"));
        Assert.Equal("false", instance.GetPropertyValue("_PythonRestoreFromLockFileOnly"));
    }

    [Fact]
    public void The_build_phase_resolves_when_no_restore_phase_recorded_what_it_saw()
    {
        using var project = new SdkTargetsProject();
        Assert.Equal("false", project.Build([ChooseBuildMode]).GetPropertyValue("_PythonRestoreFromLockFileOnly"));
    }

    [Fact]
    public void PythonResolveOnBuild_makes_the_build_phase_resolve_and_say_up_to_date_itself()
    {
        using var project = new SdkTargetsProject(byPackageReference: true);
        var instance = project.Build([ChooseBuildMode]);

        Assert.Equal("false", instance.GetPropertyValue("_PythonRestoreFromLockFileOnly"));
        Assert.Equal("", instance.GetPropertyValue("_PythonUpToDateImportance"));
    }

    [Theory]
    [InlineData(true, "true", "ExcludeRestorePackageImports=false;ImportProjectExtensionProps=true;ImportProjectExtensionTargets=true")]
    [InlineData(false, "true", "")]
    [InlineData(true, "false", "")]
    public void The_restore_phase_reevaluates_with_package_imports_only_when_NuGet_generated_some(bool withImports, string excludeImports, string expected)
    {
        using var project = new SdkTargetsProject();
        WriteNuGetFiles(project, withImports);

        var instance = project.Build([ChooseRestorePhaseMode], ("ExcludeRestorePackageImports", excludeImports));

        Assert.Equal(withImports ? "true" : "", instance.GetPropertyValue("_PythonHasPackageImports"));
        Assert.Equal(expected, instance.GetPropertyValue("_PythonRestorePhaseProperties"));
    }

    [Theory]
    [InlineData("net8.0", true)]
    [InlineData("", false)]
    public void A_multi_targeting_project_restores_once_in_its_outer_build(string targetFramework, bool inner)
    {
        using var project = new SdkTargetsProject("<PropertyGroup><TargetFrameworks>net8.0;net10.0</TargetFrameworks></PropertyGroup>");
        var instance = project.Evaluate(("TargetFramework", targetFramework));

        Assert.Equal(inner ? "true" : "", instance.GetPropertyValue("_PythonIsInnerBuild"));
        Assert.Equal(!inner, SdkTargetsProject.Runs(instance, "_PythonRestoreOnBuild"));
        Assert.Equal(inner, SdkTargetsProject.Runs(instance, "_PythonRestoreOnInnerBuild"));
        Assert.Equal(!inner, SdkTargetsProject.Runs(instance, "PythonClean"));
    }

    [Theory]
    [InlineData("DesignTimeBuild", "true")]
    [InlineData("PythonRestoreOnBuild", "false")]
    public void Design_time_builds_and_PythonRestoreOnBuild_false_do_not_restore_on_build(string property, string value)
    {
        using var project = new SdkTargetsProject();
        var instance = project.Evaluate((property, value));

        Assert.False(SdkTargetsProject.Runs(instance, "_PythonRestoreOnBuild"));
        Assert.False(SdkTargetsProject.Runs(instance, "_PythonRestoreOnInnerBuild"));
    }

    [Fact]
    public void A_DependsOn_property_runs_the_project_s_own_target_before_the_restore()
    {
        using var project = new SdkTargetsProject("""
            <PropertyGroup><PythonRestoreDependsOn>AddGeneratedPythonPackages</PythonRestoreDependsOn></PropertyGroup>
            <Target Name="AddGeneratedPythonPackages">
              <PropertyGroup><_SeenBeforeCollect>@(_PythonPackageAll)</_SeenBeforeCollect></PropertyGroup>
              <ItemGroup><PythonRequirementsFile Include="generated-requirements.txt" Condition="false" /></ItemGroup>
            </Target>
            """);

        // No Python inputs: PythonRestore runs its DependsOn chain without loading the tasks.
        var instance = project.Build(["PythonRestore"]);

        Assert.StartsWith("AddGeneratedPythonPackages;", instance.GetPropertyValue("PythonRestoreDependsOn").TrimStart(';'));
        Assert.Equal("false", instance.GetPropertyValue("_PythonHasInputs"));
        Assert.Single(instance.GetItems("_PythonRestoreSettings"));
    }

    private static void WriteNuGetFiles(SdkTargetsProject project, bool withImports)
    {
        var import = withImports ? "<Import Project=\"/pkg/build/Lib.props\" Condition=\"Exists('/pkg/build/Lib.props')\" />" : "";
        project.Write("obj/App.csproj.nuget.g.props", $"<Project>{import}</Project>");
        project.Write("obj/App.csproj.nuget.g.targets", "<Project></Project>");
        project.Write("obj/project.assets.json", "{}");
    }
}
