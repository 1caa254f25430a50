using LlmPython.Resolver.Restore;
using LlmPython.TestSupport;

namespace LlmPython.Resolver.Tests.Restore;

/// <summary>Per-case project folders under one fixture root (own lockfile and venv), sharing a server and a cache.</summary>
public sealed class CaseProjects(string root, string cache)
{
    private int _projects;

    /// <summary>A Python 3.11 request for a fresh folder <c>NN-caseName</c>, with the server's PyPI-like and PyTorch-like indexes.</summary>
    public RestoreRequest Request(string caseName, LocalIndexServer server, PackageItem[] packages)
    {
        var dir = Path.Combine(root, $"{Interlocked.Increment(ref _projects):00}-{caseName}");
        Directory.CreateDirectory(dir);
        return new RestoreRequest
        {
            ProjectPath = Path.Combine(dir, "App.csproj"),
            LockFilePath = Path.Combine(dir, "python.lock.json"),
            EnvironmentDirectory = Path.Combine(dir, "obj", "python", "venv"),
            CacheDirectory = cache,
            PythonVersion = RestoreFixture.Python311,
            PythonIndexUrl = server.IndexUrl,
            PyTorchIndexUrl = server.PyTorchIndexUrl,
            Packages = packages,
        };
    }
}
