using LlmPython.Sdk.EndToEnd.Harness;

namespace LlmPython.Sdk.EndToEnd;

/// <summary>
/// The restore/build split, NuGet's way: <c>dotnet restore</c> (and the restore phase of <c>dotnet build</c>) resolves and
/// locks; the build phase (<c>dotnet build --no-restore</c>) only materializes the lock and says to restore when it is stale.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class NoRestoreBuildTests
{
    private readonly PackedSdk _sdk = PackedSdk.Instance;

    private static string ProjectXml(string extraItems = "") => AppProjectXml.QuickStart(extraItems: extraItems);

    [Fact]
    public void Restore_Locks_BuildNoRestore_MaterializesTheLock_AndAStaleLockSaysToRestore()
    {
        var project = TestProject.ConsoleApp(_sdk, "NoRes", ProjectXml()).WithQuickStartWheels();
        string lockPath = project.PathOf("python.lock.json");

        // dotnet restore alone resolves and writes the lock (NuGet's restore runs PythonRestore).
        project.Dotnet("restore").ShouldSucceed();
        Assert.Equal("0.2.0", LockFileView.Single(lockPath, "tiny-tokenizer").Version);
        byte[] lockBytes = File.ReadAllBytes(lockPath);

        // The build phase alone builds the environment from the lock, resolving nothing.
        Directory.Delete(project.PathOf("obj/python/venv"), recursive: true);
        var build = project.Build("--no-restore", "-v:detailed").ShouldSucceed();
        Assert.True(File.Exists(project.PathOf("obj/python/venv/pyvenv.cfg")));
        Assert.DoesNotContain("Resolving ", build.Output, StringComparison.Ordinal);
        Assert.Equal(lockBytes, File.ReadAllBytes(lockPath));

        // A changed item makes the lock stale: --no-restore fails with LLMPY0640 and leaves the lock alone.
        project.WithProjectFile(ProjectXml("""<PythonConstraint Include="tiny-tokenizer" Version="&lt;1" />"""));
        var stale = project.Build("--no-restore").ShouldFail();
        Assert.Contains("error LLMPY0640", stale.Output, StringComparison.Ordinal);
        Assert.Contains("Run `dotnet restore` (or build without --no-restore)", stale.Output, StringComparison.Ordinal);
        Assert.Equal(lockBytes, File.ReadAllBytes(lockPath));

        // The opt-out resolves during the build, as before: the lock is rewritten for the new inputs.
        project.Build("--no-restore", "-p:PythonResolveOnBuild=true").ShouldSucceed();
        Assert.NotEqual(lockBytes, File.ReadAllBytes(lockPath));
        project.Build("--no-restore").ShouldSucceed();
    }

    [Fact]
    public void BuildWithRestore_ResolvesTheChange_AndTheNextNoRestoreBuildUsesIt()
    {
        var project = TestProject.ConsoleApp(_sdk, "ReBld", ProjectXml()).WithQuickStartWheels();
        string lockPath = project.PathOf("python.lock.json");
        project.Build().ShouldSucceed();
        Assert.Equal(2, LockFileView.Read(lockPath).Count);

        project.WithProjectFile(ProjectXml("""<PythonPackage Include="tiny-tokenizer" Version="&gt;=0.2" />"""));
        project.Build("--no-restore").ShouldFail();
        project.Build().ShouldSucceed();
        project.Build("--no-restore").ShouldSucceed();
        Assert.Equal("0.2.0", LockFileView.Single(lockPath, "tiny-tokenizer").Version);
    }

    [Fact]
    public void ReferencedLibraryUsingTheSdkByPackageReference_ItsItemsReachTheAppsRestorePhase()
    {
        var root = TestProject.Create(_sdk, "PrRef");
        // NuGet's restore evaluation leaves package imports out: this library's targets and items are package imports.
        var library = TestProject.Create(_sdk, "PrLib", root.Directory).WithProjectFile("""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <PythonVersion>3.11</PythonVersion>
                <PythonOffline>true</PythonOffline>
                <PythonCacheDirectory>$(MSBuildProjectDirectory)/../cache</PythonCacheDirectory>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="LlmPython.Sdk" Version="{SdkVersion}" PrivateAssets="all" />
                <PythonFindLinks Include="wheels" />
                <PythonPackage Include="hello-llm" />
              </ItemGroup>
            </Project>
            """).WithFile("Library.cs", "public static class Library { }\n").WithQuickStartWheels();
        var app = TestProject.Create(_sdk, "PrApp", root.Directory).WithProjectFile(AppProjectXml.With("<PythonOffline>true</PythonOffline>", $"""
                <ProjectReference Include="{library.ProjectFile}" />
                <PythonFindLinks Include="wheels" />
                <PythonPackage Include="tiny-tokenizer" Version="&gt;=0.2" />
            """, cacheDirectory: "$(MSBuildProjectDirectory)/../cache")).WithFile("Program.cs", "System.Console.WriteLine(\"app\");\n").WithQuickStartWheels();
        string lockPath = app.PathOf("python.lock.json");

        app.Build().ShouldSucceed();
        Assert.Equal("0.1.0", LockFileView.Single(lockPath, "hello-llm").Version);
        byte[] lockBytes = File.ReadAllBytes(lockPath);

        // Were the library's items missing from the restore phase, it would lock tiny-tokenizer alone and the build would stop.
        var second = app.Build().ShouldSucceed();
        Assert.Contains("Python environment is up to date for PrApp", second.StdOut, StringComparison.Ordinal);
        app.Build("--no-restore").ShouldSucceed();
        Assert.Equal(lockBytes, File.ReadAllBytes(lockPath));
    }
}
