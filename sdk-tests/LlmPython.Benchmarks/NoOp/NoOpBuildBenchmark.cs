namespace LlmPython.Benchmarks.NoOp;

internal static class NoOpBuildBenchmark
{
    public static void Run() { }
}
