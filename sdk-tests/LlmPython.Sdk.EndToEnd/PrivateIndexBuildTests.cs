using LlmPython.Sdk.EndToEnd.Harness;
using LlmPython.TestSupport;

namespace LlmPython.Sdk.EndToEnd;

/// <summary>
/// dotnet build against an index that requires HTTP basic auth, with the credentials only in the NuGet.config
/// next to the project (loaded by NuGet.Configuration inside the build's MSBuild): by a disabled
/// &lt;packageSources&gt; entry whose URL prefixes PythonIndexUrl, and by a &lt;packageSourceCredentials&gt; key equal to a
/// PythonIndex Name, and from the file RestoreConfigFile names. Without them the build fails with the 401 diagnostic;
/// the password never reaches the log, the lockfile or any file the build writes.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class PrivateIndexBuildTests : IDisposable
{
    private const string User = "e2e-user";
    private readonly string _password = "pw-" + Guid.NewGuid().ToString("N");
    private readonly PackedSdk _sdk = PackedSdk.Instance;
    private readonly LocalIndexServer _server = LocalIndexServer.Start();

    public PrivateIndexBuildTests()
    {
        var secretDep = new WheelBuilder("secret-dep", "1.0.0").AddFile("secret_dep/__init__.py", "VALUE = 'secret-dep 1.0.0'\n");
        var secretUtils = new WheelBuilder("secret-utils", "3.1.0").AddFile("secret_utils/__init__.py", "from secret_dep import VALUE\n");
        secretUtils.RequiresDist.Add("secret-dep>=1.0");
        _server.AddFile(secretDep.FileName, secretDep.Build());
        _server.AddFile(secretUtils.FileName, secretUtils.Build());
        var corpOnly = new WheelBuilder("corp-only", "0.5.0").AddFile("corp_only/__init__.py", "NAME = 'corp-only'\n");
        _server.AddFile("corp", corpOnly.FileName, corpOnly.Build());
        _server.RequireBasicAuth(User, _password);
    }

    private string ProjectXml(string items) => AppProjectXml.FromIndex(_server.IndexUrl, items);

    /// <summary>The harness NuGet.config with extra &lt;packageSources&gt; entries and other sections.</summary>
    private string NuGetConfig(string extraSources, string sections) =>
        _sdk.NuGetConfig.Replace("  </packageSources>", extraSources + "\n  </packageSources>\n" + sections, StringComparison.Ordinal);

    private string Credentials(string key) =>
        $"<{key}><add key=\"Username\" value=\"{User}\" /><add key=\"ClearTextPassword\" value=\"{_password}\" /></{key}>";

    [Fact]
    public void DisabledSourcePrefixingTheIndex_LendsItsCredentials_AndThePasswordIsWrittenNowhere()
    {
        var project = TestProject.ConsoleApp(_sdk, "PrivIdx", ProjectXml("""    <PythonPackage Include="secret-utils" />"""))
            .WithFile("NuGet.config", NuGetConfig(
                $"    <add key=\"python-private\" value=\"{_server.BaseUrl}/\" />",
                $"""
                  <disabledPackageSources><add key="python-private" value="true" /></disabledPackageSources>
                  <packageSourceCredentials>{Credentials("python-private")}</packageSourceCredentials>
                """));

        var build = project.Build("-v:diag").ShouldSucceed();

        Assert.Equal("3.1.0", LockFileView.Single(project.PathOf("python.lock.json"), "secret-utils").Version);
        Assert.Equal("1.0.0", LockFileView.Single(project.PathOf("python.lock.json"), "secret-dep").Version);
        VenvPython.Run(project.PathOf("obj/python/venv"), "-c", "import secret_utils; print(secret_utils.VALUE)").ShouldSucceed();
        Assert.All(_server.Requests, r => Assert.True(r.HasAuthorization, r.Path));
        AssertPasswordAppearsNowhere(project, build);
        // Our NuGet.Configuration loads from the package's tasks/ folder into the task's load context, next to the SDK's own copy.
        string load = build.Output.Split('\n').FirstOrDefault(l => l.Contains("Assembly loaded during TaskRun (LlmPython.Tasks.PythonRestore): NuGet.Configuration,", StringComparison.Ordinal))
            ?? throw new Xunit.Sdk.XunitException("NuGet.Configuration was not loaded by PythonRestore");
        // tasks/net8.0/, or the ReadyToRun copy tasks/linux-x64/ that Linux x64 loads.
        Assert.Matches(@"[/\\]tasks[/\\](net8\.0|linux-x64)[/\\]NuGet\.Configuration\.dll", load);
    }

    [Fact]
    public void CredentialsKeyedByThePythonIndexName_AreUsed_AndWithoutThemTheBuildFailsWith401()
    {
        string items = $"""
                <PythonIndex Include="{_server.NamedIndexUrl("corp")}" Name="corp" />
                <PythonPackage Include="corp-only" Index="corp" />
            """;
        var project = TestProject.ConsoleApp(_sdk, "PrivName", ProjectXml(items))
            .WithFile("NuGet.config", NuGetConfig("", $"  <packageSourceCredentials>{Credentials("corp")}</packageSourceCredentials>"));

        var build = project.Build("-v:diag").ShouldSucceed();

        Assert.Equal("0.5.0", LockFileView.Single(project.PathOf("python.lock.json"), "corp-only").Version);
        AssertPasswordAppearsNowhere(project, build);

        var bare = TestProject.ConsoleApp(_sdk, "PrivBare", ProjectXml(items));
        var refused = bare.Build().ShouldFail();

        string line = refused.Output.Split('\n').FirstOrDefault(l => l.Contains("error LLMPY0301", StringComparison.Ordinal))
            ?? throw new Xunit.Sdk.XunitException("no 'error LLMPY0301' line in:\n" + refused.Output);
        Assert.Contains("401", line, StringComparison.Ordinal);
        Assert.Contains("NuGet.Config", line, StringComparison.Ordinal);
        Assert.False(File.Exists(bare.PathOf("python.lock.json")));
    }

    [Fact]
    public void RestoreConfigFile_IsTheConfigTheCredentialsAreReadFrom()
    {
        string items = $"""
                <PythonIndex Include="{_server.NamedIndexUrl("corp")}" Name="corp" />
                <PythonPackage Include="corp-only" Index="corp" />
            """;
        // The NuGet.config beside the project has no credentials; the file named by RestoreConfigFile has them.
        var project = TestProject.ConsoleApp(_sdk, "PrivCfg", ProjectXml(items))
            .WithFile(Path.Combine("ci", "ci.config"), NuGetConfig("", $"  <packageSourceCredentials>{Credentials("corp")}</packageSourceCredentials>"));

        project.Build($"-p:RestoreConfigFile={project.PathOf(Path.Combine("ci", "ci.config"))}").ShouldSucceed();

        Assert.Equal("0.5.0", LockFileView.Single(project.PathOf("python.lock.json"), "corp-only").Version);
    }

    private void AssertPasswordAppearsNowhere(TestProject project, CommandResult build)
    {
        // The Authorization header's form too, in case a request were ever logged.
        string header = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(User + ":" + _password));
        Assert.DoesNotContain(_password, build.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(header, build.Output, StringComparison.Ordinal);
        string config = Path.GetFullPath(project.PathOf("NuGet.config"));
        var everyFile = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint };
        int scanned = 0;
        foreach (var file in new DirectoryInfo(project.Directory).EnumerateFiles("*", everyFile))
        {
            if (file.FullName == config) continue;
            string text = System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(file.FullName));
            Assert.False(text.Contains(_password, StringComparison.Ordinal) || text.Contains(header, StringComparison.Ordinal),
                $"the password is written in {file.FullName}");
            scanned++;
        }
        // The lockfile, obj/ (restore outputs, stamp, venv) and the cache were all read.
        Assert.True(scanned > 20, $"only {scanned} files scanned");
    }

    public void Dispose() => _server.Dispose();
}
