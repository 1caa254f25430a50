using System.IO.Compression;
using LlmPython.Sdk.EndToEnd.Harness;

namespace LlmPython.Sdk.EndToEnd;

/// <summary>
/// A class library packed with <c>dotnet pack</c> carries its non-private Python items in
/// <c>buildTransitive/&lt;PackageId&gt;.targets</c>; an app that references the package from a local folder feed gets
/// them in its environment on its very first <c>dotnet build</c> (whose restore phase cannot see package imports yet).
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class NuGetLibraryTests
{
    private readonly PackedSdk _sdk = PackedSdk.Instance;

    [Fact]
    public void PackedLibrary_ShipsItsPythonPackages_AndTheAppsFirstBuildInstallsThem()
    {
        var root = TestProject.Create(_sdk, "NuLib");
        string feed = root.PathOf("feed");
        string packageId = "PyLib" + Guid.NewGuid().ToString("N")[..8];
        var library = TestProject.Create(_sdk, "PyLib", root.Directory).WithProjectFile($$"""
            <Project Sdk="LlmPython.Sdk/{SdkVersion}">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <PackageId>{{packageId}}</PackageId>
                <Version>1.0.0</Version>
                <PythonVersion>3.11</PythonVersion>
                <PythonOffline>true</PythonOffline>
                <PythonCacheDirectory>$(MSBuildProjectDirectory)/../cache</PythonCacheDirectory>
              </PropertyGroup>
              <ItemGroup>
                <PythonFindLinks Include="wheels" PrivateAssets="all" />
                <PythonPackage Include="hello-llm" Version="&gt;=0.1" />
                <PythonConstraint Include="tiny-tokenizer" Version="&gt;=0.2" PrivateAssets="all" />
              </ItemGroup>
            </Project>
            """).WithFile("Library.cs", "public static class Library { }\n").WithQuickStartWheels();

        library.Dotnet("pack", "-o", feed).ShouldSucceed();

        string targets = ReadEntry(Path.Combine(feed, $"{packageId}.1.0.0.nupkg"), $"buildTransitive/{packageId}.targets");
        Assert.Contains("<PythonPackage Include=\"hello-llm\" Version=\"&gt;=0.1\" />", targets, StringComparison.Ordinal);
        Assert.DoesNotContain("PythonConstraint", targets, StringComparison.Ordinal);
        Assert.DoesNotContain("wheels", targets, StringComparison.Ordinal);

        // The app's only Python items come from the package; it brings its own wheel source (offline).
        var app = TestProject.Create(_sdk, "PyApp", root.Directory)
            .WithFile("NuGet.config", _sdk.NuGetConfigWithFeeds(feed))
            .WithProjectFile(AppProjectXml.With("<PythonOffline>true</PythonOffline>", $"""
                    <PackageReference Include="{packageId}" Version="1.0.0" />
                    <PythonFindLinks Include="wheels" />
                """, cacheDirectory: "$(MSBuildProjectDirectory)/../cache"))
            .WithFile("Program.cs", "System.Console.WriteLine(typeof(Library).Name);\n")
            .WithQuickStartWheels();

        app.Build().ShouldSucceed();

        string lockPath = app.PathOf("python.lock.json");
        Assert.Equal("0.1.0", LockFileView.Single(lockPath, "hello-llm").Version);
        Assert.Equal("0.2.0", LockFileView.Single(lockPath, "tiny-tokenizer").Version);
        Assert.True(Directory.Exists(app.PathOf("obj/python/venv/lib/python3.11/site-packages/hello_llm")));
        byte[] lockBytes = File.ReadAllBytes(lockPath);

        // From now on the restore phase sees the package's items: a no-op, and --no-restore builds from the lock.
        var second = app.Build().ShouldSucceed();
        Assert.Contains("Python environment is up to date for PyApp", second.StdOut, StringComparison.Ordinal);
        app.Build("--no-restore").ShouldSucceed();
        Assert.Equal(lockBytes, File.ReadAllBytes(lockPath));

        // A consumer without LlmPython.Sdk is told that the package's Python packages are not installed.
        var plain = TestProject.Create(_sdk, "PlainApp", root.Directory)
            .WithFile("NuGet.config", _sdk.NuGetConfigWithFeeds(feed))
            .WithProjectFile($$"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="{{packageId}}" Version="1.0.0" />
                  </ItemGroup>
                </Project>
                """)
            .WithFile("Class.cs", "public static class Plain { }\n");
        var warned = plain.Build().ShouldSucceed();
        Assert.Contains($"warning LLMPY0061: The package {packageId} needs Python packages", warned.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void LocalWheelPaths_CannotBePacked()
    {
        var library = TestProject.Create(_sdk, "PyLocal").WithProjectFile("""
            <Project Sdk="LlmPython.Sdk/{SdkVersion}">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <PythonVersion>3.11</PythonVersion>
                <PythonOffline>true</PythonOffline>
                <PythonCacheDirectory>$(MSBuildProjectDirectory)/cache</PythonCacheDirectory>
              </PropertyGroup>
              <ItemGroup>
                <PythonPackage Include="wheels/hello_llm-0.1.0-py3-none-any.whl" />
                <PythonFindLinks Include="wheels" PrivateAssets="all" />
              </ItemGroup>
            </Project>
            """).WithFile("Library.cs", "public static class Library { }\n").WithQuickStartWheels();

        var pack = library.Dotnet("pack", "-o", library.PathOf("feed")).ShouldFail();

        Assert.Contains("error LLMPY0060", pack.Output, StringComparison.Ordinal);
        Assert.Contains("PrivateAssets=\"all\"", pack.Output, StringComparison.Ordinal);
    }

    private static string ReadEntry(string nupkg, string entryName)
    {
        using var archive = ZipFile.OpenRead(nupkg);
        var entry = archive.GetEntry(entryName) ?? throw new Xunit.Sdk.XunitException($"{nupkg} has no {entryName}: {string.Join(", ", archive.Entries.Select(e => e.FullName))}");
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }
}
