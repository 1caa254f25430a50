using LlmPython.Resolver.Accelerators;
using LlmPython.Resolver.Building;
using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Locking;
using LlmPython.Resolver.Restore;
using LlmPython.TestSupport;

namespace LlmPython.Resolver.Tests.Restore;

/// <summary>
/// PEP 517 builds of real sdists with real backends (setuptools, wheel, flit_core, hatchling) through <see cref="RestoreEngine"/>:
/// metadata from PKG-INFO or the backend, isolated build environments resolved and installed by the engine, the built-wheel
/// cache, the lock's record of the sdist, locked mode, failures, the source-build policy and BuildRequires="torch".
/// </summary>
public class SourceBuildTests : IClassFixture<SourceBuildFixture>
{
    private readonly SourceBuildFixture _world;

    public SourceBuildTests(SourceBuildFixture world) { _world = world; }

    private static (RestoreResult Result, RecordingRestoreLog Log) Run(RestoreRequest request, Func<RestoreRequest, GpuInfo>? gpu = null)
    {
        var log = new RecordingRestoreLog();
        var engine = gpu is null ? new RestoreEngine(log) : new RestoreEngine(log) { DetectGpu = gpu };
        return (engine.Run(request), log);
    }

    private static void AssertPipCheck(RestoreResult result)
    {
        var (code, output) = RestoreFixture.Exec(BuildBackendWheels.BasePython311, "-m", "pip", "--python", result.EnvironmentPython!, "check");
        Assert.True(code == 0, output);
    }

    [Fact]
    public void A_modelscope_nlp_shaped_world_builds_its_sdist_only_dependencies_once()
    {
        var request = _world.Request("modelscope", new PackageItem("modelscope", Extras: "nlp")) with { SourceBuildPackages = ["jieba", "seqeval", "zhconv"] };

        var (result, log) = Run(request);

        Assert.True(result.Success, log.All);
        var section = LockFileReader.TryRead(request.LockFilePath)!.Environments.Single();
        foreach (var (name, file) in new[] { ("jieba", "jieba-0.42.1.tar.gz"), ("seqeval", "seqeval-1.2.2.tar.gz"), ("zhconv", "zhconv-1.4.3.tar.gz") })
        {
            var p = section.Find(name)!;
            Assert.True(p.BuildFromSource);
            Assert.Equal(file, p.FileName);
            Assert.EndsWith("/" + file, p.Url);
            Assert.Equal(64, p.Sha256.Length);
        }
        Assert.False(section.Find("modelscope")!.BuildFromSource);
        Assert.Contains(section.Find("seqeval")!.Dependencies, d => d.Name == "tiny-dep");
        Assert.Contains(log.Messages, m => m.StartsWith("Built jieba-0.42.1-", StringComparison.Ordinal));
        var (code, output) = RestoreFixture.Exec(result.EnvironmentPython!, "-c",
            "import modelscope, jieba, seqeval, zhconv; print(jieba.cut('a b'), seqeval.SCORE, zhconv.convert('x', 'zh-cn'))");
        Assert.True(code == 0, output);
        Assert.Equal("['a', 'b'] 7 x", output.Trim());
        AssertPipCheck(result);
        Assert.True(Directory.EnumerateFiles(Path.Combine(Path.GetDirectoryName(request.EnvironmentDirectory)!, "build-logs")).Any());

        // A second build is a no-op.
        var (again, againLog) = Run(request);
        Assert.True(again.Success, againLog.All);
        Assert.True(again.NoOp);

        // Another project with the same cache reuses the built wheels.
        var (other, otherLog) = Run(_world.Request("modelscope-again", new PackageItem("modelscope", Extras: "nlp")) with { SourceBuildPackages = ["jieba", "seqeval", "zhconv"] });
        Assert.True(other.Success, otherLog.All);
        Assert.DoesNotContain(otherLog.Messages, m => m.StartsWith("Built ", StringComparison.Ordinal));
        Assert.Equal(3, otherLog.Messages.Count(m => m.StartsWith("Using the cached build ", StringComparison.Ordinal)));

        // Locked mode in a fresh checkout (no venv, same cache) rebuilds nothing: the cached builds serve.
        Directory.Delete(request.EnvironmentDirectory, recursive: true);
        var (locked, lockedLog) = Run(request with { LockedMode = true });
        Assert.True(locked.Success, lockedLog.All);
        Assert.DoesNotContain(lockedLog.Messages, m => m.StartsWith("Built ", StringComparison.Ordinal));
        Assert.Contains(lockedLog.Messages, m => m.StartsWith("Using the cached build jieba-0.42.1-", StringComparison.Ordinal));
        AssertPipCheck(locked);

        // Offline, with the built wheels gone from the cache: rebuilt from the cached sdists, build environments from the cache.
        Directory.Delete(request.EnvironmentDirectory, recursive: true);
        Directory.Delete(Path.Combine(_world.Cache, SdistBuilder.WheelBucket), recursive: true);
        var (offline, offlineLog) = Run(request with { LockedMode = true, Offline = true });
        Assert.True(offline.Success, offlineLog.All);
        Assert.Contains(offlineLog.Messages, m => m.StartsWith("Built jieba-0.42.1-", StringComparison.Ordinal));
        AssertPipCheck(offline);
    }

    [Fact]
    public void BuildSettings_reach_the_backend_as_config_settings()
    {
        var request = _world.Request("settings", new PackageItem("settingspkg") { AllowSourceBuild = true, BuildSettings = "mode=fast; level=3" });

        var (result, log) = Run(request);

        Assert.True(result.Success, log.All);
        var (code, output) = RestoreFixture.Exec(result.EnvironmentPython!, "-c", "import settingspkg; print(settingspkg.SETTINGS)");
        Assert.True(code == 0, output);
        Assert.Equal("[('level', '3'), ('mode', 'fast')]", output.Trim());
    }

