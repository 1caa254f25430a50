using LlmPython.Benchmarks.Common;
using LlmPython.Benchmarks.NoOp;
using LlmPython.TestSupport;

namespace LlmPython.Benchmarks.BigWheel;

/// <summary>
/// <c>bigwheel</c>: one torch-sized wheel (1.5 GB of incompressible content, stored; LLMPYTHON_BENCH_BIGWHEEL_MB
/// sets another size) served by nginx on 127.0.0.1, installed by real <c>dotnet build</c>s of the packed SDK — cold
/// (empty Python cache, no lock) and warm (cache and lock kept, obj/ deleted) — net of the same build of a plain
/// Microsoft.NET.Sdk app, with the peak RSS of the build (GNU time); against pip (no cache, warm cache), <c>unzip</c>
/// of the wheel and <c>cp -al</c> of the finished venv. Cold builds and pip run once (minutes each); plain and warm builds 3 times.
/// </summary>
internal static class BigWheelBenchmark
{
    private static readonly long PayloadMegabytes =
        long.TryParse(Environment.GetEnvironmentVariable("LLMPYTHON_BENCH_BIGWHEEL_MB"), out var mb) && mb > 0 ? mb : 1536;

    public static void Run()
    {
        if (!NginxServer.IsInstalled)
        {
            Table.Summary("nginx is missing (apt-get install nginx-light); no big-wheel figures.");
            return;
        }
        using var scratch = BenchPaths.NewScratch("bigwheel");
        if (BenchSdk.Pack(scratch) is not { } sdk) return;
        using var index = new StaticIndexFolder(scratch.Sub("index"));
        var wheel = index.AddPayloadWheel("big-model", "1.0", PayloadMegabytes << 20);
        using var nginx = NginxServer.Serve(index.Root);

        var plain = sdk.App("Plain", "Microsoft.NET.Sdk", "");
        var big = sdk.SinglePackageApp("Big", $"{nginx.BaseUrl}/simple", "big-model");
        var pythonCache = scratch.Sub("python-cache");
        var dotnet = sdk.Dotnet(pythonCache);
        Build(dotnet, plain); // NuGet's first restore of the plain app is not what is measured
        var plainBuild = Median(Enumerable.Range(0, Repeats).Select(_ => Build(dotnet, plain)));
        var cold = Build(dotnet, big);
        var warm = Median(Enumerable.Range(0, Repeats).Select(_ => Build(dotnet, big)));
        var venv = Path.Combine(big, "obj", "python", "venv");
        Exec.Run(Path.Combine(venv, "bin", "python"), ["-c", $"import os, big_model; assert os.path.getsize(big_model.PAYLOAD) == {PayloadMegabytes << 20}"])
            .ShouldSucceed("import big_model from the built venv");

        var copy = Path.Combine(scratch.Root, "cp-al");
        var copyTime = Exec.Run("cp", ["-al", venv, copy]).ShouldSucceed("cp -al").Elapsed;
        var unzipped = Path.Combine(scratch.Root, "unzip");
        var unzipTime = Exec.Run("unzip", ["-q", wheel.Path, "-d", unzipped]).ShouldSucceed("unzip").Elapsed;
        DeleteTree(unzipped);
        var pipVenv = Path.Combine(scratch.Root, "pip-venv");
        var pipCache = Path.Combine(scratch.Root, "pip-cache");
        var pipCold = PipInstall(nginx, pipVenv, ["--no-cache-dir"]);
        DeleteTree(pipVenv);
        PipInstall(nginx, pipVenv, ["--cache-dir", pipCache]);
        DeleteTree(pipVenv);
        var pipWarm = PipInstall(nginx, pipVenv, ["--cache-dir", pipCache]);

        var coldNet = cold.Time - plainBuild.Time;
        var warmNet = warm.Time - plainBuild.Time;
        var table = new Table($"one {PayloadMegabytes / 1024.0:0.0} GB wheel ({wheel.Size / 1e9:0.00} GB file) from nginx on 127.0.0.1, cold and pip once",
            "what", "time", "peak RSS", "Python part (net of plain build)", "vs reference");
        table.Add($"dotnet build, plain Microsoft.NET.Sdk app (bin/obj deleted, median of {Repeats})", Timing.Ms(plainBuild.Time), Mb(plainBuild.PeakRss), "", "");
        table.Add("dotnet build, cold (empty cache, no lock)", Timing.Ms(cold.Time), Mb(cold.PeakRss), Timing.Ms(coldNet),
            $"pip cold / this {Timing.Ratio(pipCold, coldNet)}; this / unzip {Timing.Ratio(coldNet, unzipTime)}");
        table.Add($"dotnet build, warm (cache + lock, bin/obj deleted, median of {Repeats})", Timing.Ms(warm.Time), Mb(warm.PeakRss), Timing.Ms(warmNet),
            $"pip warm / this {Timing.Ratio(pipWarm, warmNet)}; this / cp -al {Timing.Ratio(warmNet, copyTime)}");
        table.Add("pip install --no-deps, --no-cache-dir (venv included)", Timing.Ms(pipCold), "", "", "");
        table.Add("pip install --no-deps, warm cache (venv included)", Timing.Ms(pipWarm), "", "", "");
        table.Add("unzip -q of the wheel", Timing.Ms(unzipTime), "", "", "");
        table.Add("cp -al of the finished venv", Timing.Ms(copyTime), "", "", "");
        table.Print();
        Table.Summary($"cold Python part {Timing.Ms(coldNet)} = {Timing.Ratio(coldNet, unzipTime)} unzip, {Timing.Ratio(pipCold, coldNet)} faster than pip; " +
                      $"warm {Timing.Ms(warmNet)}, {Timing.Ratio(pipWarm, warmNet)} faster than pip; peak RSS of the cold build {Mb(cold.PeakRss)} (goal ≤ 400 MB).");
    }

