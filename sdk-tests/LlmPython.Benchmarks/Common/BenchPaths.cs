namespace LlmPython.Benchmarks.Common;

/// <summary>Fixed inputs every benchmark reads: the repo, the vectors, the pyenv interpreter.</summary>
internal static class BenchPaths
{
    /// <summary>The repo root: the first parent of the working folder or the binary that holds LlmPython.Sdk.sln.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string Vector(params string[] parts) => Path.Combine([RepoRoot, "sdk-tests", "vectors", .. parts]);

    public static string PyenvRoot =>
        Environment.GetEnvironmentVariable("PYENV_ROOT") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".pyenv");

    /// <summary>The CPython the benchmarks compare against (pip) and target (engine).</summary>
    public const string PythonVersion = "3.11.7";

    public static string BasePython => Path.Combine(PyenvRoot, "versions", PythonVersion, "bin", "python3");

    /// <summary>A fresh folder under the temp directory; removed by <see cref="Scratch.Dispose"/>.</summary>
    public static Scratch NewScratch(string what) => new(Directory.CreateTempSubdirectory($"llmpy-bench-{what}-").FullName);

    private static string FindRepoRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "LlmPython.Sdk.sln")))
                    return dir.FullName;
        }
        throw new InvalidOperationException("Run the benchmarks from inside the LlmPython.Sdk repo (LlmPython.Sdk.sln not found above the working folder).");
    }
}

/// <summary>A temp folder that deletes itself, unless LLMPYTHON_BENCH_KEEP=1 (to profile by hand afterwards).</summary>
internal sealed class Scratch(string root) : IDisposable
{
    private static readonly bool Keep = Environment.GetEnvironmentVariable("LLMPYTHON_BENCH_KEEP") == "1";

    public string Root { get; } = root;

    public string Sub(string name)
    {
        var path = Path.Combine(Root, name);
        Directory.CreateDirectory(path);
        return path;
    }

    public void Dispose()
    {
        if (Keep)
        {
            Console.WriteLine($"(kept {Root})");
            return;
        }
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
