using LlmPython.Benchmarks.Common;
using LlmPython.TestSupport;

namespace LlmPython.Benchmarks.NoOp;

/// <summary>
/// <c>noop</c>: packs the SDK into a temp feed (version <c>0.1.0-bench.&lt;utc time&gt;</c>, consumed through
/// an isolated NUGET_PACKAGES), creates three console apps — plain Microsoft.NET.Sdk, LlmPython.Sdk without
/// PythonPackage items, LlmPython.Sdk with items against a loopback index — builds each once, then times
/// interleaved no-op <c>dotnet build</c> runs. A no-op must not touch the index: the server's request
/// count and the lockfile's time stamp are checked after the timed runs.
/// </summary>
internal static class NoOpBuildBenchmark
{
    /// <summary>Timed no-op builds per variant; LLMPYTHON_BENCH_NOOP_RUNS overrides (more runs = a steadier median on a busy machine).</summary>
    private static readonly int Runs =
        int.TryParse(Environment.GetEnvironmentVariable("LLMPYTHON_BENCH_NOOP_RUNS"), out var runs) && runs > 0 ? runs : 5;

    private sealed record Variant(string Name, string Label, string ProjectXml);

    public static void Run()
    {
        using var scratch = BenchPaths.NewScratch("noop");
        using var server = LocalIndexServer.Start();
        foreach (var wheel in SmallStack())
            server.AddFile(wheel.FileName, wheel.Build());

        var sdk = BenchSdkFeed.Pack(scratch);
        if (sdk is null)
            return;
        var version = sdk.Version;
        var dotnet = new DotnetCommand(scratch.Sub("packages"), scratch.Sub("python-cache"));
        var projects = scratch.Sub("projects");
        sdk.Isolate(projects);

        const string common = """
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
            """;
        Variant[] variants =
        [
            new("Plain", "Microsoft.NET.Sdk (baseline)", $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                {common}
                  </PropertyGroup>
                </Project>
                """),
            new("SdkNoItems", "LlmPython.Sdk, no PythonPackage", $"""
                <Project Sdk="LlmPython.Sdk/{version}">
                  <PropertyGroup>
                {common}
                  </PropertyGroup>
                </Project>
                """),
            new("SdkWithItems", "LlmPython.Sdk, 2 PythonPackage (5 locked)", $"""
                <Project Sdk="LlmPython.Sdk/{version}">
                  <PropertyGroup>
                {common}
                    <PythonVersion>3.11</PythonVersion>
                    <PythonIndexUrl>{server.IndexUrl}</PythonIndexUrl>
                  </PropertyGroup>
                  <ItemGroup>
                    <PythonPackage Include="hello-llm" />
                    <PythonPackage Include="tiny-formatter" Version="&gt;=1.0" />
                  </ItemGroup>
                </Project>
                """),
        ];

        var first = new Dictionary<string, TimeSpan>();
        foreach (var v in variants)
        {
            var dir = Path.Combine(projects, v.Name);
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, v.Name + ".csproj"), v.ProjectXml);
            File.WriteAllText(Path.Combine(dir, "Program.cs"), "Console.WriteLine(\"hello\");\n");
            var outcome = dotnet.Run(dir, "build", "-nologo");
            if (outcome.ExitCode != 0)
            {
                Console.WriteLine(outcome.Stdout.Length > 3000 ? outcome.Stdout[^3000..] : outcome.Stdout);
                Table.Summary($"the first build of {v.Label} failed (exit {outcome.ExitCode}); no no-op figures.");
                return;
            }
            first[v.Name] = outcome.Elapsed;
        }

        var withItems = Path.Combine(projects, "SdkWithItems");
        var lockTime = File.GetLastWriteTimeUtc(Path.Combine(withItems, "python.lock.json"));
        server.ResetCounts();

        // Interleaved so the load of other processes on the machine falls on every variant alike.
        var times = variants.ToDictionary(v => v.Name, _ => new List<TimeSpan>());
        var cpuTimes = variants.ToDictionary(v => v.Name, _ => new List<TimeSpan>());
        for (var i = 0; i < Runs; i++)
            foreach (var v in variants)
            {
                var (outcome, cpu) = dotnet.Timed(Path.Combine(projects, v.Name), "build", "-nologo");
                times[v.Name].Add(outcome.ShouldSucceed($"no-op build of {v.Label}").Elapsed);
                if (cpu is { } c) cpuTimes[v.Name].Add(c);
            }

        var requests = server.Requests.Count;
        var lockUnchanged = File.GetLastWriteTimeUtc(Path.Combine(withItems, "python.lock.json")) == lockTime;
        var venvPython = Path.Combine(withItems, "obj", "python", "venv", "bin", "python");

        var baseline = Timing.MedianOf(times["Plain"]);
        var hasCpu = cpuTimes.Values.All(l => l.Count == Runs);
        var cpuBaseline = hasCpu ? Timing.MedianOf(cpuTimes["Plain"]) : TimeSpan.Zero;
        var table = new Table($"no-op dotnet build (median of {Runs}, interleaved; node reuse and build server off; SDK {version}, pack took {Timing.Ms(sdk.PackTime)})",
            "project", "first build", "no-op median", "min", "max", "vs plain", "CPU median", "CPU vs plain");
        foreach (var v in variants)
        {
            var median = Timing.MedianOf(times[v.Name]);
            var cpu = hasCpu ? Timing.MedianOf(cpuTimes[v.Name]) : TimeSpan.Zero;
            table.Add(v.Label, Timing.Ms(first[v.Name]), Timing.Ms(median), Timing.Ms(times[v.Name].Min()), Timing.Ms(times[v.Name].Max()), Timing.Ratio(median, baseline),
                hasCpu ? Timing.Ms(cpu) : "-", hasCpu ? Timing.Ratio(cpu, cpuBaseline) : "-");
        }
        table.Print();
        Console.WriteLine($"During the no-op builds the index saw {requests} requests; lockfile unchanged: {(lockUnchanged ? "yes" : "NO")}; venv interpreter present: {(File.Exists(venvPython) ? "yes" : "NO")}.");
        // Where the extra time goes: MSBuild's own per-target/task timing of one more no-op build.
        var summary = dotnet.Run(withItems, "build", "-nologo", "-clp:PerformanceSummary").ShouldSucceed("no-op build with PerformanceSummary");
        var pythonLines = summary.Stdout.Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Contains(" ms ", StringComparison.Ordinal) && (l.Contains("Python", StringComparison.Ordinal) || l.Contains("LlmPython", StringComparison.Ordinal)))
            .Distinct().ToList();
        Console.WriteLine("MSBuild PerformanceSummary of one more no-op build with items (targets/tasks naming Python):");
        foreach (var line in pythonLines)
            Console.WriteLine("  " + line);
        InProcessNoOp(server, scratch);
        var ratio = Timing.MedianOf(times["SdkWithItems"]).TotalMilliseconds / baseline.TotalMilliseconds;
        var ratioNoItems = Timing.MedianOf(times["SdkNoItems"]).TotalMilliseconds / baseline.TotalMilliseconds;
        var cpuText = "";
        if (hasCpu)
        {
            var cpuRatio = Timing.MedianOf(cpuTimes["SdkWithItems"]).TotalMilliseconds / cpuBaseline.TotalMilliseconds;
            var cpuRatioNoItems = Timing.MedianOf(cpuTimes["SdkNoItems"]).TotalMilliseconds / cpuBaseline.TotalMilliseconds;
            cpuText = $"; CPU time {cpuRatio:0.00}× ({cpuRatioNoItems:0.00}× without items)";
        }
        // Issue 5's goal compares with the same project without Python items; the plain app shows what the SDK's own import costs.
        var itemsCost = Timing.MedianOf(times["SdkWithItems"]).TotalMilliseconds / Timing.MedianOf(times["SdkNoItems"]).TotalMilliseconds;
        Table.Summary($"no-op build with PythonPackage items = {itemsCost:0.00}× the same project without them (goal ≤ 1.05×: {(itemsCost <= 1.05 ? "met" : "NOT met")} by wall time); " +
            $"vs a plain console app {ratio:0.00}× with items, {ratioNoItems:0.00}× without{cpuText}.");
    }

    /// <summary>
    /// The engine's own share of a no-op: the same items restored in this process (already JIT-compiled by a
    /// full restore), then timed no-op runs. What a build pays beyond this is process, assembly load and JIT.
    /// </summary>
    private static void InProcessNoOp(LocalIndexServer server, Scratch scratch)
    {
        var projectDir = scratch.Sub("inproc");
        var request = new LlmPython.Resolver.Restore.RestoreRequest
        {
            ProjectPath = Path.Combine(projectDir, "App.csproj"),
            LockFilePath = Path.Combine(projectDir, "python.lock.json"),
            EnvironmentDirectory = Path.Combine(projectDir, "obj", "python", "venv"),
            CacheDirectory = Path.Combine(scratch.Root, "inproc-cache"),
            PythonVersion = "3.11",
            PythonIndexUrl = server.IndexUrl,
            Packages = [new("hello-llm"), new("tiny-formatter", ">=1.0")],
        };
        var full = Timing.Once(() => QuietRestoreLog.RunOrThrow(request, "in-process restore"));
        var noOps = new List<TimeSpan>();
        for (var i = 0; i < 10; i++)
        {
            var result = default(LlmPython.Resolver.Restore.RestoreResult);
            noOps.Add(Timing.Once(() => result = QuietRestoreLog.RunOrThrow(request, "in-process no-op restore")));
            if (result is not { NoOp: true })
                throw new InvalidOperationException("The second in-process restore was not a no-op.");
        }
        Console.WriteLine($"In-process RestoreEngine on the same items: first restore {Timing.Ms(full)}, then no-op median {Timing.Ms(Timing.MedianOf(noOps))} (min {Timing.Ms(noOps.Min())}, 10 runs).");
    }

    /// <summary>Five small wheels: hello-llm → tiny-tokenizer → tiny-regex; tiny-formatter → tiny-colors.</summary>
    private static IEnumerable<WheelBuilder> SmallStack()
    {
        yield return new WheelBuilder("tiny-regex", "1.2.0").AddFile("tiny_regex/__init__.py", "import re\nsplit = re.compile(r'\\s+').split\n");
        var tokenizer = new WheelBuilder("tiny-tokenizer", "1.0.0").AddFile("tiny_tokenizer/__init__.py", "from tiny_regex import split\n");
        tokenizer.RequiresDist.Add("tiny-regex>=1");
        yield return tokenizer;
        var hello = new WheelBuilder("hello-llm", "0.3.0")
            .AddFile("hello_llm/__init__.py", "import tiny_tokenizer\ndef main():\n    print(len(tiny_tokenizer.split('a b c')))\n")
            .AddConsoleScript("hello-llm", "hello_llm:main");
        hello.RequiresDist.Add("tiny-tokenizer>=1,<2");
        yield return hello;
        yield return new WheelBuilder("tiny-colors", "0.4.1").AddFile("tiny_colors/__init__.py", "RED = 31\n");
        var formatter = new WheelBuilder("tiny-formatter", "1.1.0").AddFile("tiny_formatter/__init__.py", "import tiny_colors\n");
        formatter.RequiresDist.Add("tiny-colors");
        yield return formatter;
    }
}
