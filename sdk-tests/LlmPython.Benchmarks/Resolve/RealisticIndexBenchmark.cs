using System.Text.Json;
using LlmPython.Benchmarks.Common;
using LlmPython.Resolver.Restore;
using LlmPython.TestSupport;

namespace LlmPython.Benchmarks.Resolve;

/// <summary>
/// Part (b) of <c>resolve</c>: the <see cref="LlmStackGraph"/> as real wheels on a loopback
/// <see cref="LocalIndexServer"/> (PEP 503 + PEP 658 metadata files; torch also on /whl/cpu/), resolved by
/// RestoreEngine with LockOnly=true (cold = empty cache; warm = cache full, lockfile deleted so it resolves
/// again) and by <c>pip install --dry-run --ignore-installed --report</c> against the same server (cache
/// disabled, and with a warm cache of its own). Both results are compared package by package.
/// </summary>
internal static class RealisticIndexBenchmark
{
    private const int ColdRuns = 3;
    private const int WarmRuns = 5;
    private const int PipRuns = 3;

    public static async Task RunAsync()
    {
        using var scratch = BenchPaths.NewScratch("resolve");
        await using var server = await LocalIndexServer.StartAsync().ConfigureAwait(false);
        var wheels = LlmStackGraph.PublishTo(server);

        // Engine: cold (fresh cache each run) then warm (same cache, lock deleted so it really resolves).
        var projectDir = scratch.Sub("app");
        var engineCold = new List<TimeSpan>();
        RestoreResult? engineResult = null;
        for (var i = 0; i < ColdRuns; i++)
        {
            var request = EngineRequest(server, projectDir, Path.Combine(scratch.Root, $"cache-cold-{i}"));
            File.Delete(request.LockFilePath);
            engineCold.Add(Timing.Once(() => engineResult = QuietRestoreLog.RunOrThrow(request, "engine cold resolve")));
        }
        var warmRequest = EngineRequest(server, projectDir, Path.Combine(scratch.Root, "cache-cold-0"));
        var engineWarm = Timing.Median(WarmRuns, () => QuietRestoreLog.RunOrThrow(warmRequest, "engine warm resolve"),
            before: () => File.Delete(warmRequest.LockFilePath));

        // pip: no cache, then with a cache warmed by one untimed run.
        var pipNoCache = new List<TimeSpan>();
        Dictionary<string, string>? pipResult = null;
        for (var i = 0; i < PipRuns; i++)
        {
            var (elapsed, resolved) = PipDryRun(server, ["--no-cache-dir"]);
            pipNoCache.Add(elapsed);
            pipResult = resolved;
        }
        var pipCache = Path.Combine(scratch.Root, "pip-cache");
        PipDryRun(server, ["--cache-dir", pipCache]);
        var pipWarmTimes = new List<TimeSpan>();
        for (var i = 0; i < PipRuns; i++)
            pipWarmTimes.Add(PipDryRun(server, ["--cache-dir", pipCache]).Elapsed);

        var engineSet = engineResult!.Packages.ToDictionary(p => p.Name, p => p.Version, StringComparer.Ordinal);
        var same = pipResult!.Count == engineSet.Count && pipResult.All(kv => engineSet.TryGetValue(kv.Key, out var v) && v == kv.Value);
        var difference = same ? "" : " Differences: " + string.Join(", ",
            pipResult.Where(kv => !engineSet.TryGetValue(kv.Key, out var v) || v != kv.Value).Select(kv => $"pip {kv.Key}=={kv.Value} vs engine {(engineSet.TryGetValue(kv.Key, out var e) ? e : "-")}")
                .Concat(engineSet.Where(kv => !pipResult.ContainsKey(kv.Key)).Select(kv => $"engine-only {kv.Key}=={kv.Value}")));

        var engineColdMedian = Timing.MedianOf(engineCold);
        var pipNoCacheMedian = Timing.MedianOf(pipNoCache);
        var pipWarm = Timing.MedianOf(pipWarmTimes);
        var table = new Table($"realistic index: {LlmStackGraph.Projects.Length} projects, {wheels} wheels on 127.0.0.1 (PEP 658), roots: {string.Join(' ', LlmStackGraph.Roots)}",
            "resolver", "runs", "median", "pip (no cache) / this", "pip (warm cache) / this");
        table.Add("engine LockOnly, cold cache", ColdRuns.ToString(), Timing.Ms(engineColdMedian), Timing.Ratio(pipNoCacheMedian, engineColdMedian), Timing.Ratio(pipWarm, engineColdMedian));
        table.Add("engine LockOnly, warm cache", WarmRuns.ToString(), Timing.Ms(engineWarm), Timing.Ratio(pipNoCacheMedian, engineWarm), Timing.Ratio(pipWarm, engineWarm));
        table.Add("pip 23.2.1 --dry-run, --no-cache-dir", PipRuns.ToString(), Timing.Ms(pipNoCacheMedian), "1.00×", "");
        table.Add("pip 23.2.1 --dry-run, warm --cache-dir", PipRuns.ToString(), Timing.Ms(pipWarm), "", "1.00×");
        table.Print();
        Console.WriteLine($"engine resolved {engineSet.Count} packages, pip {pipResult.Count}; same pins: {(same ? "yes" : "no")}.{difference}");
        Console.WriteLine($"Checked against the graph: engine's pins {Verdict(PinSetCheck.Problems(engineSet))}; pip's pins {Verdict(PinSetCheck.Problems(pipResult))}.");
        var speedup = pipWarm.TotalMilliseconds / engineWarm.TotalMilliseconds;
        Table.Summary($"engine (warm metadata cache) resolves the realistic index in {Timing.Ms(engineWarm)} vs pip (warm cache) {Timing.Ms(pipWarm)}: {speedup:0.0}× faster (goal ≥ 20×: {(speedup >= 20 ? "met" : "NOT met")}).");
    }

