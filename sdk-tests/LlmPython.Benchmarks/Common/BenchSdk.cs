using LlmPython.Benchmarks.NoOp;

namespace LlmPython.Benchmarks.Common;

/// <summary>
/// The SDK packed from <c>src/Sdk</c> as <c>0.1.0-bench.&lt;utc time&gt;</c> into a scratch feed, and a projects folder
/// that consumes it (NuGet.config with only that feed, empty Directory.Build.* so the repo's do not apply, an
/// isolated NUGET_PACKAGES): what the benchmarks that run real <c>dotnet build</c>s share.
/// </summary>
internal sealed record BenchSdk(string Version, string Feed, string Projects, string PackagesFolder, TimeSpan PackTime)
{
    /// <summary>A dotnet CLI on this SDK's packages folder with <paramref name="pythonCache"/> as LLMPYTHON_CACHE.</summary>
    public DotnetCommand Dotnet(string pythonCache) => new(PackagesFolder, pythonCache);

    /// <summary>Packs the SDK; null (after printing why) when packing fails.</summary>
    public static BenchSdk? Pack(Scratch scratch)
    {
        var version = $"0.1.0-bench.{DateTime.UtcNow:yyyyMMddHHmmss}";
        var feed = scratch.Sub("feed");
        Exec.Outcome packed;
        try
        {
            // The repo's own restore uses the machine's packages folder; only the benchmark projects are isolated.
            packed = new DotnetCommand(Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? DefaultPackagesFolder(), scratch.Sub("unused-cache")) { Timeout = TimeSpan.FromMinutes(15) }
                .Run(BenchPaths.RepoRoot, "pack", Path.Combine("src", "Sdk", "LlmPython.Sdk.csproj"), "-c", "Release", "-o", feed, "-nologo", $"-p:Version={version}");
        }
        catch (TimeoutException e)
        {
            Table.Summary($"SDK packaging not usable: {e.Message}");
            return null;
        }
        if (packed.ExitCode != 0 || !File.Exists(Path.Combine(feed, $"LlmPython.Sdk.{version}.nupkg")))
        {
            Console.WriteLine(packed.Stdout.Length > 3000 ? packed.Stdout[^3000..] : packed.Stdout);
            Table.Summary($"SDK packaging not usable yet: dotnet pack src/Sdk failed (exit {packed.ExitCode}); no figures.");
            return null;
        }

        var sdk = new BenchSdk(version, feed, scratch.Sub("projects"), scratch.Sub("packages"), packed.Elapsed);
        sdk.Isolate(sdk.Projects);
        return sdk;
    }

    /// <summary>Makes <paramref name="projects"/> a folder whose builds see only this feed and nothing of the repo's Directory.Build.* or global.json.</summary>
    public void Isolate(string projects)
    {
        File.WriteAllText(Path.Combine(projects, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(projects, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(projects, "Directory.Packages.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(projects, "global.json"), "{ \"sdk\": { \"rollForward\": \"latestMajor\", \"allowPrerelease\": true } }\n");
        File.WriteAllText(Path.Combine(projects, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="llmpython-bench" value="{Feed}" />
              </packageSources>
            </configuration>
            """);
    }

    /// <summary>A console app under <see cref="Projects"/> using <paramref name="projectSdk"/> (e.g. <c>Microsoft.NET.Sdk</c>, <c>LlmPython.Sdk/&lt;version&gt;</c>) with <paramref name="body"/> in its project.</summary>
    public string App(string name, string projectSdk, string body)
    {
        var dir = Path.Combine(Projects, name);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, name + ".csproj"), $"""
            <Project Sdk="{projectSdk}">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
              </PropertyGroup>
            {body}
            </Project>
            """);
        File.WriteAllText(Path.Combine(dir, "Program.cs"), "System.Console.WriteLine(\"hello\");\n");
        return dir;
    }

    /// <summary>The app that installs one wheel, <paramref name="package"/>, from <paramref name="indexUrl"/> (the big-wheel measurements).</summary>
    public string SinglePackageApp(string name, string indexUrl, string package) => App(name, $"LlmPython.Sdk/{Version}", $"""
          <PropertyGroup>
            <PythonVersion>3.11</PythonVersion>
            <PythonIndexUrl>{indexUrl}</PythonIndexUrl>
          </PropertyGroup>
          <ItemGroup>
            <PythonPackage Include="{package}" />
          </ItemGroup>
        """);

    private static string DefaultPackagesFolder() =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
}
