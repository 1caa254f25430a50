using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Restore;

namespace LlmPython.Resolver.Tests.Restore;

/// <summary>What the user sees when the backend they name has no torch that fits.</summary>
public class GpuExplicitBackendFailureTests : IClassFixture<GpuIndexFixture>
{
    private readonly GpuIndexFixture _index;

    public GpuExplicitBackendFailureTests(GpuIndexFixture index) { _index = index; }

    [Fact]
    public void Explicit_backend_without_the_pinned_torch_fails_naming_torch_and_the_backend_builds_and_never_uses_the_decoy()
    {
        var request = _index.Request("explicit-missing", new PackageItem("torch", "2.8.0", Cuda: "cu121"), new PackageItem("accelerate"))
            with { LockOnly = true, TargetCudaDriver = "535.104.05", TargetComputeCapability = "8.6" };
        var log = new RecordingRestoreLog();
        var result = new RestoreEngine(log).Run(request);

        Assert.False(result.Success);
        var error = Assert.Single(log.Errors);
        Assert.Equal(DiagnosticCodes.Resolution.NoMatchingVersion, error.Code);
        Assert.Contains("'torch'", error.Message);
        // Only the cu121 index was asked: the versions it lists are the cu121 builds.
        Assert.Contains("versions seen: 2.5.1+cu121 (does not match '==2.8.0'); 2.4.0+cu121", error.Message);
        Assert.False(File.Exists(request.LockFilePath));
        // The decoy torch on /simple/ was never even looked at.
        Assert.DoesNotContain(_index.Server.Requests, r => r.Path == "/simple/torch/");
    }
}
