using LlmPython.Benchmarks.Common;
using LlmPython.Resolver.Restore;
using LlmPython.TestSupport;

namespace LlmPython.Benchmarks.Install;

/// <summary>
/// <c>install</c>: the distributions installed in pyenv 3.11.7's site-packages, repacked into wheels and
/// served on 127.0.0.1, installed into a fresh environment by: the engine (cold: empty cache, no lock;
/// warm: cache full and lock current, fresh venv folder), pip (<c>--no-deps --no-compile</c> into a
/// <c>venv --without-pip</c>, with no cache and with a warm cache), and <c>cp -al</c> of the engine's
/// finished venv (the physical limit: the same tree made of hard links).
/// </summary>
internal static class InstallBenchmark
{
    // The six biggest distributions there (cfn-lint, awscli, jedi, botocore, moto, sympy: 23.6k of 28.7k files)
    // are left out so one pip run stays well under a minute on a shared 2-core machine.
    private static readonly HashSet<string> Excluded = new(StringComparer.Ordinal) { "cfn_lint", "awscli", "jedi", "botocore", "moto", "sympy" };
    private const int EngineColdRuns = 2;
    private const int WarmRuns = 5;
    private const int PipRuns = 2;

    public static async Task RunAsync()
    {
        using var scratch = BenchPaths.NewScratch("install");
        var sitePackages = Path.Combine(BenchPaths.PyenvRoot, "versions", BenchPaths.PythonVersion, "lib", "python3.11", "site-packages");
        var distributions = Directory.GetDirectories(sitePackages, "*.dist-info").Select(Path.GetFileName).Order(StringComparer.Ordinal)
            .Select(d => InstalledDistribution.Read(sitePackages, d!)).OfType<InstalledDistribution>()
            .Where(d => !Excluded.Contains(d.Name)).ToList();

        await using var server = await LocalIndexServer.StartAsync().ConfigureAwait(false);
        var files = 0;
        long bytes = 0, wheelBytes = 0;
        foreach (var distribution in distributions)
        {
            var wheel = WheelRepacker.Repack(sitePackages, distribution);
            server.AddFile(wheel.FileName, wheel.Content);
            files += wheel.FileCount;
            bytes += wheel.InstalledBytes;
            wheelBytes += wheel.Content.Length;
        }
        var pins = distributions.Select(d => $"{d.Name}=={d.Version}").ToList();
        Console.WriteLine($"Repacked {distributions.Count} distributions of {sitePackages}: {files} files, {bytes / 1e6:0.0} MB installed, {wheelBytes / 1e6:0.0} MB of wheels.");

        // Engine cold: empty cache, no lock, no venv: resolve + download + unzip + install.
        var projectDir = scratch.Sub("app");
        var engineCold = new List<TimeSpan>();
        RestoreRequest request = null!;
        for (var i = 0; i < EngineColdRuns; i++)
        {
            request = EngineRequest(server, projectDir, Path.Combine(scratch.Root, $"cache-{i}"), distributions);
            File.Delete(request.LockFilePath);
            DeleteTree(request.EnvironmentDirectory);
            engineCold.Add(Timing.Once(() => QuietRestoreLog.RunOrThrow(request, "engine cold install")));
        }
        // Engine warm: the last cold run's cache and lock; only the venv folder is new.
        var engineWarm = Timing.Median(WarmRuns, () => QuietRestoreLog.RunOrThrow(request, "engine warm install"),
            before: () => DeleteTree(request.EnvironmentDirectory));
        var engineFiles = CountFiles(request.EnvironmentDirectory);
        var listed = ListedByPip(Path.Combine(request.EnvironmentDirectory, "bin", "python"));
        var missing = distributions.Select(d => Normalize(d.Name) + "==" + d.Version).Where(p => !listed.Contains(p)).ToList();

        // cp -al of the finished venv.
        var copy = Path.Combine(scratch.Root, "cp-al");
        var copyTime = Timing.Median(WarmRuns, () => Exec.Run("cp", ["-al", request.EnvironmentDirectory, copy]).ShouldSucceed("cp -al"),
            before: () => DeleteTree(copy));

        // pip into a fresh venv: no cache, then warm cache (one untimed run fills it).
        var pipVenv = Path.Combine(scratch.Root, "pip-venv");
        var pipNoCache = Timing.Median(PipRuns, () => PipInstall(server, pipVenv, pins, ["--no-cache-dir"]), before: () => DeleteTree(pipVenv));
        var pipCache = Path.Combine(scratch.Root, "pip-cache");
        DeleteTree(pipVenv);
        PipInstall(server, pipVenv, pins, ["--cache-dir", pipCache]);
        var pipWarm = Timing.Median(PipRuns, () => PipInstall(server, pipVenv, pins, ["--cache-dir", pipCache]), before: () => DeleteTree(pipVenv));
        var pipFiles = CountFiles(pipVenv);
        var venvOnly = Timing.Median(PipRuns, () => Exec.Run(BenchPaths.BasePython, ["-m", "venv", "--without-pip", pipVenv]).ShouldSucceed("python -m venv"),
            before: () => DeleteTree(pipVenv));

        var engineColdMedian = Timing.MedianOf(engineCold);
        var table = new Table($"install {distributions.Count} wheels ({files} files, {bytes / 1e6:0.0} MB) into a fresh environment",
            "installer", "runs", "median", "vs cp -al", "pip (warm) / this");
        table.Add("cp -al of the finished venv (limit)", WarmRuns.ToString(), Timing.Ms(copyTime), "1.00×", Timing.Ratio(pipWarm, copyTime));
        table.Add("engine restore, warm (cache + lock)", WarmRuns.ToString(), Timing.Ms(engineWarm), Timing.Ratio(engineWarm, copyTime), Timing.Ratio(pipWarm, engineWarm));
        table.Add("engine restore, cold (empty cache)", EngineColdRuns.ToString(), Timing.Ms(engineColdMedian), Timing.Ratio(engineColdMedian, copyTime), Timing.Ratio(pipWarm, engineColdMedian));
        table.Add("pip venv + install, warm cache", PipRuns.ToString(), Timing.Ms(pipWarm), Timing.Ratio(pipWarm, copyTime), "1.00×");
        table.Add("pip venv + install, --no-cache-dir", PipRuns.ToString(), Timing.Ms(pipNoCache), Timing.Ratio(pipNoCache, copyTime), Timing.Ratio(pipWarm, pipNoCache));
        table.Add("  of which: python -m venv --without-pip", PipRuns.ToString(), Timing.Ms(venvOnly), "", "");
        table.Print();
        Console.WriteLine($"Files in the finished environment: engine {engineFiles}, pip {pipFiles} (pip --no-compile; the engine writes no .pyc by default).");
        Console.WriteLine($"`pip list` in the engine's environment shows {distributions.Count - missing.Count} of {distributions.Count} distributions at their versions{(missing.Count == 0 ? "" : "; missing: " + string.Join(", ", missing.Take(5)))}.");
        var vsCopy = engineWarm.TotalMilliseconds / copyTime.TotalMilliseconds;
        var vsPip = pipWarm.TotalMilliseconds / engineWarm.TotalMilliseconds;
        Table.Summary($"warm engine install {Timing.Ms(engineWarm)} = {vsCopy:0.0}× cp -al (goal ≤ 2×: {(vsCopy <= 2 ? "met" : "NOT met")}), {vsPip:0.0}× faster than pip with a warm cache (goal ≥ 10×: {(vsPip >= 10 ? "met" : "NOT met")}).");
    }

