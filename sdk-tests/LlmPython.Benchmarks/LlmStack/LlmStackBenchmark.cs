using System.IO.Compression;
using LlmPython.Benchmarks.Common;
using LlmPython.Benchmarks.NoOp;
using LlmPython.TestSupport;

namespace LlmPython.Benchmarks.LlmStack;

/// <summary>
/// <c>llmstack</c>: issue 11's measurement in one run. A project with 8 requirements resolving to 33 wheels (~6,900
/// files, <see cref="LlmStackWheels"/>) from Debian's nginx on 127.0.0.1, built by real <c>dotnet build</c>s of the
/// packed SDK: cold (empty Python cache, no lock), warm (cache and lock kept, bin/ and obj/ deleted) and no-op
/// (nothing deleted), each against the same project without Python items (fresh and no-op); pip cold
/// (<c>--no-cache-dir</c>) and warm (cache kept) resolving the same 8 requirements into a venv of the same
/// interpreter; <c>unzip</c> of the 33 wheels and <c>cp -al</c> of the finished venv; the peak RSS of a cold build
/// of a 1.5 GB wheel (LLMPYTHON_BENCH_RSS_MB, 0 skips). Every figure is the median of LLMPYTHON_BENCH_RUNS (3)
/// interleaved rounds; the Python part of a cold or warm build is the median, over the rounds, of its difference to a
/// plain build made just before it (the plain build alone swings by a second from round to round here). Every timed
/// command starts on a flushed file system (<see cref="SettledFileSystem"/>). The load average is printed, as the
/// machine may be shared.
/// </summary>
internal static class LlmStackBenchmark
{
    private static readonly int Rounds = EnvInt("LLMPYTHON_BENCH_RUNS", 3);
    private static readonly long RssWheelMegabytes = EnvInt("LLMPYTHON_BENCH_RSS_MB", 1536);

