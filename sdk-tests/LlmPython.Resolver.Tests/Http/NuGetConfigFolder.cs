namespace LlmPython.Resolver.Tests.Http;

/// <summary>A temp folder with a project sub-folder and NuGet.Config files written from XML fragments.</summary>
internal sealed class NuGetConfigFolder : IDisposable
{
    public NuGetConfigFolder()
    {
        Root = Directory.CreateTempSubdirectory("llmpy-nugetconfig-").FullName;
        ProjectDirectory = Directory.CreateDirectory(Path.Combine(Root, "src", "App")).FullName;
    }

    public string Root { get; }
    public string ProjectDirectory { get; }

    /// <summary>Writes <c>&lt;configuration&gt;<paramref name="body"/>&lt;/configuration&gt;</c> to <paramref name="directory"/>/NuGet.Config (default: the project folder).</summary>
    public string Write(string body, string? directory = null, string fileName = "NuGet.Config")
    {
        var path = Path.Combine(directory ?? ProjectDirectory, fileName);
        File.WriteAllText(path, $"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n{body}\n</configuration>\n");
        return path;
    }

    /// <summary>A <c>&lt;packageSourceCredentials&gt;</c> child for a key.</summary>
    public static string Credentials(string key, string user, string password, bool clearText = true) =>
        $"<{key}><add key=\"Username\" value=\"{user}\" /><add key=\"{(clearText ? "ClearTextPassword" : "Password")}\" value=\"{password}\" /></{key}>";

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
