using LlmPython.Resolver.Accelerators;
using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Restore;

namespace LlmPython.Resolver.Tests.Accelerators;

/// <summary>
/// The backend policy over described machines × torch requests, with fake backend indexes
/// (<see cref="FakeTorchIndexes"/>) answering which torch versions each one has.
/// </summary>
public class BackendSelectorMatrixTests
{
    public sealed record Machine(string Description, string Platform, string? Driver, string? Capabilities,
        string[]? Gfx = null, bool Xpu = false)
    {
        public GpuInfo Gpu()
        {
            var info = Driver is null && Capabilities is null ? GpuInfo.None : GpuDetector.Describe(Driver, Capabilities);
            return info with { AmdArchitectures = Gfx ?? [], AmdSource = Gfx is null ? null : "test", HasIntelXpu = Xpu, IntelSource = Xpu ? "test" : null };
        }

        public override string ToString() => Description;
    }

    private const string Linux = AcceleratorPlatform.LinuxX64;
    private const string Windows = AcceleratorPlatform.WindowsX64;

    /// <summary>Machine, Cuda value, torch request, expected backend, expected warning code (or null).</summary>
    public static TheoryData<Machine, string, string, string, string?> Matrix => new()
    {
        { new("no GPU", Linux, null, null), "auto", "2.8.0", "cpu", null },
        { new("described none", Linux, "none", null), "auto", "*", "cpu", null },
        { new("driver 450 Turing", Linux, "450.80.02", "7.5"), "auto", "2.4.0", "cu118", null },
        { new("driver 470 Ampere", Linux, "470.82.01", "8.6"), "auto", "2.5.1", "cu118", null },
        { new("driver 520 Ampere", Linux, "520.61.05", "8.6"), "auto", "2.4.0", "cu118", null },
        { new("driver 535 Ampere", Linux, "535.104.05", "8.6"), "auto", "2.4.0", "cu124", null },
        { new("driver 535 Ampere, any torch", Linux, "535.104.05", "8.6"), "auto", "*", "cu129", null },
        { new("driver 525.60.13 exactly, Ada", Linux, "525.60.13", "8.9"), "auto", "2.6.0", "cu126", null },
        { new("driver 550 Hopper", Linux, "550.54.14", "9.0"), "auto", "2.6.0", "cu126", null },
        { new("driver 570 Pascal", Linux, "570.124.06", "6.1"), "auto", "2.8.0", "cu126", null },
        { new("driver 580 Pascal", Linux, "580.65.06", "6.1"), "auto", "2.9.0", "cu126", null },
        { new("driver 570 Blackwell", Linux, "570.124.06", "12.0"), "auto", "2.8.0", "cu129", null },
        { new("driver 580 Blackwell", Linux, "580.65.06", "12.0"), "auto", ">=2.9", "cu132", null },
        { new("driver 580 Blackwell, torch 2.9", Linux, "580.65.06", "12.0"), "auto", "2.9.0", "cu130", null },
        { new("Blackwell, torch 2.7.1: cu126 has only unconfirmed PTX", Linux, "570.124.06", "12.0"), "auto", "2.7.1", "cu128", null },
        { new("driver 570 Blackwell, old torch", Linux, "570.124.06", "12.0"), "auto", "2.4.0", "cpu", DiagnosticCodes.Accelerators.FallbackToCpu },
        { new("mixed Ampere + Pascal", Linux, "570.124.06", "8.6;6.1"), "auto", "2.8.0", "cu126", null },
        { new("mixed Blackwell + Pascal", Linux, "570.124.06", "12.0;6.1"), "auto", "2.8.0", "cpu", DiagnosticCodes.Accelerators.FallbackToCpu },
        { new("pinned torch only cu118/cu126/cu128 have", Linux, "570.124.06", "8.6"), "auto", "2.7.1", "cu128", null },
        { new("Pascal, torch >=2.7: newest torch on cu128 lacks sm_61", Linux, "570.124.06", "6.1"), "auto", ">=2.7", "cu126", null },
        { new("driver 418 Volta: no index has torch 2.4", Linux, "418.39", "7.0"), "auto", "2.4.0", "cpu", DiagnosticCodes.Accelerators.FallbackToCpu },
        { new("driver 384 only", Linux, "384.81", "6.1"), "auto", "2.4.0", "cpu", DiagnosticCodes.Accelerators.FallbackToCpu },
        { new("Windows 537.13 Ampere", Windows, "537.13", "8.6"), "auto", "2.5.1", "cu124", null },
        { new("Windows 522.06 Ampere", Windows, "522.06", "8.6"), "auto", "2.5.1", "cu118", null },
        { new("Windows file version 31.0.15.2756 = 527.56", Windows, "31.0.15.2756", "8.6"), "auto", "2.4.0", "cu118", null },
        { new("driver only, no capability", Linux, "535.104.05", null), "auto", "2.6.0", "cu126", null },
        { new("capability only, no driver", Linux, null, "8.6"), "auto", "2.8.0", "cu129", null },
        { new("aarch64 Hopper", AcceleratorPlatform.LinuxArm64, "550.54.14", "9.0"), "auto", "2.5.1", "cu124", null },
        { new("AMD MI200", Linux, null, null, ["gfx90a"]), "auto", "2.8.0", "rocm6.4", null },
        { new("AMD RDNA4 with torch 2.5.1", Linux, null, null, ["gfx1201"]), "auto", "2.5.1", "cpu", DiagnosticCodes.Accelerators.FallbackToCpu },
        { new("AMD on Windows", Windows, null, null, ["gfx1100"]), "auto", "2.8.0", "cpu", DiagnosticCodes.Accelerators.FallbackToCpu },
        { new("Intel Arc", Linux, null, null, null, Xpu: true), "auto", "2.8.0", "xpu", null },
        { new("explicit cu118 without GPU", Linux, null, null), "cu118", "2.4.0", "cu118", null },
        { new("explicit cpu with GPU", Linux, "570.124.06", "8.6"), "cpu", "2.8.0", "cpu", null },
        { new("explicit cu128 on driver 470", Linux, "470.82.01", "8.6"), "cu128", "2.8.0", "cu128", DiagnosticCodes.Accelerators.ExplicitBackendDriverTooOld },
        { new("explicit cu126 on Blackwell", Linux, "570.124.06", "12.0"), "cu126", "2.8.0", "cu126", DiagnosticCodes.Accelerators.ExplicitBackendLacksArchitecture },
        { new("explicit rocm6.2 on RDNA4", Linux, null, null, ["gfx1201"]), "rocm6.2", "2.5.1", "rocm6.2", DiagnosticCodes.Accelerators.ExplicitBackendLacksRocmArchitecture },
        { new("explicit xpu without GPU", Linux, null, null), "XPU", "2.8.0", "xpu", null },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task ChoosesTheExpectedBackend(Machine machine, string cuda, string torch, string expected, string? warning)
    {
        var indexes = new FakeTorchIndexes();
        var decision = await new BackendSelector().SelectAsync(new BackendRequest
        {
            Requested = cuda,
            Gpu = machine.Gpu(),
            Platform = machine.Platform,
            PyTorchIndexUrl = "http://127.0.0.1:9/whl/",
            TorchVersion = torch.StartsWith('2') ? torch : null,
            TorchVersionsOnIndex = indexes.VersionsMatching(torch),
        });

        Assert.Equal(expected, decision.Backend);
        Assert.Equal($"http://127.0.0.1:9/whl/{expected}/", decision.IndexUrl);
        Assert.Equal(warning, decision.Warnings.SingleOrDefault()?.Code);
        Assert.Contains($"PyTorch backend {expected} from http://127.0.0.1:9/whl/{expected}/", decision.Explanation);
        Assert.DoesNotContain('\n', decision.Explanation);
        Assert.Single(decision.Candidates, c => c.Verdict == CandidateVerdict.Chosen);
        Assert.Equal(expected, decision.Candidates.Single(c => c.Verdict == CandidateVerdict.Chosen).Backend);
        Assert.Equal(cuda.ToLowerInvariant() != "auto", decision.IsExplicit);
    }

    [Fact]
    public async Task BlackwellWithOldTorchWarnsNamingTheArchitectureAndTheReason()
    {
        var decision = await Select(new Machine("", Linux, "570.124.06", "12.0"), "2.4.0");
        var warning = Assert.Single(decision.Warnings);
        Assert.Contains("sm_120 needs cu128 or newer", warning.Message);
        Assert.Contains("torch 2.4.0 has no such build", warning.Message);
        Assert.Contains("torch:", warning.Message);
        Assert.Contains("Cuda=\"cpu\"", warning.Message);
        Assert.Contains(decision.Candidates, c => c.Backend == "cu124" && c.Verdict == CandidateVerdict.Dropped && c.Reason.Contains("no kernel for sm_120"));
        Assert.Contains(decision.Candidates, c => c.Backend == "cu128" && c.Reason.Contains("no torch that satisfies"));
        Assert.Contains("no matching torch on the cu129, cu128, cu126", warning.Message);
    }

    [Fact]
    public async Task PascalCandidateListSaysWhyNewerBackendsWereDropped()
    {
        var indexes = new FakeTorchIndexes();
        var decision = await Select(new Machine("", Linux, "570.124.06", "6.1"), "2.8.0", indexes);
        Assert.Equal("cu126", decision.Backend);
        var reasons = decision.Candidates.ToDictionary(c => c.Backend);
        Assert.Contains("needs NVIDIA driver >= 580", reasons["cu132"].Reason);
        Assert.Contains("torch 2.8.0 cu129 wheels have no kernel for sm_61", reasons["cu129"].Reason);
        Assert.Contains("torch 2.8.0 cu128 wheels have no kernel for sm_61", reasons["cu128"].Reason);
        Assert.Equal(CandidateVerdict.NotNeeded, reasons["cu124"].Verdict);
        Assert.Equal(CandidateVerdict.NotNeeded, reasons["cu102"].Verdict);
        Assert.Contains("skipped: cu129: torch 2.8.0 cu129 wheels have no kernel for sm_61", decision.Explanation);
        Assert.Equal(["cu129", "cu128", "cu126"], indexes.Asked); // the driver-dropped and later backends are never asked
    }

    [Fact]
    public async Task PascalWithOpenRequestGetsTheNewestTorchItsBackendRuns()
    {
        var decision = await new BackendSelector().SelectAsync(new BackendRequest
        {
            Gpu = GpuDetector.Describe("580.65.06", "6.1"),
            Platform = Linux,
            TorchVersionsOnIndex = new FakeTorchIndexes().VersionsMatching(">=2.7"),
        });
        Assert.Equal("cu126", decision.Backend);
        Assert.Equal("2.9.0", decision.TorchVersion);
        Assert.Contains("nor do the 2 older matching torch versions", decision.Candidates.Single(c => c.Backend == "cu128").Reason);
    }

    [Fact]
    public async Task AmdOnWindowsFallsBackSayingRocmIsLinuxOnly()
    {
        var decision = await Select(new Machine("", Windows, null, null, ["gfx1100"]), "2.8.0");
        Assert.Equal("cpu", decision.Backend);
        Assert.Contains("rocm: ROCm wheels are Linux-only", Assert.Single(decision.Warnings).Message);
    }

    [Fact]
    public async Task AncientDriverFallbackSaysTheDriverIsTooOld()
    {
        var decision = await Select(new Machine("", Linux, "367.48", "6.1"), "2.4.0");
        Assert.Equal("cpu", decision.Backend);
        Assert.Contains("NVIDIA driver 367.48 is older than every CUDA backend needs (the oldest, cu80, needs NVIDIA driver >= 375.26", Assert.Single(decision.Warnings).Message);
    }

    [Fact]
    public async Task MixedGpusFallbackNamesEveryArchitectureProblem()
    {
        var decision = await Select(new Machine("", Linux, "570.124.06", "12.0;6.1"), "2.8.0");
        var message = Assert.Single(decision.Warnings).Message;
        Assert.Contains("sm_120 needs cu128 or newer", message);
        Assert.Contains("sm_61 is only in cu116..cu126 builds", message);
    }

    [Fact]
    public async Task BooleanCallbackUsesThePinnedVersionForTheArchitectureCheck()
    {
        var indexes = new FakeTorchIndexes();
        var decision = await new BackendSelector().SelectAsync(new BackendRequest
        {
            Gpu = GpuDetector.Describe("570.124.06", "6.1"),
            Platform = Linux,
            TorchVersion = "2.8.0",
            IndexCanSatisfy = indexes.CanSatisfy("2.8.0"),
        });
        Assert.Equal("cu126", decision.Backend);
        Assert.Equal(["cu126"], indexes.Asked); // cu129/cu128 fail the architecture check before any index is asked
    }

    [Fact]
    public async Task WithoutCallbacksTheReleaseTableSaysWhichBackendsExist()
    {
        var decision = await new BackendSelector().SelectAsync(new BackendRequest
        {
            Gpu = GpuDetector.Describe("535.104.05", "8.6"),
            Platform = Linux,
            TorchVersion = "2.4.0",
        });
        Assert.Equal("cu124", decision.Backend);
        Assert.Contains("not published for cu126 (torch-variants.tsv)", decision.Candidates.Single(c => c.Backend == "cu126").Reason);
    }

    [Fact]
    public async Task LibcudaCudaVersionStandsInForAnUnknownDriverNumber()
    {
        var gpu = new GpuInfo { CudaDriverApiVersion = new Version(12, 4), ComputeCapabilities = [new(8, 6)], ComputeCapabilitySource = "libcuda" };
        var decision = await new BackendSelector().SelectAsync(new BackendRequest
        {
            Gpu = gpu, Platform = Linux, TorchVersion = "*", TorchVersionsOnIndex = new FakeTorchIndexes().VersionsMatching("*"),
        });
        Assert.Equal("cu124", decision.Backend);
        Assert.Contains("the driver supports up to CUDA 12.4", decision.Candidates.Single(c => c.Backend == "cu126").Reason);
    }

    [Fact]
    public async Task ExplicitBackendWarningsSayWhatToDo()
    {
        var decision = await Select(new Machine("", Linux, "470.82.01", "8.6"), "2.8.0", cuda: "cu128");
        var warning = Assert.Single(decision.Warnings);
        Assert.Contains("needs NVIDIA driver >= 525.60.13 on Linux, have 470.82.01", warning.Message);
        Assert.Contains("Cuda=\"auto\"", warning.Message);
        Assert.Contains("LLMPY0502", decision.Explanation);
    }

    [Fact]
    public async Task UnknownButWellFormedBackendIsUsedWithAWarning()
    {
        var decision = await Select(new Machine("", Linux, null, null), "2.8.0", cuda: "cu999");
        Assert.Equal("cu999", decision.Backend);
        Assert.Equal(AcceleratorKind.Cuda, decision.Kind);
        Assert.Equal(DiagnosticCodes.Accelerators.UnknownBackend, Assert.Single(decision.Warnings).Code);
    }

    [Theory]
    [InlineData("cuda")]
    [InlineData("cu-118")]
    [InlineData("gpu")]
    [InlineData("rocm")]
    public async Task MalformedBackendIsRejectedByValidationFirst(string cuda)
    {
        // Users see LLMPY0023 from RequestValidator; the selector only receives validated names.
        var e = await Assert.ThrowsAsync<ArgumentException>(() => Select(new Machine("", Linux, null, null), "2.8.0", cuda: cuda));
        Assert.Contains(cuda, e.Message);
        Assert.Equal(DiagnosticCodes.Inputs.UnknownBackend, Assert.Throws<Diagnostics.LlmPyException>(() =>
            RequestValidator.Validate(new RestoreRequest { ProjectPath = "/p/App.csproj", LockFilePath = "/p/l.json", EnvironmentDirectory = "/p/v",
                Packages = [new PackageItem("torch", Cuda: cuda)] }, BackendSelector.IsBackendName)).Code);
    }

    private static Task<BackendDecision> Select(Machine machine, string torch, FakeTorchIndexes? indexes = null, string cuda = "auto") =>
        new BackendSelector().SelectAsync(new BackendRequest
        {
            Requested = cuda,
            Gpu = machine.Gpu(),
            Platform = machine.Platform,
            TorchVersion = torch,
            TorchVersionsOnIndex = (indexes ?? new FakeTorchIndexes()).VersionsMatching(torch),
        });
}