    [Fact]
    public void Backends_c_extensions_and_dynamic_metadata_build_and_import()
    {
        var request = _world.Request("backends", new PackageItem("cext"), new PackageItem("dynmeta"), new PackageItem("staticmeta"), new PackageItem("hatchpkg"))
            with { AllowSourceBuilds = true };

        var (result, log) = Run(request);

        Assert.True(result.Success, log.All);
        var section = LockFileReader.TryRead(request.LockFilePath)!.Environments.Single();
        // Dynamic Requires-Dist came from the backend (prepare_metadata_for_build_wheel); static PKG-INFO 2.2 was read as is.
        Assert.Contains(section.Find("dynmeta")!.Dependencies, d => d.Name == "tiny-dep");
        Assert.Contains(log.Messages, m => m.Contains("backend of dynmeta-1.0.tar.gz", StringComparison.Ordinal));
        Assert.DoesNotContain(log.Messages, m => m.Contains("backend of staticmeta-1.0.tar.gz", StringComparison.Ordinal));
        Assert.Contains(section.Find("staticmeta")!.Dependencies, d => d.Name == "tiny-dep");
        var (code, output) = RestoreFixture.Exec(result.EnvironmentPython!, "-c",
            "import cext, dynmeta, staticmeta, hatchpkg, glob, os; print(cext.answer(), hatchpkg.BACKEND, bool(glob.glob(os.path.join(os.path.dirname(cext.__file__), '_speed*.so'))))");
        Assert.True(code == 0, output);
        Assert.Equal("42 hatchling True", output.Trim());
        AssertPipCheck(result);
        Assert.Contains("cp311-cp311-linux_x86_64", Directory.EnumerateFiles(Path.Combine(_world.Cache, SdistBuilder.WheelBucket), "cext-*.whl", SearchOption.AllDirectories).Single());
    }

    [Fact]
    public void Without_permission_one_error_lists_every_sdist_only_package_and_the_property()
    {
        var request = _world.Request("refused", new PackageItem("modelscope", Extras: "nlp")) with { SourceBuildPackages = ["zhconv"] };

        var (result, log) = Run(request);

        Assert.False(result.Success);
        var (code, message) = Assert.Single(log.Errors);
        Assert.Equal(DiagnosticCodes.Inputs.SourceBuildUnsupported, code);
        Assert.Contains("jieba 0.42.1 (jieba-0.42.1.tar.gz), seqeval 1.2.2 (seqeval-1.2.2.tar.gz)", message);
        Assert.DoesNotContain("zhconv 1.4.3", message);
        Assert.Contains("<PythonSourceBuildPackages>jieba;seqeval</PythonSourceBuildPackages>", message);
        Assert.Contains("PythonAllowSourceBuilds=true", message);
        Assert.False(File.Exists(request.LockFilePath));
    }

    [Fact]
    public void An_item_may_allow_its_own_build()
    {
        var request = _world.Request("item-allowed", new PackageItem("jieba") { AllowSourceBuild = true }) with { LockOnly = true };

        var (result, log) = Run(request);

        Assert.True(result.Success, log.All);
        Assert.True(LockFileReader.TryRead(request.LockFilePath)!.Environments.Single().Find("jieba")!.BuildFromSource);
    }

    [Fact]
    public void A_failed_build_names_the_package_shows_the_last_lines_and_keeps_the_log()
    {
        var request = _world.Request("failing", new PackageItem("failing")) with { AllowSourceBuilds = true };
        // As MSBuild passes it: with a trailing separator (the logs still go beside the venv, not into it).
        request = request with { EnvironmentDirectory = request.EnvironmentDirectory + Path.DirectorySeparatorChar };

        var (result, log) = Run(request);

        Assert.False(result.Success);
        var (code, message) = Assert.Single(log.Errors);
        Assert.Equal(DiagnosticCodes.SourceBuild.BuildFailed, code);
        // The legacy backend runs setup.py already for get_requires_for_build_wheel.
        Assert.Contains("Building failing 1.0 from failing-1.0.tar.gz failed in get_requires_for_build_wheel of setuptools.build_meta:__legacy__ (exit code 1)", message);
        Assert.Contains("RuntimeError: frobnicator.h: No such file or directory", message);
        Assert.Contains("compiling frobnicator step 39", message);
        Assert.DoesNotContain("compiling frobnicator step 5\n", message);
        var logPath = Path.Combine(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(request.EnvironmentDirectory))!, "build-logs", "failing-1.0.log");
        Assert.Contains(logPath, message);
        Assert.Contains("compiling frobnicator step 0", File.ReadAllText(logPath));
        Assert.False(Directory.Exists(request.EnvironmentDirectory));
    }

    [Fact]
    public void BuildRequires_torch_builds_against_the_locked_torch_with_the_gpu_arch_list()
    {
        var request = _world.Request("torch-build", new PackageItem("torch", "2.4.0", Cuda: "cu121"), new PackageItem("torchext") { BuildRequires = "torch", AllowSourceBuild = true });

        var (result, log) = Run(request, _ => GpuDetector.Describe("535.104.05", "8.6;7.5"));

        Assert.True(result.Success, log.All);
        var (code, output) = RestoreFixture.Exec(result.EnvironmentPython!, "-c", "import torchext; print(torchext.TORCH, torchext.ARCH, torchext.JOBS)");
        Assert.True(code == 0, output);
        Assert.Equal($"2.4.0+cu121 8.6;7.5 {Environment.ProcessorCount}", output.Trim());
    }
}