    private static RestoreRequest EngineRequest(LocalIndexServer server, string projectDir, string cache) =>
        BenchRequests.For(server, projectDir, cache) with
    {
        PythonCuda = "cpu",
        LockOnly = true,
        Packages =
        [
            new PackageItem("transformers", ">=4.36", Extras: "torch"),
            new PackageItem("accelerate"),
            new PackageItem("datasets"),
            new PackageItem("peft"),
            new PackageItem("torch", "==2.1.*"),
            new PackageItem("sentencepiece"),
        ],
    };

    /// <summary>One <c>pip install --dry-run --report -</c>; returns its time and the name → version it would install.</summary>
    private static (TimeSpan Elapsed, Dictionary<string, string> Resolved) PipDryRun(LocalIndexServer server, string[] cacheArgs)
    {
        string[] args =
        [
            "-m", "pip", "install", "--dry-run", "--ignore-installed", "--quiet", "--report", "-",
            "--disable-pip-version-check", "--no-input", "--index-url", server.IndexUrl, .. cacheArgs, .. LlmStackGraph.Roots,
        ];
        var outcome = Exec.Run(BenchPaths.BasePython, args).ShouldSucceed("pip install --dry-run");
        using var report = JsonDocument.Parse(outcome.Stdout);
        var resolved = report.RootElement.GetProperty("install").EnumerateArray()
            .Select(i => i.GetProperty("metadata"))
            .ToDictionary(m => Normalize(m.GetProperty("name").GetString()!), m => m.GetProperty("version").GetString()!, StringComparer.Ordinal);
        return (outcome.Elapsed, resolved);
    }

    private static string Verdict(IReadOnlyList<string> problems) =>
        problems.Count == 0 ? "meet every requirement" : $"break {problems.Count} requirements ({string.Join("; ", problems.Take(3))})";

    private static string Normalize(string name) => System.Text.RegularExpressions.Regex.Replace(name, "[-_.]+", "-").ToLowerInvariant();
}
