namespace LlmPython.Resolver.Restore;

/// <summary>Where a restore keeps its own files beside the environment (obj/python/).</summary>
public static class RestoreLayout
{
    /// <summary>
    /// Where a publish for another platform (<c>-r win-x64</c> on Linux) puts that platform's environment:
    /// <c>obj/python/rid/win-x64/</c> beside the venv, so this machine's venv is never overwritten by wheels it cannot run.
    /// </summary>
    public static string DescribedTargetDirectory(RestoreRequest request, string runtimeIdentifier) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(request.EnvironmentDirectory).TrimEnd(Path.DirectorySeparatorChar))!, "rid", runtimeIdentifier);

    public static string ProjectDirectory(RestoreRequest request) =>
        Path.GetDirectoryName(Path.GetFullPath(request.ProjectPath)) ?? Directory.GetCurrentDirectory();
}
