using System.Security;
using System.Text.Json;
using LlmPython.Benchmarks.Resolve;
using LlmPython.Resolver.Requirements;
using LlmPython.Sdk.EndToEnd.Harness;
using LlmPython.TestSupport;

namespace LlmPython.Sdk.EndToEnd;

/// <summary>
/// "A dotnet build resolves exactly what pip would": each graph is served from a loopback index, then a real
/// <c>dotnet build</c> of a throw-away project locks it and <c>pip install --dry-run --report</c> (pip 23,
/// same interpreter, version and platform) resolves the same requirements; the locked name → version set must
/// equal pip's. Covered: the LlmStack-like graph (47 projects, torch from the PyTorch-like index, the newest
/// accelerate/peft need a newer torch, pandas' newest needs numpy &lt; 2), packse scenarios with a unique answer,
/// extras and markers, backtracking, an unsatisfiable graph (both fail), and the one deliberate difference:
/// a name on two indexes is taken from the first index that has it, never the higher version of a later one.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class PipParityTests : IDisposable
{
    private readonly PackedSdk _sdk = PackedSdk.Instance;
    private readonly LocalIndexServer _server = LocalIndexServer.Start();

    [Fact]
    public void LlmStackGraph_LocksWhatPipInstalls()
    {
        LlmStackGraph.PublishTo(_server);

        var (ours, pip) = BuildAndPip("PipLlmStack", LlmStackGraph.Roots);

        Assert.Equal(44, pip.Count);
        Assert.Equal("1.26.4", pip["numpy"]);
        Assert.Equal("2.2.2", pip["pandas"]);
        Assert.Equal(Sorted(pip), Sorted(ours));
    }

    public static TheoryData<string> PackseScenarios() => new(
        "wrong-backtracking-basic",      // backtracking: b's newest need a==1, a's newest is 2
        "wrong-backtracking-indirect",   // the same one level down
        "local-transitive-backtrack",    // backtracking over local versions
        "extra-required",                // a root with an extra
        "extra-incompatible-with-extra-not-requested");

    [Theory]
    [MemberData(nameof(PackseScenarios))]
    public void PackseScenario_LocksWhatPipInstalls(string name)
    {
        var roots = ServePackse(name);

        var (ours, pip) = BuildAndPip("PipPackse", roots);

        Assert.NotEmpty(pip);
        Assert.Equal(Sorted(pip), Sorted(ours));
    }

    [Fact]
    public void ExtrasAndMarkers_LockWhatPipInstalls()
    {
        // web[http] brings client (on Linux only via a marker), client[speedups] brings a marker-gated extra dep;
        // legacy-shim applies only below Python 3.9, win-only only on Windows.
        Serve("web", "1.0.0", ["core>=1"]);
        Serve("web", "2.0.0", ["core>=2", "legacy-shim; python_version < \"3.9\"", "win-only; sys_platform == \"win32\""],
            ("http", ["client[speedups]>=1.1; sys_platform == \"linux\"", "core<3"]));
        Serve("core", "1.0.0");
        Serve("core", "2.0.0");
        Serve("core", "2.5.0");
        Serve("core", "3.0.0");
        Serve("client", "1.0.0");
        Serve("client", "1.2.0", ["core"], ("speedups", ["fastcodec>=0.2; python_version >= \"3.8\"", "slowcodec; python_version < \"3.8\""]));
        Serve("client", "1.3.0", ["core>=3"], ("speedups", ["fastcodec"]));
        Serve("fastcodec", "0.1.0");
        Serve("fastcodec", "0.2.0");
        Serve("fastcodec", "0.3.0");
        Serve("slowcodec", "1.0.0");
        Serve("legacy-shim", "1.0.0");
        Serve("win-only", "1.0.0");

        var (ours, pip) = BuildAndPip("PipExtras", ["web[http]", "fastcodec<0.3; python_version >= \"3.11\""]);

        Assert.Equal(Sorted(pip), Sorted(ours));
        // client 1.3 needs core>=3, which web[http] forbids: both step back to client 1.2.0.
        Assert.Equal(["client==1.2.0", "core==2.5.0", "fastcodec==0.2.0", "web==2.0.0"], Sorted(ours));
    }

    [Fact]
    public void AnExtraTheChosenVersionLacks_LocksWhatPipInstalls()
    {
        // web 2.0.0[http] cannot be satisfied (client needs fastcodec>=0.2, the project <0.2), so both fall back to
        // web 1.0.0, which has no 'http' extra: pip warns and installs it without; so does the SDK.
        Serve("web", "1.0.0", ["core"]);
        Serve("web", "2.0.0", ["core"], ("http", ["client"]));
        Serve("client", "1.0.0", ["fastcodec>=0.2"]);
        Serve("core", "1.0.0");
        Serve("fastcodec", "0.1.0");
        Serve("fastcodec", "0.2.0");

        var (ours, pip) = BuildAndPip("PipNoExtra", ["web[http]", "fastcodec<0.2"]);

        Assert.Equal(Sorted(pip), Sorted(ours));
        Assert.Equal(["core==1.0.0", "fastcodec==0.1.0", "web==1.0.0"], Sorted(ours));
    }

    [Fact]
    public void Unsatisfiable_BothFail_OursWithLLMPY0403AndTheDerivation()
    {
        Serve("left", "1.0.0", ["shared==1.0.0"]);
        Serve("right", "1.0.0", ["shared==2.0.0"]);
        Serve("shared", "1.0.0");
        Serve("shared", "2.0.0");
        string[] roots = ["left", "right"];
        var project = TestProject.ConsoleApp(_sdk, "PipUnsat", ProjectXml(roots));

        var build = project.Build().ShouldFail();
        var pip = PipDryRun.Run(_server.IndexUrl, roots);

        Assert.NotEqual(0, pip.ExitCode);
        Assert.Contains("ResolutionImpossible", pip.Output, StringComparison.Ordinal);
        Assert.Contains("error LLMPY0403", build.Output, StringComparison.Ordinal);
        Assert.Contains("left 1.0.0 depends on shared==1.0.0", build.Output, StringComparison.Ordinal);
        Assert.Contains("right 1.0.0 depends on shared==2.0.0", build.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(project.PathOf("python.lock.json")));
    }

    /// <summary>
    /// The deliberate difference (DESIGN.md, index routing): pip with --extra-index-url takes the highest version
    /// across indexes, which lets another index shadow a name (dependency confusion). The SDK answers each name
    /// from the first index that has it (uv's first-index; PythonIndex items come before PythonIndexUrl), so it
    /// locks the first index's older version where pip takes the later index's higher one.
    /// </summary>
    [Fact]
    public void NameOnTwoIndexes_WeTakeTheFirstIndexes_PipTheHigherVersion()
    {
        var wheel = new WheelBuilder("shared-util", "1.0.0");
        var first = _server.AddFile("first", wheel.FileName, wheel.Build());
        Serve("app-core", "1.0.0", ["shared-util"]);
        Serve("shared-util", "9.0.0");
        string[] roots = ["app-core"];
        var project = TestProject.ConsoleApp(_sdk, "PipTwoIdx", ProjectXml(roots,
            $"""    <PythonIndex Include="{_server.NamedIndexUrl("first")}" Name="first" />"""));

        project.Build().ShouldSucceed();
        var pip = PipDryRun.Run(_server.NamedIndexUrl("first"), roots, "--extra-index-url", _server.IndexUrl);

        Assert.True(pip.ExitCode == 0, "pip failed:\n" + pip.Output);
        Assert.Equal("9.0.0", pip.Pins["shared-util"]);
        var locked = LockedPins(project);
        Assert.Equal("1.0.0", locked["shared-util"]);
        Assert.Equal("1.0.0", locked["app-core"]);
        Assert.Equal(_server.UrlOf(first), LockFileView.Single(project.PathOf("python.lock.json"), "shared-util").Url);
    }

    private (Dictionary<string, string> Ours, IReadOnlyDictionary<string, string> Pip) BuildAndPip(string name, IReadOnlyList<string> roots)
    {
        var project = TestProject.ConsoleApp(_sdk, name, ProjectXml(roots));
        project.Build().ShouldSucceed();
        var pip = PipDryRun.Run(_server.IndexUrl, roots);
        Assert.True(pip.ExitCode == 0, "pip failed:\n" + pip.Output);
        return (LockedPins(project), pip.Pins);
    }

    /// <summary>A project with one PythonPackage per PEP 508 root, built with the interpreter pip runs under.</summary>
    private string ProjectXml(IEnumerable<string> roots, string moreItems = "")
    {
        var items = string.Join("\n", roots.Select(PackageItem));
        return $$"""
            <Project Sdk="LlmPython.Sdk/{SdkVersion}">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <PythonExecutable>{{SecurityElement.Escape(PipDryRun.Interpreter)}}</PythonExecutable>
                <PythonIndexUrl>{{_server.IndexUrl}}</PythonIndexUrl>
                <PyTorchIndexUrl>{{_server.PyTorchIndexUrl}}</PyTorchIndexUrl>
                <PythonCuda>cpu</PythonCuda>
                <PythonCacheDirectory>$(MSBuildProjectDirectory)/cache</PythonCacheDirectory>
              </PropertyGroup>
              <ItemGroup>
            {{items}}
            {{moreItems}}
              </ItemGroup>
            </Project>
            """;
    }

    private static string PackageItem(string pep508)
    {
        var requirement = Requirement.Parse(pep508);
        var item = $"""    <PythonPackage Include="{SecurityElement.Escape(requirement.Name)}" """;
        if (requirement.SpecifierText.Length > 0) item += $"""Version="{SecurityElement.Escape(requirement.SpecifierText)}" """;
        if (requirement.ExtrasAsWritten.Count > 0) item += $"""Extras="{SecurityElement.Escape(string.Join(';', requirement.ExtrasAsWritten))}" """;
        if (requirement.Marker is not null) item += $"""Markers="{SecurityElement.Escape(requirement.Marker.ToString())}" """;
        return item + "/>";
    }

    private static Dictionary<string, string> LockedPins(TestProject project)
    {
        var pins = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in LockFileView.Read(project.PathOf("python.lock.json")))
        {
            var name = PipDryRun.Normalize(row.Name);
            Assert.True(!pins.TryGetValue(name, out var other) || other == row.Version, $"{name} is locked as {other} and {row.Version}");
            pins[name] = row.Version;
        }
        return pins;
    }

    private static List<string> Sorted(IReadOnlyDictionary<string, string> pins) =>
        pins.Select(kv => $"{kv.Key}=={kv.Value}").Order(StringComparer.Ordinal).ToList();

    private LocalIndexFile Serve(string name, string version, string[]? requires = null, params (string Extra, string[] Requires)[] extras)
    {
        var wheel = new WheelBuilder(name, version);
        wheel.AddFile($"{name.Replace('-', '_')}/__init__.py", $"__version__ = \"{version}\"\n");
        wheel.RequiresDist.AddRange(requires ?? []);
        foreach (var (extra, extraRequires) in extras)
        {
            wheel.ProvidesExtra.Add(extra);
            wheel.RequiresDist.AddRange(extraRequires.Select(r => WithExtra(r, extra)));
        }
        return _server.AddFile(wheel.FileName, wheel.Build());
    }

    /// <summary>"dep; marker" of an extra becomes "dep; (marker) and extra == 'x'".</summary>
    private static string WithExtra(string requirement, string extra)
    {
        var semicolon = requirement.IndexOf(';');
        return semicolon < 0
            ? $"{requirement}; extra == \"{extra}\""
            : $"{requirement[..semicolon]}; ({requirement[(semicolon + 1)..].Trim()}) and extra == \"{extra}\"";
    }

    /// <summary>Serves a packse scenario (sdk-tests/vectors/packse) as wheels; returns its root requirements.</summary>
    private IReadOnlyList<string> ServePackse(string name)
    {
        using var all = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(RepoPaths.Root, "sdk-tests", "vectors", "packse", "all-scenarios.json")));
        var scenario = all.RootElement.GetProperty("scenarios").EnumerateArray().Single(s => s.GetProperty("name").GetString() == name);
        foreach (var package in scenario.GetProperty("packages").EnumerateObject())
            foreach (var version in package.Value.GetProperty("versions").EnumerateObject())
            {
                var requires = version.Value.TryGetProperty("requires", out var r) ? r.EnumerateArray().Select(x => x.GetString()!).ToArray() : [];
                var extras = version.Value.TryGetProperty("extras", out var e)
                    ? e.EnumerateObject().Select(x => (x.Name, x.Value.EnumerateArray().Select(y => y.GetString()!).ToArray())).ToArray()
                    : [];
                Serve(package.Name, version.Name, requires, extras);
            }
        return scenario.GetProperty("root").GetProperty("requires").EnumerateArray().Select(x => x.GetString()!).ToList();
    }

    public void Dispose() => _server.Dispose();
}
