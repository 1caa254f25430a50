namespace LlmPython.Resolver.Tests.ProjectFiles;

/// <summary>A temporary folder of requirements/pyproject files, deleted on dispose.</summary>
public sealed class ProjectFileFolder : IDisposable
{
    public ProjectFileFolder()
    {
        Root = Path.Combine(Path.GetTempPath(), "llmpy-projectfiles-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string Write(string relativePath, string text)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public string PathOf(string relativePath) => Path.GetFullPath(Path.Combine(Root, relativePath));

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
