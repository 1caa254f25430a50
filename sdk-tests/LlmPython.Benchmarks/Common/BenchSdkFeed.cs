namespace LlmPython.Benchmarks.Common;

/// <summary>
/// The SDK of this repo packed for a build benchmark: <c>0.1.0-bench.&lt;utc time&gt;</c> in a temp feed, and a
/// projects folder that sees only that feed (NuGet.config) and nothing of the repo's Directory.Build.* or global.json.
/// </summary>
internal sealed record BenchSdkFeed(string Version, string Feed, TimeSpan PackTime)
{
    /// <summary>Packs into <paramref name="scratch"/>; null (after printing why) when packing fails.</summary>
    public static BenchSdkFeed? Pack(Scratch scratch)
    {
        var version = $"0.1.0-bench.{DateTime.UtcNow:yyyyMMddHHmmss}";
        var feed = scratch.Sub("feed");
        Exec.Outcome packed;
        try
        {
            // The repo's own restore uses the machine's packages folder; only the benchmark projects are isolated.
            packed = new NoOp.DotnetCommand(Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? DefaultPackagesFolder(), scratch.Sub("unused-cache"))
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
        return new BenchSdkFeed(version, feed, packed.Elapsed);
    }

    /// <summary>Makes <paramref name="projects"/> a folder whose builds see only this feed.</summary>
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

    private static string DefaultPackagesFolder() =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
}
