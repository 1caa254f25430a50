using LlmPython.Resolver.Restore;
using LlmPython.TestSupport;

namespace LlmPython.Resolver.Tests.Restore;

/// <summary>
/// The build phase (<see cref="RestoreRequest.FromLockFileOnly"/>): materializes from the lock as restored, never
/// resolves nor asks an index, and says "run dotnet restore" (LLMPY0640) when the lock is missing, stale or lacks this machine.
/// </summary>
public class FromLockFileOnlyTests : IClassFixture<GpuIndexFixture>
{
    private readonly GpuIndexFixture _gpuIndex;

    public FromLockFileOnlyTests(GpuIndexFixture gpuIndex) { _gpuIndex = gpuIndex; }

    [Fact]
    public void A_current_lock_is_materialized_without_asking_the_index_and_update_packages_is_ignored()
    {
        using var f = new RestoreFixture();
        // Newer tiny-tokenizer 1.x appears on the index after locking: the lock still decides.
        var request = f.LockHelloStackThenPublishNewerTokenizer();

        var (result, log) = f.Run(request with { FromLockFileOnly = true, UpdatePackages = ["tiny-tokenizer"] });

        Assert.True(result.Success, log.All);
        Assert.Contains(result.Packages, p => p.Name == "tiny-tokenizer" && p.Version == "1.0.0");
        Assert.True(File.Exists(f.VenvPython));
        Assert.DoesNotContain(f.Server.Requests, r => r.Path.StartsWith("/simple/", StringComparison.Ordinal));
    }

    [Fact]
    public void No_lock_is_an_error_that_says_to_restore_and_nothing_is_resolved()
    {
        using var f = new RestoreFixture();
        f.PublishHelloStack();

        var (result, log) = f.Run(f.Request(new PackageItem("hello-llm")) with { FromLockFileOnly = true });

        Assert.False(result.Success);
        var error = Assert.Single(log.Errors);
        Assert.Equal("LLMPY0640", error.Code);
        Assert.Contains("there is no lockfile", error.Message);
        Assert.Contains("dotnet restore", error.Message);
        Assert.False(File.Exists(f.LockPath));
        Assert.Empty(f.Server.Requests);
    }

    [Fact]
    public void A_stale_lock_is_an_error_and_stays_as_it_was()
    {
        using var f = new RestoreFixture();
        f.PublishHelloStack();
        Assert.True(f.Run(f.Request(new PackageItem("hello-llm"))).Result.Success);
        var before = File.ReadAllBytes(f.LockPath);
        f.Server.ResetCounts();

        var (result, log) = f.Run(f.Request(new PackageItem("hello-llm"), new PackageItem("tiny-tokenizer", "1.0.0")) with { FromLockFileOnly = true });

        Assert.False(result.Success);
        var error = Assert.Single(log.Errors);
        Assert.Equal("LLMPY0640", error.Code);
        Assert.Contains("changed since the last restore", error.Message);
        Assert.Equal(before, File.ReadAllBytes(f.LockPath));
        Assert.Empty(f.Server.Requests);
    }

    [Fact]
    public void A_machine_without_a_section_is_an_error_naming_it_without_probing_the_backend_indexes()
    {
        var request = _gpuIndex.Request("from-lock", new PackageItem("torch", "2.4.0")) with { LockOnly = true };
        var ada = request with { TargetCudaDriver = "550.54.15", TargetComputeCapability = "8.9" };
        var (locked, lockLog) = Run(ada);
        Assert.True(locked.Success, lockLog.All);
        _gpuIndex.Server.ResetCounts();

        var (result, log) = Run(request with { LockOnly = false, FromLockFileOnly = true, TargetCudaDriver = "none" });

        Assert.False(result.Success);
        var error = Assert.Single(log.Errors);
        Assert.Equal("LLMPY0640", error.Code);
        Assert.Contains("cp311-linux-x86_64-cpu", error.Message);
        Assert.Empty(_gpuIndex.Server.Requests);
    }

    private static (RestoreResult Result, RecordingRestoreLog Log) Run(RestoreRequest request)
    {
        var log = new RecordingRestoreLog();
        return (new RestoreEngine(log).Run(request), log);
    }
}
