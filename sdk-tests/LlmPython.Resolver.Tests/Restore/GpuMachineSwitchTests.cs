using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Locking;
using LlmPython.Resolver.Restore;

namespace LlmPython.Resolver.Tests.Restore;

/// <summary>
/// One project restored for two described machines: each gets its own lock section (cp311-linux-x86_64-&lt;backend&gt;),
/// the first section stays, and going back to a machine whose section is locked reuses it without asking the indexes.
/// </summary>
public class GpuMachineSwitchTests : IClassFixture<GpuIndexFixture>
{
    private readonly GpuIndexFixture _index;

    public GpuMachineSwitchTests(GpuIndexFixture index) { _index = index; }

    [Fact]
    public void Each_machine_gets_its_own_section_and_a_locked_one_is_reused_offline()
    {
        var request = _index.Request("switch", new PackageItem("torch", "2.4.0"), new PackageItem("torchvision"), new PackageItem("accelerate"))
            with { LockOnly = true };
        var ampere = request with { TargetCudaDriver = "470.82.01", TargetComputeCapability = "8.6" };
        var ada = request with { TargetCudaDriver = "550.54.15", TargetComputeCapability = "8.9" };

        // Ada first (cu124), then an Ampere whose 470 driver is below cu124's floor: it needs a cu118 section of its own.
        var (first, log1) = Run(ada);
        Assert.True(first.Success, log1.All);
        var (second, log2) = Run(ampere);
        Assert.True(second.Success, log2.All);
        Assert.Empty(log2.Warnings);
        // The lock had no cu118 section, so the choice went on to the indexes: still one decision, logged once.
        Assert.Single(log2.Messages, m => m.StartsWith("PyTorch backend: ", StringComparison.Ordinal));
        Assert.Contains(log2.Messages, m => m.StartsWith("PyTorch backend: cu118 (", StringComparison.Ordinal));

        var lockFile = LockFileReader.Parse(File.ReadAllText(request.LockFilePath));
        Assert.Equal(["cp311-linux-x86_64-cu118", "cp311-linux-x86_64-cu124"], lockFile.Environments.Select(e => e.Name));
        Assert.Equal("0.19.0+cu118", lockFile.FindEnvironment("cp311-linux-x86_64-cu118")!.Find("torchvision")!.Version);
        Assert.Equal("0.19.0+cu124", lockFile.FindEnvironment("cp311-linux-x86_64-cu124")!.Find("torchvision")!.Version);

        // Back on the first machine, offline: the backend is chosen from the lock and its section installed as locked.
        _index.Server.ResetCounts();
        var (again, log3) = Run(ampere with { Offline = true, LockedMode = true });
        Assert.True(again.Success, log3.All);
        Assert.Empty(_index.Server.Requests);
        Assert.Contains(again.Packages, p => p.Name == "torch" && p.Version == "2.4.0+cu118");
        Assert.Single(log3.Messages, m => m.StartsWith("PyTorch backend: cu118 (", StringComparison.Ordinal));
        (again, log3) = Run(ada with { Offline = true, LockedMode = true });
        Assert.True(again.Success, log3.All);
        Assert.Contains(again.Packages, p => p.Name == "torchvision" && p.Version == "0.19.0+cu124");
        Assert.Empty(_index.Server.Requests);

        // A machine with no section in locked mode fails with the lock's code and names the missing section.
        var (missing, log4) = Run(request with { TargetCudaDriver = "none", LockedMode = true });
        Assert.False(missing.Success);
        var error = Assert.Single(log4.Errors);
        Assert.Equal(DiagnosticCodes.Lock.MissingInLockedMode, error.Code);
        Assert.Contains("cp311-linux-x86_64-cpu", error.Message);
    }

    [Fact]
    public void Same_machine_is_a_no_op_and_another_machine_rebuilds_the_environment_with_its_backend()
    {
        var request = _index.Request("switch-venv", new PackageItem("torch", "2.4.0"), new PackageItem("torchvision"));
        var ampere = request with { TargetCudaDriver = "470.82.01", TargetComputeCapability = "8.6" };
        Assert.True(Run(ampere).Result.Success);
        Assert.Equal("2.4.0+cu118 0.19.0+cu118", ImportedVersions(request));

        _index.Server.ResetCounts();
        var (same, log) = Run(ampere);
        Assert.True(same.NoOp, log.All);
        Assert.Empty(_index.Server.Requests);

        // The machine is part of the no-op check: on a machine without GPU the cu118 environment must not stay.
        var (other, log2) = Run(request with { TargetCudaDriver = "none" });
        Assert.True(other.Success, log2.All);
        Assert.False(other.NoOp);
        Assert.Equal("2.4.0+cpu 0.19.0+cpu", ImportedVersions(request));
    }

    private static string ImportedVersions(RestoreRequest request)
    {
        var python = Path.Combine(request.EnvironmentDirectory, "bin", "python");
        var (code, output) = RestoreFixture.Exec(python, "-c", "import torch, torchvision; print(torch.__version__, torchvision.__version__)");
        Assert.True(code == 0, output);
        return output.Trim();
    }

    private static (RestoreResult Result, RecordingRestoreLog Log) Run(RestoreRequest request)
    {
        var log = new RecordingRestoreLog();
        return (new RestoreEngine(log).Run(request), log);
    }
}

