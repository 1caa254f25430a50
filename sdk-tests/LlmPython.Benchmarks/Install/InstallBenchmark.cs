namespace LlmPython.Benchmarks.Install;

internal static class InstallBenchmark
{
    public static Task RunAsync() => Task.CompletedTask;
}
