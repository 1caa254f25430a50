using System.Security.Cryptography;
using LlmPython.Sdk.EndToEnd.Harness;
using LlmPython.TestSupport;

namespace LlmPython.Sdk.EndToEnd;

/// <summary>
/// A PythonRequirementsFile with -r, -c, --hash and --extra-index-url resolves the same pins as the equivalent items;
/// editing an included file re-resolves, a second build is a no-op, and a file whose sha256 is not listed is refused.
/// PythonExport then writes requirements.&lt;section&gt;.txt that pip installs with --require-hashes into a fresh venv,
/// and a pylock.&lt;section&gt;.toml that Python's tomllib reads back as the lock; two exports are byte-identical.
/// A PythonProject (pyproject.toml, read with the Tomlyn the package ships) resolves its dependencies, extras and uv index pins.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class RequirementsFileBuildTests : IDisposable
{
    private readonly PackedSdk _sdk = PackedSdk.Instance;
    private readonly LocalIndexServer _server = LocalIndexServer.Start();
    private readonly string _gammaSha256;

    public RequirementsFileBuildTests()
    {
        var alpha = new WheelBuilder("alpha", "1.0.0").AddFile("alpha/__init__.py", "import beta\n");
        alpha.RequiresDist.Add("beta>=1");
        _server.AddFile(alpha.FileName, alpha.Build());
        foreach (var version in new[] { "1.0.0", "2.0.0" })
        {
            var beta = new WheelBuilder("beta", version).AddFile("beta/__init__.py", $"VERSION = '{version}'\n");
            _server.AddFile(beta.FileName, beta.Build());
        }
        // gamma lives only on the extra index.
        var gamma = new WheelBuilder("gamma", "1.0.0").AddFile("gamma/__init__.py", "VERSION = '1.0.0'\n");
        var gammaBytes = gamma.Build();
        _gammaSha256 = Convert.ToHexString(SHA256.HashData(gammaBytes)).ToLowerInvariant();
        _server.AddFile("extra", gamma.FileName, gammaBytes);
    }

    public void Dispose() => _server.Dispose();

    private TestProject Project(string name, string items) => TestProject.ConsoleApp(_sdk, name, $$"""
        <Project Sdk="LlmPython.Sdk/{SdkVersion}">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <PythonVersion>3.11</PythonVersion>
            <PythonIndexUrl>{{_server.IndexUrl}}</PythonIndexUrl>
            <PythonCacheDirectory>$(MSBuildProjectDirectory)/cache</PythonCacheDirectory>
          </PropertyGroup>
          <ItemGroup>
            {{items}}
          </ItemGroup>
        </Project>
        """);

    private TestProject RequirementsProject() => Project("ReqFile", """<PythonRequirementsFile Include="requirements/app.txt" />""")
        .WithFile("requirements/app.txt", $"""
            # the app's requirements, as pip reads them
            --extra-index-url {_server.NamedIndexUrl("extra")}
            -r base.txt
            -c constraints.txt
            gamma==1.0.0 \
                --hash=sha256:{_gammaSha256}
            """)
        .WithFile("requirements/base.txt", "alpha>=1.0 ; python_version >= \"3.8\"  # comment\n")
        .WithFile("requirements/constraints.txt", "beta<2\n");

    private static IEnumerable<(string, string, string, string)> Pins(TestProject project) =>
        LockFileView.Read(project.PathOf("python.lock.json")).Select(r => (r.Name, r.Version, r.Url, r.Sha256)).OrderBy(r => r.Name);

    [Fact]
    public void RequirementsFile_ResolvesLikeItems_ReresolvesOnEdit_NoOpsOtherwise_AndRefusesUnlistedHashes()
    {
        var items = Project("ReqItems", $"""
            <PythonIndex Include="{_server.NamedIndexUrl("extra")}" />
            <PythonPackage Include="alpha" Version=">=1.0" Markers="python_version >= '3.8'" />
            <PythonPackage Include="gamma" Version="1.0.0" />
            <PythonConstraint Include="beta" Version="&lt;2" />
            """);
        items.Build().ShouldSucceed();
        var files = RequirementsProject();
        var first = files.Build("-v:n").ShouldSucceed();

        Assert.Equal(Pins(items), Pins(files));
        Assert.Equal(["alpha", "beta", "gamma"], Pins(files).Select(p => p.Item1));
        Assert.Equal("1.0.0", LockFileView.Single(files.PathOf("python.lock.json"), "beta").Version);
        // The first-index routing of --extra-index-url is said once.
        Assert.Single(first.StdOut.Split('\n'), l => l.Contains("--extra-index-url becomes a PythonIndex", StringComparison.Ordinal));
        Assert.Equal("1.0.0", VenvPython.Run(files.PathOf("obj/python/venv"), "-c", "import alpha, beta, gamma; print(beta.VERSION)").ShouldSucceed().StdOut.Trim());

        var second = files.Build().ShouldSucceed();
        Assert.Contains("Python environment is up to date for ReqFile", second.StdOut, StringComparison.Ordinal);

        // Editing a file the requirements file includes (-c) re-resolves.
        files.WithFile("requirements/constraints.txt", "beta>1\n");
        files.Build().ShouldSucceed();
        Assert.Equal("2.0.0", LockFileView.Single(files.PathOf("python.lock.json"), "beta").Version);
        Assert.Equal("2.0.0", VenvPython.Run(files.PathOf("obj/python/venv"), "-c", "import beta; print(beta.VERSION)").ShouldSucceed().StdOut.Trim());
        var lockBefore = File.ReadAllBytes(files.PathOf("python.lock.json"));

        // A hash that does not match gamma's file: refused with a code naming the package; lock and environment stay.
        var wrong = new string('0', 64);
        files.WithFile("requirements/app.txt", File.ReadAllText(files.PathOf("requirements/app.txt")).Replace(_gammaSha256, wrong, StringComparison.Ordinal));
        var refused = files.Build().ShouldFail();
        Assert.Contains("LLMPY0076", refused.StdOut, StringComparison.Ordinal);
        Assert.Contains("gamma 1.0.0", refused.StdOut, StringComparison.Ordinal);
        Assert.Equal(lockBefore, File.ReadAllBytes(files.PathOf("python.lock.json")));
        VenvPython.Run(files.PathOf("obj/python/venv"), "-c", "import gamma").ShouldSucceed();

        // An option the SDK does not support names the file and line.
        files.WithFile("requirements/base.txt", "alpha>=1.0\n-e ./src\n");
        var unsupported = files.Build().ShouldFail();
        Assert.Contains("LLMPY0072", unsupported.StdOut, StringComparison.Ordinal);
        Assert.Contains("base.txt(2)", unsupported.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_WritesRequirementsThatPipInstallsWithHashes_AndPylockThatRoundTrips_ByteIdentical()
    {
        var project = RequirementsProject();
        var export = project.Build("-t:PythonExport").ShouldSucceed();
        var requirements = Directory.GetFiles(project.Directory, "requirements.*.txt").Single();
        var pylock = Directory.GetFiles(project.Directory, "pylock.*.toml").Single();
        Assert.Matches(@"^pylock\.cp311-[a-z]+-[a-z0-9_]+\.toml$", Path.GetFileName(pylock));
        var firstBytes = (File.ReadAllBytes(requirements), File.ReadAllBytes(pylock));

        // pip installs exactly the locked files, checking every hash, into a fresh venv from the same loopback index.
        var venv = Path.Combine(project.Directory, "fresh-venv");
        Python(PythonHttpServer.PythonCommand, "-m", "venv", venv);
        var pip = VenvPython.ExecutableIn(venv);
        Python(pip, "-m", "pip", "install", "--isolated", "--disable-pip-version-check", "--no-cache-dir", "--require-hashes", "--no-deps", "-r", requirements);
        Python(pip, "-m", "pip", "check");
        var installed = Python(pip, "-c", "import alpha, beta, gamma, importlib.metadata as m; print(*(m.version(n) for n in ('alpha', 'beta', 'gamma')))");
        Assert.Equal("1.0.0 1.0.0 1.0.0", installed.Trim());

        // The pylock parses as TOML (Python 3.11's tomllib) and says what the lock says.
        var script = """
            import sys, tomllib
            data = tomllib.load(open(sys.argv[1], "rb"))
            assert data["lock-version"] == "1.0", data["lock-version"]
            for p in data["packages"]:
                w = p["wheels"][0]
                print(p["name"], p["version"], w["url"], w["hashes"]["sha256"], w["size"] > 0, sep="|")
            """;
        var rows = Python(PythonHttpServer.PythonCommand, "-c", script, pylock).Trim().Split('\n').Select(l => l.Trim()).ToList();
        var expected = LockFileView.Read(project.PathOf("python.lock.json")).OrderBy(r => r.Name, StringComparer.Ordinal)
            .Select(r => $"{r.Name}|{r.Version}|{r.Url}|{r.Sha256}|True").ToList();
        Assert.Equal(expected, rows);

        // A second export (and one after deleting the files) writes the same bytes.
        project.Build("-t:PythonExport").ShouldSucceed();
        Assert.Equal(firstBytes.Item1, File.ReadAllBytes(requirements));
        Assert.Equal(firstBytes.Item2, File.ReadAllBytes(pylock));
        File.Delete(requirements);
        File.Delete(pylock);
        project.Build("-t:PythonExport", "-p:PythonExportFormat=requirements").ShouldSucceed();
        Assert.Equal(firstBytes.Item1, File.ReadAllBytes(requirements));
        Assert.False(File.Exists(pylock), "PythonExportFormat=requirements wrote a pylock file");
        Assert.Contains("Exported ", export.StdOut + project.Build("-t:PythonExport", "-v:n").StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void PyProject_DependenciesExtrasAndUvIndexPins_Resolve_AndRequiresPythonIsChecked()
    {
        var project = Project("PyProj", """<PythonProject Include="python/pyproject.toml" Extras="extra" />""")
            .WithFile("python/pyproject.toml", $$"""
                [project]
                name = "pyproj"
                requires-python = ">=3.8"
                dependencies = ["alpha>=1.0"]

                [project.optional-dependencies]
                extra = ["gamma==1.0.0"]

                [[tool.uv.index]]
                name = "extra-index"
                url = "{{_server.NamedIndexUrl("extra")}}"
                explicit = true

                [tool.uv.sources]
                gamma = { index = "extra-index" }

                [tool.ruff]
                line-length = 100
                """);

        project.Build().ShouldSucceed();
        Assert.Equal(["alpha", "beta", "gamma"], Pins(project).Select(p => p.Item1));
        Assert.Equal("2.0.0", LockFileView.Single(project.PathOf("python.lock.json"), "beta").Version);
        VenvPython.Run(project.PathOf("obj/python/venv"), "-c", "import alpha, gamma").ShouldSucceed();
        Assert.Contains("Python environment is up to date for PyProj", project.Build().ShouldSucceed().StdOut, StringComparison.Ordinal);

        project.WithFile("python/pyproject.toml", File.ReadAllText(project.PathOf("python/pyproject.toml")).Replace(">=3.8", ">=3.99", StringComparison.Ordinal));
        var refused = project.Build().ShouldFail();
        Assert.Contains("LLMPY0083", refused.StdOut, StringComparison.Ordinal);
        Assert.Contains("pyproject.toml", refused.StdOut, StringComparison.Ordinal);
    }

    private static string Python(string executable, params string[] arguments)
    {
        var (exitCode, stdout, stderr) = PipDryRun.Exec(executable, arguments);
        Assert.True(exitCode == 0, $"{executable} {string.Join(' ', arguments)} exited {exitCode}:\n{stdout}\n{stderr}");
        return stdout;
    }
}
