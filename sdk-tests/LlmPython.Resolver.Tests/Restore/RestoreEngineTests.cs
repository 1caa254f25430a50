using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Locking;
using LlmPython.Resolver.Restore;
using LlmPython.TestSupport;

namespace LlmPython.Resolver.Tests.Restore;

/// <summary>The whole engine against a local index: resolve, lock, build the venv, no-op, locked mode.</summary>
public class RestoreEngineTests
{
    private static readonly string BasePython = Path.Combine(
        Environment.GetEnvironmentVariable("PYENV_ROOT") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".pyenv"),
        "versions", "3.11.7", "bin", "python3");

    [Fact]
    public void Resolves_locks_and_builds_a_working_environment_then_does_nothing_the_second_time()
    {
        using var f = new RestoreFixture();
        f.PublishHelloStack();
        var request = f.Request(new PackageItem("hello-llm"));

        var (result, log) = f.Run(request);
        Assert.True(result.Success, log.All);
        Assert.False(result.NoOp);
        Assert.Equal(["hello-llm 0.3.0", "tiny-tokenizer 1.0.0"], result.Packages.Select(p => $"{p.Name} {p.Version}").Order());

        var lockText = File.ReadAllText(f.LockPath);
        var lockFile = LockFileReader.Parse(lockText);
        var section = Assert.Single(lockFile.Environments);
        Assert.StartsWith("cp311-linux-", section.Name);
        Assert.True(section.Find("hello-llm")!.Requested);
        Assert.False(section.Find("tiny-tokenizer")!.Requested);
        Assert.Equal("tiny-tokenizer", Assert.Single(section.Find("hello-llm")!.Dependencies).Name);
        Assert.DoesNotContain(f.Root, lockText);

        // The real interpreter accepts the environment.
        var (code, output) = RestoreFixture.Exec(Path.Combine(f.VenvDir, "bin", "hello-llm"));
        Assert.True(code == 0, output);
        Assert.Contains("tokens: 3", output);
        (code, output) = RestoreFixture.Exec(BasePython, "-m", "pip", "--python", f.VenvPython, "check");
        Assert.True(code == 0, output);
        Assert.Equal(result.EnvironmentPython, f.VenvPython);

        // Second run: no resolution, no network, no writes.
        f.Server.ResetCounts();
        var lockWritten = File.GetLastWriteTimeUtc(f.LockPath);
        var (again, log2) = f.Run(request);
        Assert.True(again.Success, log2.All);
        Assert.True(again.NoOp, log2.All);
        Assert.Empty(f.Server.Requests);
        Assert.Equal(lockWritten, File.GetLastWriteTimeUtc(f.LockPath));
        Assert.Contains(log2.Messages, m => m.Contains("up-to-date", StringComparison.Ordinal));
    }

    [Fact]
    public void Same_inputs_give_a_byte_identical_lockfile_from_a_fresh_cache()
    {
        using var f = new RestoreFixture();
        f.PublishHelloStack();
        var request = f.Request(new PackageItem("hello-llm"));
        Assert.True(f.Run(request with { LockOnly = true }).Result.Success);
        var first = File.ReadAllBytes(f.LockPath);
        File.Delete(f.LockPath);
        Directory.Delete(f.Cache, recursive: true);
        Assert.True(f.Run(request with { LockOnly = true }).Result.Success);
        Assert.Equal(first, File.ReadAllBytes(f.LockPath));
    }

    [Fact]
    public void Locked_mode_fails_with_a_code_when_the_items_changed_and_keeps_the_lock()
    {
        using var f = new RestoreFixture();
        f.PublishHelloStack();
        Assert.True(f.Run(f.Request(new PackageItem("hello-llm"))).Result.Success);
        var before = File.ReadAllBytes(f.LockPath);

        var (result, log) = f.Run(f.Request(new PackageItem("hello-llm"), new PackageItem("tiny-tokenizer", "1.0.0")) with { LockedMode = true });
        Assert.False(result.Success);
        Assert.Equal(DiagnosticCodes.Lock.OutOfDateInLockedMode, Assert.Single(log.Errors).Code);
        Assert.Equal(before, File.ReadAllBytes(f.LockPath));
    }

    [Fact]
    public void A_current_lock_is_installed_without_resolving()
    {
        using var f = new RestoreFixture();
        // Newer tiny-tokenizer 1.x appears on the index after locking: the lock still decides.
        var request = f.LockHelloStackThenPublishNewerTokenizer();
        var (result, log) = f.Run(request with { LockedMode = true });
        Assert.True(result.Success, log.All);
        Assert.Contains(result.Packages, p => p.Name == "tiny-tokenizer" && p.Version == "1.0.0");
        Assert.DoesNotContain(f.Server.Requests, r => r.Path.StartsWith("/simple/", StringComparison.Ordinal));
    }

    [Fact]
    public void Update_packages_re_resolves_the_named_package_only()
    {
        using var f = new RestoreFixture();
        f.PublishHelloStack();
        var request = f.Request(new PackageItem("hello-llm"));
        Assert.True(f.Run(request).Result.Success);
        f.Publish(new WheelBuilder("tiny-tokenizer", "1.5.0").AddFile("tiny_tokenizer/__init__.py", "def split(s):\n    return s.split()\n"));
        var (result, log) = f.Run(request with { UpdatePackages = ["tiny-tokenizer"] });
        Assert.True(result.Success, log.All);
        Assert.Contains(result.Packages, p => p.Name == "tiny-tokenizer" && p.Version == "1.5.0");
    }

    [Fact]
    public void Unknown_package_fails_with_a_code_and_leaves_the_previous_environment()
    {
        using var f = new RestoreFixture();
        f.PublishHelloStack();
        Assert.True(f.Run(f.Request(new PackageItem("hello-llm"))).Result.Success);
        var (result, log) = f.Run(f.Request(new PackageItem("hello-llm"), new PackageItem("no-such-package")));
        Assert.False(result.Success);
        var error = Assert.Single(log.Errors);
        Assert.Equal("LLMPY0401", error.Code);
        Assert.Contains("no-such-package", error.Message);
        var (code, output) = RestoreFixture.Exec(Path.Combine(f.VenvDir, "bin", "hello-llm"));
        Assert.True(code == 0, output);
    }

    [Fact]
    public void Bad_item_metadata_is_rejected_with_its_code()
    {
        using var f = new RestoreFixture();
        var (result, log) = f.Run(f.Request(new PackageItem("torch", ">=>2")));
        Assert.False(result.Success);
        Assert.Equal(DiagnosticCodes.Standards.InvalidSpecifier, Assert.Single(log.Errors).Code);
        (result, log) = f.Run(f.Request(new PackageItem("torch", Cuda: "cuda11")));
        Assert.Equal(DiagnosticCodes.Inputs.UnknownBackend, Assert.Single(log.Errors).Code);
        (result, log) = f.Run(f.Request(new PackageItem("torch", Index: "corp")));
        Assert.Equal(DiagnosticCodes.Inputs.UnknownIndexName, Assert.Single(log.Errors).Code);
    }
}
