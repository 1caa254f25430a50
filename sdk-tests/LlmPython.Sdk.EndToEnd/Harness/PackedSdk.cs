namespace LlmPython.Sdk.EndToEnd.Harness;

/// <summary>
/// The SDK packed once per test run into a temp feed, under a version no earlier run used
/// (<c>0.1.0-e2e-…</c>), restored into a packages folder of its own: a stale LlmPython.Sdk in the
/// user's global NuGet cache can never be what a test exercises.
/// </summary>
public sealed class PackedSdk
{
    private static readonly Lazy<PackedSdk> s_instance = new(() => new PackedSdk(), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Packs on first use; every test class shares the result.</summary>
    public static PackedSdk Instance => s_instance.Value;

    private PackedSdk()
    {
        DeleteOldRuns();
        RunRoot = Path.Combine(Path.GetTempPath(), "llmpython-e2e", $"{DateTime.UtcNow:yyyyMMddHHmmss}-{Environment.ProcessId}");
        Feed = Path.Combine(RunRoot, "feed");
        PackagesFolder = Path.Combine(RunRoot, "packages");
        ProjectsRoot = Path.Combine(RunRoot, "projects");
        Directory.CreateDirectory(Feed);
        Directory.CreateDirectory(ProjectsRoot);
        Version = $"0.1.0-e2e-{DateTime.UtcNow:yyyyMMddHHmmss}-{Environment.ProcessId}";
        WriteIsolationFiles();

        DotnetCli.Run(RepoPaths.Root, null, TimeSpan.FromMinutes(5),
                "pack", RepoPaths.SdkProject, "-c", "Release", "-o", Feed, "-nologo", $"-p:Version={Version}")
            .ShouldSucceed();
        PackagePath = Path.Combine(Feed, $"LlmPython.Sdk.{Version}.nupkg");
        if (!File.Exists(PackagePath))
            throw new InvalidOperationException($"pack did not produce {PackagePath}");
    }

    public string RunRoot { get; }
    public string Feed { get; }
    public string PackagesFolder { get; }
    public string ProjectsRoot { get; }
    public string Version { get; }
    public string PackagePath { get; }

    /// <summary>NuGet.config for a throw-away project: the temp feed first, then nuget.org as this machine has it.</summary>
    public string NuGetConfig => NuGetConfigWithFeeds();

    /// <summary><see cref="NuGetConfig"/> with more local folder feeds (packages a test packed) after the SDK's feed.</summary>
    public string NuGetConfigWithFeeds(params string[] folders) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <config>
            <add key="globalPackagesFolder" value="{PackagesFolder}" />
          </config>
          <packageSources>
            <clear />
            <add key="llmpython-e2e" value="{Feed}" />
        {string.Concat(folders.Select((f, i) => $"    <add key=\"test-feed-{i}\" value=\"{f}\" />\n"))}            <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
          </packageSources>
        </configuration>
        """;

    // Earlier runs' folders (kept for post-mortems) are removed once they are a day old.
    private static void DeleteOldRuns()
    {
        var parent = new DirectoryInfo(Path.Combine(Path.GetTempPath(), "llmpython-e2e"));
        if (!parent.Exists)
            return;
        foreach (var run in parent.EnumerateDirectories())
        {
            if (run.CreationTimeUtc > DateTime.UtcNow.AddDays(-1))
                continue;
            try { run.Delete(recursive: true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }

    // Stop MSBuild's upward search for Directory.Build.* and global.json at the run root, whatever /tmp holds.
    private void WriteIsolationFiles()
    {
        File.WriteAllText(Path.Combine(ProjectsRoot, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(ProjectsRoot, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(ProjectsRoot, "Directory.Packages.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(ProjectsRoot, "global.json"), "{ \"sdk\": { \"rollForward\": \"latestMajor\", \"allowPrerelease\": true } }\n");
    }
}
