using Microsoft.Build.Evaluation;
using Microsoft.Build.Execution;

namespace LlmPython.Tasks.Tests;

/// <summary>
/// A throw-away project that imports the SDK's own props and targets from src/Sdk (no pack, no Microsoft.NET.Sdk), evaluated
/// and built in process. The targets that choose the restore mode run only property and item logic, so building them needs
/// no task; a target that would load LlmPython.Tasks is never built here.
/// </summary>
internal sealed class SdkTargetsProject : IDisposable
{
    private static readonly object BuildManagerLock = new();
    private readonly ProjectCollection _collection = new();

    public SdkTargetsProject(string body = "", bool byPackageReference = false)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("llmpython-targets-").FullName;
        ProjectPath = Path.Combine(Directory, "App.csproj");
        var props = byPackageReference ? Path.Combine(SdkDirectory, "build", "LlmPython.Sdk.props") : Path.Combine(SdkDirectory, "Sdk", "Sdk.props");
        var targets = byPackageReference ? Path.Combine(SdkDirectory, "build", "LlmPython.Sdk.targets") : Path.Combine(SdkDirectory, "Sdk", "Sdk.targets");
        File.WriteAllText(ProjectPath, $"""
            <Project>
              <PropertyGroup>
                <UsingMicrosoftNETSdk>true</UsingMicrosoftNETSdk>
                <BaseIntermediateOutputPath>obj/</BaseIntermediateOutputPath>
                <MSBuildProjectExtensionsPath>$(MSBuildProjectDirectory)/obj/</MSBuildProjectExtensionsPath>
              </PropertyGroup>
              <Import Project="{props}" />
              {body}
              <Import Project="{targets}" />
            </Project>
            """);
    }

    /// <summary>src/Sdk of this repository.</summary>
    public static string SdkDirectory { get; } = Path.Combine(RepoRoot(), "src", "Sdk");

    public string Directory { get; }
    public string ProjectPath { get; }

    /// <summary>The project evaluated with these global properties (like -p: on the command line).</summary>
    public ProjectInstance Evaluate(params (string Name, string Value)[] globalProperties)
    {
        _collection.UnloadAllProjects();
        var properties = globalProperties.ToDictionary(p => p.Name, p => p.Value);
        return new Project(ProjectPath, properties, toolsVersion: null, _collection).CreateProjectInstance();
    }

    /// <summary>Builds <paramref name="targets"/> of a fresh evaluation and returns the instance with the properties and items they set.</summary>
    public ProjectInstance Build(string[] targets, params (string Name, string Value)[] globalProperties)
    {
        var instance = Evaluate(globalProperties);
        var logger = new CollectingLogger();
        bool built;
        lock (BuildManagerLock) // ProjectInstance.Build uses the process's one BuildManager: one build at a time
            built = instance.Build(targets, [logger]);
        Assert.True(built, string.Join("\n", logger.Errors));
        return instance;
    }

    /// <summary>Whether <paramref name="target"/>'s own Condition is true in <paramref name="instance"/> (MSBuild would run it).</summary>
    public static bool Runs(ProjectInstance instance, string target)
        => instance.Targets.TryGetValue(target, out var t) ? instance.EvaluateCondition(t.Condition) : throw new KeyNotFoundException(target);

    public void Write(string relativePath, string text)
    {
        var path = Path.Combine(Directory, relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    public void Dispose()
    {
        _collection.UnloadAllProjects();
        _collection.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LlmPython.Sdk.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("LlmPython.Sdk.sln not found above " + AppContext.BaseDirectory);
    }

    private sealed class CollectingLogger : Microsoft.Build.Framework.ILogger
    {
        public List<string> Errors { get; } = [];
        public Microsoft.Build.Framework.LoggerVerbosity Verbosity { get; set; }
        public string? Parameters { get; set; }
        public void Initialize(Microsoft.Build.Framework.IEventSource eventSource) => eventSource.ErrorRaised += (_, e) => Errors.Add(e.Message ?? e.Code ?? "error");
        public void Shutdown() { }
    }
}
