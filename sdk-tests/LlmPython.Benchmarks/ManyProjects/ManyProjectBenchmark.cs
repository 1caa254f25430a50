using System.Globalization;
using System.Text.RegularExpressions;
using LlmPython.Benchmarks.Common;
using LlmPython.Benchmarks.NoOp;
using LlmPython.TestSupport;

namespace LlmPython.Benchmarks.ManyProjects;

/// <summary>
/// <c>manyprojects</c>: a team's CI solution. N class libraries (20 and 50) built with <c>dotnet build -m</c>, each
/// requiring one of three top-level packages (<see cref="ThreeStackSolution"/>: 10 wheels, 9 pages) from nginx
/// answering like PyPI (pages <c>max-age=600, public</c>, files immutable), against the same solution without
/// Python items. Every build starts from clean (no bin/ or obj/). One round builds, in this order: the plain solution,
/// Python with an empty cache and no locks (cold), with a warm cache and no locks (warm), with a warm cache and the
/// locks kept (locked, as CI with committed locks), the plain solution again. Rounds repeat (LLMPYTHON_BENCH_MANY_RUNS,
/// default 3); each row prints its median and spread, the overhead is the row's median over the median of every plain
/// build. Resolutions are counted from the build log, requests from nginx's, the PythonRestore task's own time from
/// MSBuild's performance summary (summed over projects). LLMPYTHON_BENCH_LOGS=folder keeps every build's log.
/// </summary>
internal static class ManyProjectBenchmark
{
    private static readonly int Rounds =
        int.TryParse(Environment.GetEnvironmentVariable("LLMPYTHON_BENCH_MANY_RUNS"), out var runs) && runs > 0 ? runs : 3;

    private static readonly string? LogFolder = Environment.GetEnvironmentVariable("LLMPYTHON_BENCH_LOGS") is { Length: > 0 } logs ? logs : null;

    private static readonly string[] PythonRows = ["cold (empty cache, no locks)", "warm (cache, no locks)", "locked (cache + locks, no obj/)"];

    /// <summary>One timed build: wall and CPU time, the PythonRestore task's summed time, requests and resolutions.</summary>
    private sealed record Measured(TimeSpan Wall, TimeSpan? Cpu, TimeSpan TaskTime, int Resolutions, int Pages, int NotModified, int Files);

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
            var plain = scratch.Sub($"n{n}-plain");
            var python = scratch.Sub($"n{n}-python");
            sdk.Isolate(plain);
            sdk.Isolate(python);
            var plainProjects = ThreeStackSolution.WriteSolution(plain, n, sdk.Version, indexUrl: null);
            var pythonProjects = ThreeStackSolution.WriteSolution(python, n, sdk.Version, index.BaseUrl + "/simple");
            Build(dotnet, index, plain, $"n{n}-first-plain"); // fills the NuGet folder: not measured
            var loadBefore = LoadAverage();

            var plainBuilds = new List<Measured>();
            var rows = PythonRows.ToDictionary(r => r, _ => new List<Measured>());
            for (var round = 1; round <= Rounds; round++)
            {
                Clean(plainProjects, locks: false);
                plainBuilds.Add(Build(dotnet, index, plain, $"n{n}-r{round}-plain-before"));
                Clean(pythonProjects, locks: true);
                if (Directory.Exists(Path.Combine(python, "cache"))) Directory.Delete(Path.Combine(python, "cache"), recursive: true);
                foreach (var (row, i) in PythonRows.Select((r, i) => (r, i)))
                {
                    if (i > 0) Clean(pythonProjects, locks: row.StartsWith("warm", StringComparison.Ordinal));
                    rows[row].Add(Build(dotnet, index, python, $"n{n}-r{round}-{row.Split(' ')[0]}"));
                }
                Clean(plainProjects, locks: false);
                plainBuilds.Add(Build(dotnet, index, plain, $"n{n}-r{round}-plain-after"));
            }
            var loadAfter = LoadAverage();

