namespace LlmPython.Sdk.EndToEnd.Harness;

/// <summary>Locations in the repository the tests build from.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string SdkProject => Path.Combine(Root, "src", "Sdk", "LlmPython.Sdk.csproj");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LlmPython.Sdk.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"LlmPython.Sdk.sln not found above {AppContext.BaseDirectory}.");
    }
}
