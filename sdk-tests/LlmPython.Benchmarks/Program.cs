using LlmPython.Benchmarks.BigWheel;
using LlmPython.Benchmarks.Install;
using LlmPython.Benchmarks.LlmStack;
using LlmPython.Benchmarks.ManyProjects;
using LlmPython.Benchmarks.NoOp;
using LlmPython.Benchmarks.Resolve;

// Benchmarks that print figures (not tests). Each subcommand prints tables and a one-line summary.
var which = args.Length == 0 ? "help" : args[0];
switch (which)
{
    case "resolve":
        await ResolvelibBenchmark.RunAsync();
        await RealisticIndexBenchmark.RunAsync();
        break;
    case "resolvelib":
        await ResolvelibBenchmark.RunAsync();
        break;
    case "realistic":
        await RealisticIndexBenchmark.RunAsync();
        break;
    case "install":
        await InstallBenchmark.RunAsync();
        break;
    case "noop":
        NoOpBuildBenchmark.Run();
        break;
    case "bigwheel":
        BigWheelBenchmark.Run();
        break;
    case "llmstack":
        LlmStackBenchmark.Run();
        break;
    case "llmstack-index":
        // The llmstack wheels and their simple index written to a folder, to look at or to serve by hand.
        LlmPython.TestSupport.StaticSimpleIndex.Write(args[1], LlmStackWheels.Wheels());
        break;
    case "manyprojects":
        // `manyprojects 20` runs one size; the default is 20 and 50.
        ManyProjectBenchmark.Run(args.Length > 1 ? args.Skip(1).Select(int.Parse).ToList() : [20, 50]);
        break;
    case "all":
        await ResolvelibBenchmark.RunAsync();
        await RealisticIndexBenchmark.RunAsync();
        await InstallBenchmark.RunAsync();
        NoOpBuildBenchmark.Run();
        break;
    default:
        Console.WriteLine("usage: dotnet run -c Release --project sdk-tests/LlmPython.Benchmarks -- resolve|resolvelib|realistic|install|noop|bigwheel|llmstack|manyprojects [N…]|all");
        return which == "help" ? 0 : 2;
}
return 0;
