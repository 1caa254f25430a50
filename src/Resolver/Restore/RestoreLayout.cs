namespace LlmPython.Resolver.Restore;

/// <summary>Where a restore keeps its own files beside the environment (obj/python/).</summary>
public static class RestoreLayout
{
    /// <summary>obj/python/restore.stamp: the no-op check's record of the last successful restore.</summary>
    public static string StampPath(RestoreRequest request) => StampPath(request.EnvironmentDirectory);

    /// <summary>The stamp beside the environment folder <paramref name="environmentDirectory"/>.</summary>
    public static string StampPath(string environmentDirectory) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(environmentDirectory).TrimEnd(Path.DirectorySeparatorChar))!, "restore.stamp");

    public static string ProjectDirectory(RestoreRequest request) =>
        Path.GetDirectoryName(Path.GetFullPath(request.ProjectPath)) ?? Directory.GetCurrentDirectory();
}
