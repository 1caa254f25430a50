using LlmPython.Tasks;

namespace LlmPython.Sdk.EndToEnd.Tasks;

/// <summary>The publish copy: complete, replaces an old publish, keeps inner links relative, resolves outer ones.</summary>
[Trait("Category", "Unit")]
public sealed class PublishPythonEnvironmentTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("llmpython-publish-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string P(params string[] parts) => Path.Combine([_dir, .. parts]);

    private void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    [Fact]
    public void CopiesTheEnvironment_AndRemovesFilesOfAnOlderPublish()
    {
        Write(P("venv", "pyvenv.cfg"), "home = /usr/bin\n");
        Write(P("venv", "lib", "python3.11", "site-packages", "hello_llm", "__init__.py"), "x = 1\n");
        Write(P("out", "python", "stale.txt"), "old\n");
        var engine = new FakeBuildEngine(P("App.csproj"));
        var task = new PublishPythonEnvironment { BuildEngine = engine, EnvironmentDirectory = P("venv"), DestinationDirectory = P("out", "python") };

        Assert.True(task.Execute(), string.Join("\n", engine.Errors.Select(e => e.Message)));

        Assert.Equal(2, task.FileCount);
        Assert.Equal("x = 1\n", File.ReadAllText(P("out", "python", "lib", "python3.11", "site-packages", "hello_llm", "__init__.py")));
        Assert.False(File.Exists(P("out", "python", "stale.txt")));
    }

    [Fact]
    public void Links_InsideStayRelative_LinksOutsideAreCopied()
    {
        if (OperatingSystem.IsWindows())
            return; // symbolic links need privileges there; the copy path is the same as for files.
        Write(P("base", "python3.11"), "interpreter\n");
        Write(P("venv", "pyvenv.cfg"), "home = base\n");
        Directory.CreateDirectory(P("venv", "bin"));
        File.CreateSymbolicLink(P("venv", "bin", "python3.11"), P("base", "python3.11"));
        File.CreateSymbolicLink(P("venv", "bin", "python"), "python3.11");
        var task = new PublishPythonEnvironment { BuildEngine = new FakeBuildEngine(P("App.csproj")), EnvironmentDirectory = P("venv"), DestinationDirectory = P("out") };

        Assert.True(task.Execute());

        Assert.Null(new FileInfo(P("out", "bin", "python3.11")).LinkTarget);
        Assert.Equal("interpreter\n", File.ReadAllText(P("out", "bin", "python3.11")));
        Assert.Equal("python3.11", new FileInfo(P("out", "bin", "python")).LinkTarget);
    }

    [Fact]
    public void MissingEnvironment_IsLLMPY0901()
    {
        var engine = new FakeBuildEngine(P("App.csproj"));
        var task = new PublishPythonEnvironment { BuildEngine = engine, EnvironmentDirectory = P("nothing"), DestinationDirectory = P("out") };

        Assert.False(task.Execute());

        var error = Assert.Single(engine.Errors);
        Assert.Equal(TaskDiagnosticCodes.PublishEnvironmentMissing, error.Code);
        Assert.Contains("PythonPublish=false", error.Message, StringComparison.Ordinal);
    }
}