    public static void Run()
    {
        if (!NginxServer.IsInstalled)
        {
            Table.Summary("nginx is missing (apt-get install nginx-light); no llmstack figures.");
            return;
        }
        var loadBefore = LoadAverage();
        using var scratch = BenchPaths.NewScratch("llmstack");
        if (BenchSdk.Pack(scratch) is not { } sdk) return;
        var site = scratch.Sub("site");
        StaticSimpleIndex.Write(site, LlmStackWheels.Wheels());
        var wheels = Directory.GetFiles(Path.Combine(site, "files"), "*.whl").Order(StringComparer.Ordinal).ToList();
        var (members, packed, unpacked) = Describe(wheels);
        using var index = NginxServer.Start(scratch.Sub("nginx"), StaticSimpleIndex.NginxLocations(site));

        var plain = sdk.App("Plain", $"LlmPython.Sdk/{sdk.Version}", "");
        var stack = sdk.App("Stack", $"LlmPython.Sdk/{sdk.Version}", $"""
              <PropertyGroup>
                <PythonVersion>3.11</PythonVersion>
                <PythonIndexUrl>{index.BaseUrl}/simple</PythonIndexUrl>
              </PropertyGroup>
              <ItemGroup>
            {string.Concat(LlmStackWheels.TopLevel.Select(n => $"    <PythonPackage Include=\"{n}\" />\n"))}  </ItemGroup>
            """);
        var pythonCache = scratch.Sub("python-cache");
        var dotnet = sdk.Dotnet(pythonCache);
        var venv = Path.Combine(stack, "obj", "python", "venv");
        Build(dotnet, plain, fresh: true); // NuGet's first restore is not what is measured
        Build(dotnet, stack, fresh: true, cold: pythonCache);
        CheckVenv(venv);

        var pipCache = scratch.Sub("pip-cache");
        var pipVenv = Path.Combine(scratch.Root, "pip-venv");
        Pip(index, pipVenv, ["--cache-dir", pipCache]); // fills pip's cache for the warm rows

        var figures = new Dictionary<string, List<TimeSpan>>();
        var cpuFigures = new Dictionary<string, List<TimeSpan>>();
        void Add(string what, (TimeSpan Wall, TimeSpan? Cpu) time)
        {
            (figures.TryGetValue(what, out var list) ? list : figures[what] = []).Add(time.Wall);
            if (time.Cpu is { } cpu) (cpuFigures.TryGetValue(what, out var c) ? c : cpuFigures[what] = []).Add(cpu);
        }
        long? coldRss = null;
        string coldLog = "";
        // Each Python build is paired with a plain build right before it: the Python part is the median of the pairs'
        // differences, so a slow spell of the machine (seconds, here) lands on both builds of a pair, not on one row.
        var pairs = new Dictionary<string, List<(TimeSpan Wall, TimeSpan? Cpu)>> { ["cold"] = [], ["warm"] = [] };
        void Paired(string what, (TimeSpan Wall, TimeSpan? Cpu) python, (TimeSpan Wall, TimeSpan? Cpu) plainJustBefore) =>
            pairs[what].Add((python.Wall - plainJustBefore.Wall, python.Cpu - plainJustBefore.Cpu));
        for (var round = 0; round < Rounds; round++)
        {
            var plainBeforeCold = Build(dotnet, plain, fresh: true).Times;
            Add("plain", plainBeforeCold);
            Add("plain no-op", Build(dotnet, plain, fresh: false).Times);
            var cold = Build(dotnet, stack, fresh: true, cold: pythonCache);
            Add("cold", cold.Times);
            Paired("cold", cold.Times, plainBeforeCold);
            coldRss = Math.Max(coldRss ?? 0, cold.PeakRss ?? 0);
            coldLog = cold.Log;
            var plainBeforeWarm = Build(dotnet, plain, fresh: true).Times;
            Add("plain", plainBeforeWarm);
            var warm = Build(dotnet, stack, fresh: true).Times;
            Add("warm", warm);
            Paired("warm", warm, plainBeforeWarm);
            Add("no-op", Build(dotnet, stack, fresh: false).Times);
            Add("pip cold", Pip(index, pipVenv, ["--no-cache-dir"]));
            Add("pip warm", Pip(index, pipVenv, ["--cache-dir", pipCache]));
            var unzipped = Path.Combine(scratch.Root, "unzip");
            Add("unzip", CpuTimed("unzip", "sh", ["-c", "for w in \"$@\"; do unzip -q -o \"$w\" -d \"$0\" || exit 1; done", unzipped, .. wheels]));
            DeleteTree(unzipped);
            var copy = Path.Combine(scratch.Root, "cp-al");
            Add("cp -al", CpuTimed("cp -al", "cp", ["-al", venv, copy]));
            DeleteTree(copy);
        }
        TimeSpan M(string what) => Timing.MedianOf(figures[what]);
        TimeSpan C(string what) => cpuFigures.TryGetValue(what, out var c) ? Timing.MedianOf(c) : TimeSpan.Zero;
        TimeSpan NetWall(string what) => Timing.MedianOf(pairs[what].Select(p => p.Wall).ToList());
        TimeSpan NetCpu(string what) => pairs[what].All(p => p.Cpu is not null) ? Timing.MedianOf(pairs[what].Select(p => p.Cpu!.Value).ToList()) : TimeSpan.Zero;
        var coldCpuNet = NetCpu("cold");
        var warmCpuNet = NetCpu("warm");
        var coldNet = NetWall("cold");
        var warmNet = NetWall("warm");

        var table = new Table($"8 requirements → {wheels.Count} wheels, {members:N0} files, {packed / 1e6:0} MB of wheels ({unpacked / 1e6:0} MB unpacked) from nginx on 127.0.0.1; median of {Rounds} interleaved rounds",
            "what", "wall", "CPU (tree)", "Python part, wall / CPU (median of paired differences)", "ratio (wall; CPU)", "goal");
        table.Add("dotnet build, same project without Python items (bin/obj deleted)", Timing.Ms(M("plain")), Timing.Ms(C("plain")), "", "", "");
        table.Add("dotnet build, cold (empty Python cache, no lock, bin/obj deleted)", Timing.Ms(M("cold")), Timing.Ms(C("cold")), $"{Timing.Ms(coldNet)} / {Timing.Ms(coldCpuNet)}",
            $"pip cold / this {Timing.Ratio(M("pip cold"), coldNet)}; {Timing.Ratio(C("pip cold"), coldCpuNet)} — this / unzip {Timing.Ratio(coldNet, M("unzip"))}; {Timing.Ratio(coldCpuNet, C("unzip"))}", "≥ 5× pip, ≤ 1.5× unzip");
        table.Add("dotnet build, warm (cache + lock kept, bin/obj deleted)", Timing.Ms(M("warm")), Timing.Ms(C("warm")), $"{Timing.Ms(warmNet)} / {Timing.Ms(warmCpuNet)}",
            $"pip warm / this {Timing.Ratio(M("pip warm"), warmNet)}; {Timing.Ratio(C("pip warm"), warmCpuNet)} — this / cp -al {Timing.Ratio(warmNet, M("cp -al"))}; {Timing.Ratio(warmCpuNet, C("cp -al"))}", "≥ 10× pip, ≤ 2× cp -al");
        table.Add("dotnet build, no-op with Python items / without", $"{Timing.Ms(M("no-op"))} / {Timing.Ms(M("plain no-op"))}", $"{Timing.Ms(C("no-op"))} / {Timing.Ms(C("plain no-op"))}", "",
            $"{Timing.Ratio(M("no-op"), M("plain no-op"))}; {Timing.Ratio(C("no-op"), C("plain no-op"))}", "≤ 1.05×");
        table.Add("pip install, --no-cache-dir (venv creation included)", Timing.Ms(M("pip cold")), Timing.Ms(C("pip cold")), "", "", "");
        table.Add("pip install, warm cache (venv creation included)", Timing.Ms(M("pip warm")), Timing.Ms(C("pip warm")), "", "", "");
        table.Add($"unzip -q of the {wheels.Count} wheels, one after the other", Timing.Ms(M("unzip")), Timing.Ms(C("unzip")), "", "", "");
        table.Add("cp -al of the finished venv", Timing.Ms(M("cp -al")), Timing.Ms(C("cp -al")), "", "", "");
        table.Print();
        Console.WriteLine("all runs, wall (ms): " + string.Join("; ", figures.Select(f => $"{f.Key} {string.Join(" ", f.Value.Select(t => $"{t.TotalMilliseconds:0}"))}")));
        Console.WriteLine("Python part per pair (python − plain just before), wall (ms): " + string.Join("; ", pairs.Select(p => $"{p.Key} {string.Join(" ", p.Value.Select(d => $"{d.Wall.TotalMilliseconds:0}"))}")));
        Console.WriteLine("all runs, CPU (ms): " + string.Join("; ", cpuFigures.Select(f => $"{f.Key} {string.Join(" ", f.Value.Select(t => $"{t.TotalMilliseconds:0}"))}")));
        Console.WriteLine("cold build's own account (-v:n):");
        foreach (var line in coldLog.Split('\n').Where(l => l.Contains("Resolved ") || l.Contains("Downloaded ") || l.Contains("Python environment ")))
            Console.WriteLine("  " + line.Trim());
        var rss = RssWheelMegabytes > 0 ? BigWheelPeakRss(sdk, scratch) : null;
        Table.Summary($"cold {Timing.Ms(coldNet)}: {Timing.Ratio(M("pip cold"), coldNet)} faster than pip, {Timing.Ratio(coldNet, M("unzip"))} unzip; " +
                      $"warm {Timing.Ms(warmNet)}: {Timing.Ratio(M("pip warm"), warmNet)} faster than pip, {Timing.Ratio(warmNet, M("cp -al"))} cp -al; " +
                      $"no-op {Timing.Ratio(M("no-op"), M("plain no-op"))}; peak RSS of the cold 33-wheel build {Mb(coldRss)}" +
                      (rss is null ? "" : $", of a cold {RssWheelMegabytes / 1024.0:0.0} GB wheel build {Mb(rss)} (goal ≤ 400 MB)") +
                      $"; load average {loadBefore} before, {LoadAverage()} after ({Environment.ProcessorCount} cores).");
    }

