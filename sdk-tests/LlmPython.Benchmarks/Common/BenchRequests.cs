using LlmPython.Resolver.Restore;
using LlmPython.TestSupport;

namespace LlmPython.Benchmarks.Common;

/// <summary>The restore request every engine benchmark starts from: a throw-away project against a loopback index.</summary>
internal static class BenchRequests
{
    public static RestoreRequest For(LocalIndexServer server, string projectDir, string cache) => new()
    {
        ProjectPath = Path.Combine(projectDir, "App.csproj"),
        LockFilePath = Path.Combine(projectDir, "python.lock.json"),
        EnvironmentDirectory = Path.Combine(projectDir, "obj", "python", "venv"),
        CacheDirectory = cache,
        PythonVersion = "3.11",
        PythonExecutable = BenchPaths.BasePython,
        PythonIndexUrl = server.IndexUrl,
        PyTorchIndexUrl = server.PyTorchIndexUrl,
    };
}