            var baseline = Median(plainBuilds.Select(b => b.Wall));
            var table = new Table($"dotnet build -m from clean, {n} class libraries, 3 requirement sets, {pages.Count} pages, 10 wheels " +
                $"(SDK {sdk.Version}; {Environment.ProcessorCount} cores; {Rounds} rounds; load average {loadBefore} before, {loadAfter} after)",
                "solution", "build", "wall median (min–max)", "CPU median", "PythonRestore task (sum)", "Python overhead", "resolutions", "page requests (304)", "file requests");
            table.Add($"{n} projects", "no Python items (before and after each round)", Spread(plainBuilds.Select(b => b.Wall)), CpuMedian(plainBuilds), "-", "-", "-", "-", "-");
            foreach (var row in PythonRows)
            {
                var builds = rows[row];
                table.Add($"{n} projects", row, Spread(builds.Select(b => b.Wall)), CpuMedian(builds), Timing.Ms(Median(builds.Select(b => b.TaskTime))),
                    Percent(Median(builds.Select(b => b.Wall)), baseline), Values(builds.Select(b => b.Resolutions)),
                    Values(builds.Select(b => $"{b.Pages} ({b.NotModified})")), Values(builds.Select(b => b.Files)));
            }
            table.Print();
            var cold = rows[PythonRows[0]];
            var warm = rows[PythonRows[1]];
            var locked = rows[PythonRows[2]];
            Table.Summary($"manyprojects {n}: plain {Spread(plainBuilds.Select(b => b.Wall))}; cold {Spread(cold.Select(b => b.Wall))} = {Percent(Median(cold.Select(b => b.Wall)), baseline)}, " +
                $"warm {Percent(Median(warm.Select(b => b.Wall)), baseline)}, locked {Percent(Median(locked.Select(b => b.Wall)), baseline)} over the plain build (medians of {Rounds}; goal ≤ +10 %); " +
                $"PythonRestore task cold {Timing.Ms(Median(cold.Select(b => b.TaskTime)))} summed over {n} projects; " +
                $"{Values(cold.Select(b => b.Resolutions))} resolutions, {Values(cold.Select(b => b.Pages))} page requests for {pages.Count} pages cold, " +
                $"{Values(warm.Concat(locked).Select(b => b.Pages))} warm/locked; CPU time of the process tree (without the shared compiler server) cold {CpuOverhead(cold, plainBuilds)}, warm {CpuOverhead(warm, plainBuilds)}, " +
                $"locked {CpuOverhead(locked, plainBuilds)} over the plain build's; load average {loadBefore} → {loadAfter}.");
        }
    }

    private static Measured Build(DotnetCommand dotnet, NginxServer index, string solutionFolder, string name)
    {
        var logged = index.Requests().Count;
        SettledFileSystem.Settle();
        // CPU time of the whole process tree (GNU time) is far steadier than wall time on a shared, loaded machine.
        var (outcome, cpu, _) = dotnet.Timed(solutionFolder, "build", "All.slnx", "-m", "-nologo", "-v:n", "-clp:PerformanceSummary");
        if (LogFolder is not null)
        {
            Directory.CreateDirectory(LogFolder);
            File.WriteAllText(Path.Combine(LogFolder, name + ".log"), outcome.Stdout);
        }
        outcome.ShouldSucceed($"dotnet build -m ({name})");
        var requests = index.Requests().Skip(logged).ToList();
        var pageRequests = requests.Where(r => r.Path.StartsWith("/simple/", StringComparison.Ordinal)).ToList();
        return new Measured(outcome.Elapsed, cpu, TaskTime(outcome.Stdout, "PythonRestore"), Count(outcome.Stdout, "Resolving "),
            pageRequests.Count, pageRequests.Count(r => r.Status == 304), requests.Count(r => r.Path.StartsWith("/files/", StringComparison.Ordinal)));
    }

    /// <summary>A task's time summed over every call, from the "Task Performance Summary" of <c>-clp:PerformanceSummary</c>.</summary>
    private static TimeSpan TaskTime(string log, string task)
    {
        var summary = log.LastIndexOf("Task Performance Summary:", StringComparison.Ordinal);
        if (summary < 0) return TimeSpan.Zero;
        var match = Regex.Match(log[summary..], $@"^\s*(\d+) ms\s+{Regex.Escape(task)}\s+\d+ calls", RegexOptions.Multiline);
        return match.Success ? TimeSpan.FromMilliseconds(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)) : TimeSpan.Zero;
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

    private static TimeSpan Median(IEnumerable<TimeSpan> times) => Timing.MedianOf(times.ToList());

    private static string Spread(IEnumerable<TimeSpan> times)
    {
        var list = times.ToList();
        return list.Count == 1 ? Timing.Ms(list[0]) : $"{Timing.Ms(Median(list))} ({list.Min().TotalSeconds:0.0}–{list.Max().TotalSeconds:0.0} s)";
    }

    private static string CpuMedian(IEnumerable<Measured> builds)
    {
        var cpu = builds.Where(b => b.Cpu is not null).Select(b => b.Cpu!.Value).ToList();
        return cpu.Count == 0 ? "-" : Timing.Ms(Median(cpu));
    }

    /// <summary>The median CPU time of <paramref name="builds"/> over the plain builds' (steadier than wall time on a loaded machine).</summary>
    private static string CpuOverhead(IEnumerable<Measured> builds, IEnumerable<Measured> plain)
    {
        var cpu = builds.Where(b => b.Cpu is not null).Select(b => b.Cpu!.Value).ToList();
        var baseline = plain.Where(b => b.Cpu is not null).Select(b => b.Cpu!.Value).ToList();
        return cpu.Count == 0 || baseline.Count == 0 ? "?" : Percent(Median(cpu), Median(baseline));
    }

    private static string Percent(TimeSpan value, TimeSpan baseline) => $"{(value - baseline) / baseline:+0%;-0%}";

    /// <summary>"3" when every round gave 3, else "3/4/3".</summary>
    private static string Values<T>(IEnumerable<T> values)
    {
        var list = values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)!).ToList();
        return list.Distinct().Count() == 1 ? list[0] : string.Join("/", list);
    }

    /// <summary>The 1-minute load average (/proc/loadavg), "?" where there is none.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    private static int Count(string text, string what)
    {
        var count = 0;
        for (var at = text.IndexOf(what, StringComparison.Ordinal); at >= 0; at = text.IndexOf(what, at + what.Length, StringComparison.Ordinal))
            count++;
        return count;
    }
}
