using LlmPython.Benchmarks.Common;
using LlmPython.Benchmarks.NoOp;
using LlmPython.TestSupport;

namespace LlmPython.Benchmarks.ManyProjects;

/// <summary>
/// <c>manyprojects</c>: a team's CI solution. N class libraries (20 and 50) built with <c>dotnet build -m</c>, each
/// requiring one of three top-level packages (<see cref="ThreeStackSolution"/>: 10 wheels, 9 pages) from nginx
/// answering like PyPI (pages <c>max-age=600, public</c>, files immutable), against the same solution without
/// Python items. Every build starts from clean (no bin/ or obj/); rows: the plain solution (before and after, averaged),
/// Python with an empty cache and no locks (cold), with a warm cache and no locks (warm), with a warm cache and the
/// locks kept (locked, as CI with committed locks). Resolutions are counted from the build log, requests from nginx's.
/// </summary>
internal static class ManyProjectBenchmark
{
    public static void Run(IReadOnlyList<int> sizes)
    {
        using var scratch = BenchPaths.NewScratch("many");
        var sdk = BenchSdk.Pack(scratch);
        if (sdk is null)
            return;
        var site = scratch.Sub("site");
        var pages = StaticSimpleIndex.Write(site, ThreeStackSolution.Wheels());
        using var index = NginxServer.Start(scratch.Sub("nginx"), StaticSimpleIndex.NginxLocations(site));
        var dotnet = new DotnetCommand(scratch.Sub("packages"), scratch.Sub("unused-cache")) { Timeout = TimeSpan.FromMinutes(30) };

        foreach (var n in sizes)
        {
            // One table per size, printed as soon as it is measured (a 50-project run takes long on a busy machine).
            var table = new Table($"dotnet build -m from clean, {n} class libraries, 3 requirement sets, {pages.Count} pages, 10 wheels (SDK {sdk.Version}; {Environment.ProcessorCount} cores)",
                "solution", "build", "wall", "CPU", "Python overhead", "resolutions", "page requests (304)", "file requests");
            var plain = scratch.Sub($"n{n}-plain");
            var python = scratch.Sub($"n{n}-python");
            sdk.Isolate(plain);
            sdk.Isolate(python);
            var plainProjects = ThreeStackSolution.WriteSolution(plain, n, sdk.Version, indexUrl: null);
            var pythonProjects = ThreeStackSolution.WriteSolution(python, n, sdk.Version, index.BaseUrl + "/simple");
            Build(dotnet, plain, $"first build of the {n}-project solution without Python (fills the NuGet folder)");

            var cpu = new List<string>();
            Clean(plainProjects, locks: false);
            var before = Build(dotnet, plain, "plain", cpu).Elapsed;
            var rows = new List<(string Name, Exec.Outcome Outcome, int Pages, int NotModified, int Files)>();
            foreach (var (name, locks) in new[] { ("cold (empty cache, no locks)", false), ("warm (cache, no locks)", true), ("locked (cache + locks, no obj/)", false) })
            {
                if (rows.Count > 0) Clean(pythonProjects, locks);
                var logged = index.Requests().Count;
                var outcome = Build(dotnet, python, name, cpu);
                var requests = index.Requests().Skip(logged).ToList();
                var pageRequests = requests.Where(r => r.Path.StartsWith("/simple/", StringComparison.Ordinal)).ToList();
                rows.Add((name, outcome, pageRequests.Count, pageRequests.Count(r => r.Status == 304),
                    requests.Count(r => r.Path.StartsWith("/files/", StringComparison.Ordinal))));
            }
            Clean(plainProjects, locks: false);
            var after = Build(dotnet, plain, "plain again", cpu).Elapsed;
            var baseline = (before + after) / 2;

            table.Add($"{n} projects", "no Python items", $"{Timing.Ms(before)} / {Timing.Ms(after)}", $"{cpu[0]} / {cpu[^1]}", "-", "-", "-", "-");
            foreach (var (row, i) in rows.Select((r, i) => (r, i)))
            {
                var overhead = (row.Outcome.Elapsed - baseline) / baseline;
                table.Add($"{n} projects", row.Name, Timing.Ms(row.Outcome.Elapsed), cpu[i + 1], $"{overhead:+0%;-0%}", Count(row.Outcome.Stdout, "Resolving ").ToString(),
                    $"{row.Pages} ({row.NotModified})", row.Files.ToString());
            }
            var cold = rows[0];
            var warm = rows[1];
            table.Print();
            Table.Summary($"{n} projects: cold {(cold.Outcome.Elapsed - baseline) / baseline:+0%;-0%}, warm {(warm.Outcome.Elapsed - baseline) / baseline:+0%;-0%} over the build without Python; " +
                $"{Count(cold.Outcome.Stdout, "Resolving ")} resolutions, {cold.Pages} page requests for {pages.Count} pages cold, {warm.Pages + rows[2].Pages} warm (goal: overhead ≤ 10 %, pages ≤ distinct pages cold and 0 warm within max-age).");
        }
    }

    private static Exec.Outcome Build(DotnetCommand dotnet, string solutionFolder, string what, List<string>? cpu = null)
    {
        // CPU time of the whole process tree (GNU time) is far steadier than wall time on a shared, loaded machine.
        var (outcome, used, _) = dotnet.Timed(solutionFolder, "build", "All.slnx", "-m", "-nologo", "-v:n");
        cpu?.Add(used is { } c ? Timing.Ms(c) : "-");
        return outcome.ShouldSucceed($"dotnet build -m ({what})");
    }

    /// <summary>What <c>git clean -xdf</c> leaves: no bin/ or obj/, and (<paramref name="locks"/>) no python.lock.json.</summary>
    private static void Clean(IEnumerable<string> projects, bool locks)
    {
        foreach (var project in projects)
        {
            var folder = Path.GetDirectoryName(project)!;
            foreach (var sub in new[] { "bin", "obj" })
                if (Directory.Exists(Path.Combine(folder, sub))) Directory.Delete(Path.Combine(folder, sub), recursive: true);
            if (locks) File.Delete(Path.Combine(folder, "python.lock.json"));
        }
    }

    private static int Count(string text, string what)
    {
        var count = 0;
        for (var at = text.IndexOf(what, StringComparison.Ordinal); at >= 0; at = text.IndexOf(what, at + what.Length, StringComparison.Ordinal))
            count++;
        return count;
    }
}