    private static RestoreRequest EngineRequest(LocalIndexServer server, string projectDir, string cache, IReadOnlyList<InstalledDistribution> distributions) =>
        BenchRequests.For(server, projectDir, cache) with
    {
        Packages = distributions.Select(d => new PackageItem(d.Name, "==" + d.Version, NoDeps: true)).ToList(),
    };

    private static void PipInstall(LocalIndexServer server, string venv, IReadOnlyList<string> pins, string[] cacheArgs)
    {
        Exec.Run(BenchPaths.BasePython, ["-m", "venv", "--without-pip", venv]).ShouldSucceed("python -m venv");
        Exec.Run(BenchPaths.BasePython,
            ["-m", "pip", "--python", Path.Combine(venv, "bin", "python"), "install", "--no-deps", "--no-compile", "--quiet",
             "--disable-pip-version-check", "--no-input", "--index-url", server.IndexUrl, .. cacheArgs, .. pins])
            .ShouldSucceed("pip install");
    }

    /// <summary>name==version of everything <c>pip list</c> sees in an environment (pip run from the base interpreter).</summary>
    private static HashSet<string> ListedByPip(string python)
    {
        var outcome = Exec.Run(BenchPaths.BasePython, ["-m", "pip", "--python", python, "list", "--format=json", "--disable-pip-version-check"]).ShouldSucceed("pip list");
        using var json = System.Text.Json.JsonDocument.Parse(outcome.Stdout);
        return json.RootElement.EnumerateArray()
            .Select(e => Normalize(e.GetProperty("name").GetString()!) + "==" + e.GetProperty("version").GetString())
            .ToHashSet(StringComparer.Ordinal);
    }

    private static string Normalize(string name) => System.Text.RegularExpressions.Regex.Replace(name, "[-_.]+", "-").ToLowerInvariant();

    // Links are not followed: a venv's lib64 → lib would count every file twice.
    private static int CountFiles(string folder) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint }).Count()
            : 0;

    private static void DeleteTree(string folder)
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }
}
