using LlmPython.Resolver.Diagnostics;
using LlmPython.Tasks;

namespace LlmPython.Tasks.Tests;

/// <summary>The publish step: the relocatable layout, replacing an old publish; a missing environment is a coded error.</summary>
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
    public void WritesTheRelocatableLayout_AndRemovesFilesOfAnOlderPublish()
    {
        Write(P("venv", "pyvenv.cfg"), "home = /usr/bin\nversion = 3.11.7\n");
        var site = P("venv", "lib", "python3.11", "site-packages");
        Write(Path.Combine(site, "hello_llm", "__init__.py"), "x = 1\n");
        Write(Path.Combine(site, "hello_llm-0.1.0.dist-info", "METADATA"), "Metadata-Version: 2.1\nName: hello-llm\nVersion: 0.1.0\n");
        Write(Path.Combine(site, "hello_llm-0.1.0.dist-info", "RECORD"),
            "hello_llm/__init__.py,,\nhello_llm-0.1.0.dist-info/METADATA,,\nhello_llm-0.1.0.dist-info/RECORD,,\n");
        Write(P("out", "python", "stale.txt"), "old\n");
        var engine = new FakeBuildEngine(P("App.csproj"));
        var task = new PublishPythonEnvironment
        {
            BuildEngine = engine,
            RestoreSettings = SettingsItem.For(P("App.csproj"), ("PythonEnvironmentDirectory", P("venv"))),
            DestinationDirectory = P("out", "python"),
        };

        Assert.True(task.Execute(), string.Join("\n", engine.Errors.Select(e => e.Message)));

        Assert.Equal("x = 1\n", File.ReadAllText(P("out", "python", "lib", "python3.11", "site-packages", "hello_llm", "__init__.py")));
        Assert.True(File.Exists(P("out", "python", "llmpython-environment.json")));
        Assert.False(File.Exists(P("out", "python", "pyvenv.cfg")), "pyvenv.cfg names a build-machine interpreter");
        Assert.False(File.Exists(P("out", "python", "stale.txt")));
        Assert.Equal(4, task.FileCount);
    }

    [Fact]
    public void MissingEnvironment_IsLLMPY0901()
    {
        var engine = new FakeBuildEngine(P("App.csproj"));
        var task = new PublishPythonEnvironment
        {
            BuildEngine = engine,
            RestoreSettings = SettingsItem.For(P("App.csproj"), ("PythonEnvironmentDirectory", P("nothing"))),
            DestinationDirectory = P("out"),
        };

        Assert.False(task.Execute());

        var error = Assert.Single(engine.Errors);
        Assert.Equal(DiagnosticCodes.Publish.PublishEnvironmentMissing, error.Code);
        Assert.Contains("PythonPublish=false", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_runtime_archive_is_fetched_with_the_restore_s_http_settings_offline_too()
    {
        Write(P("venv", "pyvenv.cfg"), "home = /usr/bin\nexecutable = /usr/bin/python3.11\nversion = 3.11.7\n");
        var engine = new FakeBuildEngine(P("App.csproj"));
        var task = new PublishPythonEnvironment
        {
            BuildEngine = engine,
            RestoreSettings = SettingsItem.For(P("App.csproj"),
                ("PythonEnvironmentDirectory", P("venv")), ("PythonOffline", "true"), ("PythonCacheDirectory", P("cache"))),
            DestinationDirectory = P("out", "python"),
            SelfContained = "true",
            RuntimeArchive = "http://127.0.0.1:9/cpython-3.11-install_only.tar.gz",
            RuntimeArchiveSha256 = new string('a', 64),
        };

        Assert.False(task.Execute());

        var error = Assert.Single(engine.Errors);
        Assert.Equal("LLMPY0913", error.Code); // DiagnosticCodes.Publish.RuntimeArchiveUnusable
        Assert.Contains("PythonOffline is true", error.Message, StringComparison.Ordinal);
    }
}