    private sealed record BuildFigures(TimeSpan Time, TimeSpan? Cpu, long? PeakRss, string Log)
    {
        public (TimeSpan, TimeSpan?) Times => (Time, Cpu);
    }

    /// <summary>
    /// <c>dotnet build</c>; <paramref name="fresh"/> deletes bin/ and obj/ first (the venv is under obj/), <paramref name="cold"/>
    /// also empties that Python cache and deletes the project's lock.
    /// </summary>
    private static BuildFigures Build(DotnetCommand dotnet, string project, bool fresh, string? cold = null)
    {
        if (fresh)
        {
            DeleteTree(Path.Combine(project, "bin"));
            DeleteTree(Path.Combine(project, "obj"));
        }
        if (cold is not null)
        {
            DeleteTree(cold);
            Directory.CreateDirectory(cold);
            File.Delete(Path.Combine(project, "python.lock.json"));
        }
        SettledFileSystem.Settle();
        var (outcome, cpu, peak) = dotnet.Timed(project, "build", "-nologo", cold is null ? "-v:m" : "-v:n");
        outcome.ShouldSucceed($"dotnet build {Path.GetFileName(project)}");
        return new BuildFigures(outcome.Elapsed, cpu, peak, outcome.Stdout);
    }

    /// <summary>What the user would check: every top-level module imports, and pip finds the requirements consistent.</summary>
    private static void CheckVenv(string venv)
    {
        var python = Path.Combine(venv, "bin", "python");
        Exec.Run(python, ["-c", "import " + string.Join(", ", LlmStackWheels.TopLevel)]).ShouldSucceed("import the 8 requirements from the built venv");
        Exec.Run(BenchPaths.BasePython, ["-m", "pip", "--python", python, "check", "--disable-pip-version-check"]).ShouldSucceed("pip check of the built venv");
    }

