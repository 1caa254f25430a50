namespace LlmPython.Resolver.Tests;

/// <summary>Locates files of the repository (vectors, data) from the test's output folder.</summary>
public static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>sdk-tests/vectors (copied from shared/vectors; attribution in its README).</summary>
    public static string Vectors => Path.Combine(RepoRoot, "sdk-tests", "vectors");

    public static string Vector(params string[] parts) => Path.Combine([Vectors, .. parts]);

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LlmPython.Sdk.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("LlmPython.Sdk.sln not found above " + AppContext.BaseDirectory);
    }
}
