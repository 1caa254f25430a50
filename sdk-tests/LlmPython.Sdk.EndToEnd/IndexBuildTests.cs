using LlmPython.Sdk.EndToEnd.Harness;
using LlmPython.TestSupport;

namespace LlmPython.Sdk.EndToEnd;

/// <summary>
/// dotnet build against a real HTTP package index (PythonIndexUrl only: no find-links, not offline):
/// lock with the server's URLs and hashes, a working venv, a no-op second build that asks the server nothing,
/// locked mode and an unknown package as MSBuild errors.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class IndexBuildTests : IDisposable
{
    private readonly PackedSdk _sdk = PackedSdk.Instance;
    private readonly LocalIndexServer _server = LocalIndexServer.Start();
    private readonly LocalIndexFile _appUtils;
    private readonly LocalIndexFile _tinyDep;

    public IndexBuildTests()
    {
        var tinyDep = new WheelBuilder("tiny-dep", "1.2.0")
            .AddFile("tiny_dep/__init__.py", "VALUE = 'tiny-dep 1.2.0'\n");
        var appUtils = new WheelBuilder("app-utils", "2.0.0")
            .AddFile("app_utils/__init__.py", "import tiny_dep\n\ndef main():\n    print('app-utils 2.0.0 with ' + tiny_dep.VALUE)\n")
            .AddConsoleScript("app-utils", "app_utils:main");
        appUtils.RequiresDist.Add("tiny-dep>=1.0");
        _tinyDep = _server.AddFile(tinyDep.FileName, tinyDep.Build());
        _appUtils = _server.AddFile(appUtils.FileName, appUtils.Build());
        // An older release the resolver must pass over.
        var oldAppUtils = new WheelBuilder("app-utils", "1.0.0").AddFile("app_utils/__init__.py", "OLD = True\n");
        _server.AddFile(oldAppUtils.FileName, oldAppUtils.Build());
    }

    private string ProjectXml(string packages) => AppProjectXml.FromIndex(_server.IndexUrl, packages);

    [Fact]
    public void Build_LocksTheIndexUrls_TheVenvImports_AndASecondBuildAsksNothing()
    {
        var project = TestProject.ConsoleApp(_sdk, "IdxApp", ProjectXml("""    <PythonPackage Include="app-utils" Version="&gt;=1.5" />"""));

        project.Build().ShouldSucceed();

        string lockPath = project.PathOf("python.lock.json");
        var appUtils = LockFileView.Single(lockPath, "app-utils");
        Assert.Equal("2.0.0", appUtils.Version);
        Assert.Equal(_server.UrlOf(_appUtils), appUtils.Url);
        Assert.Equal(_appUtils.Sha256, appUtils.Sha256);
        var tinyDep = LockFileView.Single(lockPath, "tiny-dep");
        Assert.Equal(_server.UrlOf(_tinyDep), tinyDep.Url);
        Assert.Equal(_tinyDep.Sha256, tinyDep.Sha256);

        string venv = project.PathOf("obj/python/venv");
        VenvPython.Run(venv, "-c", "import app_utils, tiny_dep; print(tiny_dep.VALUE)").ShouldSucceed();
        // The console script launcher runs the entry point.
        var script = RunExecutable(OperatingSystem.IsWindows() ? Path.Combine(venv, "Scripts", "app-utils.exe") : Path.Combine(venv, "bin", "app-utils"));
        Assert.Contains("app-utils 2.0.0 with tiny-dep 1.2.0", script.StdOut, StringComparison.Ordinal);

        byte[] lockBytes = File.ReadAllBytes(lockPath);
        _server.ResetCounts();
        var second = project.Build().ShouldSucceed();

        Assert.Contains("Python environment is up to date for IdxApp.csproj", second.Output, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
        Assert.Equal(lockBytes, File.ReadAllBytes(lockPath));
    }

    [Fact]
    public void LockedMode_AfterAVersionChange_FailsWithLLMPY0602_AtTheProjectFile()
    {
        var project = TestProject.ConsoleApp(_sdk, "IdxLocked", ProjectXml("""    <PythonPackage Include="app-utils" Version="&gt;=1.5" />"""));
        project.Build().ShouldSucceed();
        byte[] lockBytes = File.ReadAllBytes(project.PathOf("python.lock.json"));

        project.WithProjectFile(ProjectXml("""    <PythonPackage Include="app-utils" Version="==1.0.0" />"""));
        var locked = project.Build("-p:PythonRestoreLockedMode=true").ShouldFail();

        Assert.Contains("error LLMPY0602", locked.Output, StringComparison.Ordinal);
        Assert.Contains(project.ProjectFile, ErrorLine(locked, "LLMPY0602"), StringComparison.Ordinal);
        // Locked mode never rewrites the lock.
        Assert.Equal(lockBytes, File.ReadAllBytes(project.PathOf("python.lock.json")));
    }

    [Fact]
    public void UnknownPackage_FailsWithLLMPY0401_NamingIt()
    {
        var project = TestProject.ConsoleApp(_sdk, "IdxUnknown", ProjectXml("""
                <PythonPackage Include="app-utils" />
                <PythonPackage Include="no-such-package-xyz" />
            """));

        var build = project.Build().ShouldFail();

        string line = ErrorLine(build, "LLMPY0401");
        Assert.Contains("no-such-package-xyz", line, StringComparison.Ordinal);
        Assert.Contains(project.ProjectFile, line, StringComparison.Ordinal);
        Assert.False(File.Exists(project.PathOf("python.lock.json")));
    }

    private static string ErrorLine(CommandResult result, string code)
        => result.Output.Split('\n').FirstOrDefault(l => l.Contains("error " + code, StringComparison.Ordinal))
           ?? throw new Xunit.Sdk.XunitException($"no 'error {code}' line in:\n{result.Output}");

    private static CommandResult RunExecutable(string executable)
    {
        var startInfo = new System.Diagnostics.ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = System.Diagnostics.Process.Start(startInfo)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return new CommandResult(executable, process.ExitCode, stdout.Result, stderr).ShouldSucceed();
    }

    public void Dispose() => _server.Dispose();
}