    /// <summary>A fresh venv (like the build's, no pip in it) and <c>pip install</c> of the 8 requirements, resolved by pip; no bytecode, as the build writes none by default.</summary>
    private static (TimeSpan Wall, TimeSpan? Cpu) Pip(NginxServer index, string venv, string[] cacheArgs)
    {
        DeleteTree(venv);
        var created = CpuTimed("python -m venv", BenchPaths.BasePython, ["-m", "venv", "--without-pip", venv]);
        var install = CpuTimed("pip install", BenchPaths.BasePython,
            ["-m", "pip", "--python", Path.Combine(venv, "bin", "python"), "install", "--no-compile", "--quiet", "--disable-pip-version-check",
             "--no-input", "--index-url", index.BaseUrl + "/simple", .. cacheArgs, .. LlmStackWheels.TopLevel]);
        return (created.Wall + install.Wall, created.Cpu + install.Cpu);
    }

    /// <summary>Runs a command under GNU time (when present): wall time and the CPU time (user + system) of its process tree.</summary>
    private static (TimeSpan Wall, TimeSpan? Cpu) CpuTimed(string what, string file, string[] args)
    {
        SettledFileSystem.Settle();
        if (!File.Exists("/usr/bin/time"))
            return (Exec.Run(file, args, timeout: TimeSpan.FromMinutes(10)).ShouldSucceed(what).Elapsed, null);
        var report = Path.GetTempFileName();
        try
        {
            var outcome = Exec.Run("/usr/bin/time", ["-f", "%U %S", "-o", report, "--", file, .. args], timeout: TimeSpan.FromMinutes(10)).ShouldSucceed(what);
            var parts = File.ReadAllText(report).Trim().Split('\n')[^1].Split(' ');
            var invariant = System.Globalization.CultureInfo.InvariantCulture;
            return (outcome.Elapsed, TimeSpan.FromSeconds(double.Parse(parts[0], invariant) + double.Parse(parts[1], invariant)));
        }
        finally
        {
            File.Delete(report);
        }
    }

    /// <summary>Peak RSS (GNU time %M, the largest process of the tree) of one cold build installing a <see cref="RssWheelMegabytes"/> MB wheel.</summary>
    private static long? BigWheelPeakRss(BenchSdk sdk, Scratch scratch)
    {
        using var big = new StaticIndexFolder(scratch.Sub("big-index"));
        big.AddPayloadWheel("big-model", "1.0", RssWheelMegabytes << 20);
        using var nginx = NginxServer.Serve(big.Root);
        var project = sdk.SinglePackageApp("Big", $"{nginx.BaseUrl}/simple", "big-model");
        var cache = scratch.Sub("big-cache");
        var figures = Build(sdk.Dotnet(cache), project, fresh: true, cold: cache);
        DeleteTree(cache);
        DeleteTree(Path.Combine(project, "obj"));
        return figures.PeakRss;
    }

    /// <summary>Member count, wheel bytes and unpacked bytes of the set.</summary>
    private static (int Members, long Packed, long Unpacked) Describe(IReadOnlyList<string> wheels)
    {
        int members = 0;
        long unpacked = 0;
        foreach (var wheel in wheels)
        {
            using var zip = ZipFile.OpenRead(wheel);
            members += zip.Entries.Count;
            unpacked += zip.Entries.Sum(e => e.Length);
        }
        return (members, wheels.Sum(w => new FileInfo(w).Length), unpacked);
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static int EnvInt(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out var value) && value >= 0 ? value : fallback;

    private static string Mb(long? bytes) => bytes is { } b ? $"{b / (1024 * 1024)} MB" : "–";

    private static void DeleteTree(string folder)
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }
}
