namespace LlmPython.Sdk.EndToEnd.Harness;

/// <summary>
/// A throw-away project folder outside the repo: NuGet.config for the packed SDK, a project file
/// and sources. <c>{SdkVersion}</c> in any written text is replaced by the packed version.
/// </summary>
public sealed class TestProject
{
    private readonly PackedSdk _sdk;

    private TestProject(PackedSdk sdk, string directory, string projectFileName)
    {
        _sdk = sdk;
        Directory = directory;
        ProjectFile = Path.Combine(directory, projectFileName);
    }

    public string Directory { get; }
    public string ProjectFile { get; }
    public string Name => Path.GetFileNameWithoutExtension(ProjectFile);

    /// <summary>Environment variables added to every command run for this project.</summary>
    public Dictionary<string, string> Environment { get; } = new();

    /// <summary>A new folder named after the test with a unique suffix, holding only NuGet.config.</summary>
    public static TestProject Create(PackedSdk sdk, string name, string? parentDirectory = null)
    {
        string directory = Path.Combine(parentDirectory ?? sdk.ProjectsRoot, $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)]);
        System.IO.Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "NuGet.config"), sdk.NuGetConfig);
        return new TestProject(sdk, directory, name + ".csproj");
    }

    /// <summary>A console app whose project file is <paramref name="projectXml"/> and whose Program.cs is <paramref name="program"/>.</summary>
    public static TestProject ConsoleApp(PackedSdk sdk, string name, string projectXml, string? program = null)
        => Create(sdk, name)
            .WithProjectFile(projectXml)
            .WithFile("Program.cs", program ?? "System.Console.WriteLine(\"hello from " + name + "\");\n");

    public TestProject WithProjectFile(string xml) => WithFile(Path.GetFileName(ProjectFile), xml);

    public TestProject WithFile(string relativePath, string content)
    {
        string path = Path.Combine(Directory, relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content.Replace("{SdkVersion}", _sdk.Version, StringComparison.Ordinal));
        return this;
    }

    /// <summary>Copies the QuickStart's offline wheels (and their PEP 503 pages) into <c>wheels/</c> of this project.</summary>
    public TestProject WithQuickStartWheels()
    {
        string source = Path.Combine(RepoPaths.Root, "samples", "QuickStart", "wheels");
        foreach (string file in System.IO.Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(Directory, "wheels", Path.GetRelativePath(source, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
        return this;
    }

    public string PathOf(string relativePath) => Path.Combine(Directory, relativePath);

    /// <summary><c>dotnet &lt;verb&gt; &lt;project&gt; args…</c> in the project folder.</summary>
    public CommandResult Dotnet(string verb, params string[] arguments)
        => DotnetCli.Run(Directory, Environment, [verb, ProjectFile, .. arguments]);

    public CommandResult Build(params string[] arguments) => Dotnet("build", arguments);

    /// <summary><c>dotnet build</c> started, not waited for.</summary>
    public RunningCommand StartBuild(params string[] arguments) => DotnetCli.Start(Directory, Environment, ["build", ProjectFile, .. arguments]);

    public CommandResult Run(params string[] arguments) => DotnetCli.Run(Directory, Environment, ["run", "--project", ProjectFile, .. arguments]);

    /// <summary>Evaluates the project and returns the value of each property (<c>dotnet msbuild -getProperty</c>).</summary>
    public Dictionary<string, string> GetProperties(string[] names, params string[] globalProperties)
    {
        var arguments = new List<string> { $"-getProperty:{string.Join(',', names)}" };
        arguments.AddRange(globalProperties.Select(p => "-p:" + p));
        var result = Dotnet("msbuild", [.. arguments]).ShouldSucceed();
        string json = result.StdOut.Trim();
        if (names.Length == 1)
            return new() { [names[0]] = json };
        using var document = System.Text.Json.JsonDocument.Parse(json);
        return document.RootElement.GetProperty("Properties").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");
    }
}