    /// <summary>Builds of the plain app and warm builds (seconds each) are repeated: their difference is small and a shared machine is noisy.</summary>
    private const int Repeats = 3;

    private sealed record BuildFigures(TimeSpan Time, long? PeakRss);

    private static BuildFigures Median(IEnumerable<BuildFigures> runs)
    {
        var list = runs.ToList();
        return new BuildFigures(Timing.MedianOf(list.Select(r => r.Time).ToList()), list.Max(r => r.PeakRss));
    }

    /// <summary><c>dotnet build</c> after deleting bin/ and obj/ (the venv is under obj/, the lock and cache stay).</summary>
    private static BuildFigures Build(DotnetCommand dotnet, string project)
    {
        DeleteTree(Path.Combine(project, "bin"));
        DeleteTree(Path.Combine(project, "obj"));
        var (outcome, _, peak) = dotnet.Timed(project, "build", "-nologo");
        outcome.ShouldSucceed($"dotnet build {Path.GetFileName(project)}");
        return new BuildFigures(outcome.Elapsed, peak);
    }

    private static TimeSpan PipInstall(NginxServer nginx, string venv, string[] cacheArgs)
    {
        var venvTime = Exec.Run(BenchPaths.BasePython, ["-m", "venv", "--without-pip", venv]).ShouldSucceed("python -m venv").Elapsed;
        var install = Exec.Run(BenchPaths.BasePython,
            ["-m", "pip", "--python", Path.Combine(venv, "bin", "python"), "install", "--no-deps", "--no-compile", "--quiet",
             "--disable-pip-version-check", "--no-input", "--index-url", nginx.BaseUrl + "/simple", .. cacheArgs, "big-model"],
            timeout: TimeSpan.FromMinutes(15)).ShouldSucceed("pip install");
        return venvTime + install.Elapsed;
    }

    private static string Mb(long? bytes) => bytes is { } b ? $"{b / (1024 * 1024)} MB" : "–";

    private static void DeleteTree(string folder)
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }
}
