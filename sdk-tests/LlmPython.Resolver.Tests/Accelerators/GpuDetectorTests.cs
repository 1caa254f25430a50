using LlmPython.Resolver.Accelerators;
using LlmPython.Resolver.Diagnostics;

namespace LlmPython.Resolver.Tests.Accelerators;

/// <summary>Detection against fake /proc and /sys trees and fake probe tools (shell scripts on a private PATH).</summary>
public sealed class GpuDetectorTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("llmpy-gpu-").FullName;
    private readonly string _bin;
    private readonly Dictionary<string, string?> _env = new();

    public GpuDetectorTests()
    {
        _bin = Path.Combine(_root, "bin");
        Directory.CreateDirectory(_bin);
        _env["PATH"] = _bin;
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private GpuProbeContext Context(bool windows = false, ICudaDriverApi? cuda = null, string? targetDriver = null, string? targetCapability = null) => new()
    {
        FileSystemRoot = Path.Combine(_root, "fs"),
        GetEnvironmentVariable = name => _env.GetValueOrDefault(name),
        IsWindows = windows,
        IsMacOS = false,
        Processes = new SystemProcessRunner(name => _env.GetValueOrDefault(name), windows: false),
        CudaDriverApi = cuda,
        TargetCudaDriver = targetDriver,
        TargetComputeCapability = targetCapability,
        ProcessTimeout = TimeSpan.FromSeconds(5),
    };

    private void WriteFile(string absolute, string text)
    {
        var path = Path.Combine(_root, "fs", absolute.TrimStart('/'));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    /// <summary>A fake tool: a POSIX shell script on the private PATH.</summary>
    private void WriteTool(string name, string body)
    {
        var path = Path.Combine(_bin, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private sealed class FakeCudaDriverApi(CudaDriverReport? report) : ICudaDriverApi
    {
        public int Calls { get; private set; }
        public CudaDriverReport? Query() { Calls++; return report; }
    }

    [Fact]
    public void NoGpuFindsNothing()
    {
        var info = GpuDetector.Detect(Context());
        Assert.False(info.HasAnyGpu);
        Assert.Equal("no GPU", info.Describe());
    }

    [Fact]
    public void ReadsTheDriverFromSysModule()
    {
        WriteFile("/sys/module/nvidia/version", "535.104.05\n");
        WriteFile("/proc/driver/nvidia/version", "NVRM version: NVIDIA UNIX x86_64 Kernel Module  470.82.01  Sat\n");
        var info = GpuDetector.Detect(Context());
        Assert.Equal("535.104.05", info.NvidiaDriver!.Text);
        Assert.Equal("/sys/module/nvidia/version", info.NvidiaDriverSource);
        Assert.True(info.HasNvidiaGpu);
        Assert.Empty(info.ComputeCapabilities);
    }

    [Theory]
    [InlineData("NVRM version: NVIDIA UNIX x86_64 Kernel Module  535.104.05  Sat Aug 19 01:15:15 UTC 2023\nGCC version:  gcc version 12.2.0 (Debian 12.2.0-14)\n", "535.104.05")]
    [InlineData("NVRM version: NVIDIA UNIX Open Kernel Module for x86_64  570.86.15  Release Build  (dvs-builder@U16-I3-B03-4-3)  Thu Jan 23 22:32:56 UTC 2025\n", "570.86.15")]
    [InlineData("NVRM version: NVIDIA UNIX Open Kernel Module for aarch64  580.65.06  Release Build\n", "580.65.06")]
    public void ReadsTheDriverFromProcWhenSysIsAbsent(string procText, string expected)
    {
        WriteFile("/proc/driver/nvidia/version", procText);
        var info = GpuDetector.Detect(Context());
        Assert.Equal(expected, info.NvidiaDriver!.Text);
        Assert.Equal("/proc/driver/nvidia/version", info.NvidiaDriverSource);
    }

    [Fact]
    public void NvidiaSmiGivesEveryGpusComputeCapability()
    {
        WriteFile("/sys/module/nvidia/version", "550.54.14\n");
        WriteTool("nvidia-smi", """
            [ "$1" = "--query-gpu=driver_version,compute_cap" ] && [ "$2" = "--format=csv,noheader" ] || exit 2
            echo "550.54.14, 8.6"
            echo "550.54.14, 6.1"
            echo "550.54.14, 8.6"
            """);
        var cuda = new FakeCudaDriverApi(new CudaDriverReport(12040, [new(9, 0)]));
        var info = GpuDetector.Detect(Context(cuda: cuda));
        Assert.Equal([new(8, 6), new(6, 1), new(8, 6)], info.ComputeCapabilities);
        Assert.Equal("nvidia-smi", info.ComputeCapabilitySource);
        Assert.Equal([new(8, 6), new(6, 1)], info.DistinctCapabilities);
        Assert.Equal(0, cuda.Calls); // driver and capabilities known: libcuda not needed
        Assert.Contains("sm_86, sm_61", info.Describe());
    }

    [Fact]
    public void OldNvidiaSmiWithoutComputeCapFallsBackToDriverAndLibcuda()
    {
        WriteTool("nvidia-smi", """
            case "$1" in
              *compute_cap*) echo 'Field "compute_cap" is not a valid field to query.' >&2; exit 2;;
              --query-gpu=driver_version) echo "470.82.01";;
            esac
            """);
        var cuda = new FakeCudaDriverApi(new CudaDriverReport(11040, [new(7, 5)]));
        var info = GpuDetector.Detect(Context(cuda: cuda));
        Assert.Equal("470.82.01", info.NvidiaDriver!.Text);
        Assert.Equal("nvidia-smi", info.NvidiaDriverSource);
        Assert.Equal([new(7, 5)], info.ComputeCapabilities);
        Assert.Equal("libcuda", info.ComputeCapabilitySource);
        Assert.Equal(new Version(11, 4), info.CudaDriverApiVersion);
        Assert.Contains(info.Notes, n => n.Contains("compute_cap", StringComparison.Ordinal));
    }

    [Fact]
    public void LibcudaAloneStillIdentifiesTheGpu()
    {
        var info = GpuDetector.Detect(Context(cuda: new FakeCudaDriverApi(new CudaDriverReport(12020, [new(8, 9)]))));
        Assert.True(info.HasNvidiaGpu);
        Assert.Null(info.NvidiaDriver);
        Assert.Equal(new Version(12, 2), info.CudaDriverApiVersion);
        Assert.Equal([new(8, 9)], info.ComputeCapabilities);
    }

    [Fact]
    public void WindowsUsesNvidiaSmiNumbersAndSkipsProcAndSys()
    {
        WriteFile("/sys/module/nvidia/version", "535.104.05\n"); // not read on Windows
        WriteTool("nvidia-smi", "echo '537.13, 8.9'");
        var info = GpuDetector.Detect(Context(windows: true));
        Assert.Equal("537.13", info.NvidiaDriver!.Text);
        Assert.Equal("nvidia-smi", info.NvidiaDriverSource);
        Assert.Equal([new(8, 9)], info.ComputeCapabilities);
    }

    [Fact]
    public void PropertiesDescribeTheMachineAndWinOverEnvironmentAndDetection()
    {
        WriteFile("/sys/module/nvidia/version", "470.82.01\n");
        _env[GpuDetector.CudaDriverVariable] = "450.80.02";
        _env[GpuDetector.ComputeCapabilityVariable] = "7.0";
        var info = GpuDetector.Detect(Context(targetDriver: "535.104.05", targetCapability: "8.6;6.1"));
        Assert.True(info.IsDescribed);
        Assert.Equal("535.104.05", info.NvidiaDriver!.Text);
        Assert.Equal("PythonTargetCudaDriver", info.NvidiaDriverSource);
        Assert.Equal([new(8, 6), new(6, 1)], info.ComputeCapabilities);
        Assert.StartsWith("described machine: ", info.Describe());
    }

    [Fact]
    public void EnvironmentVariablesDescribeTheMachineWhenNoPropertyIs()
    {
        WriteTool("nvidia-smi", "echo '550.54.14, 9.0'");
        _env[GpuDetector.CudaDriverVariable] = "31.0.15.3713"; // a Windows file version
        var info = GpuDetector.Detect(Context());
        Assert.Equal("537.13", info.NvidiaDriver!.Text);
        Assert.Equal(GpuDetector.CudaDriverVariable, info.NvidiaDriverSource);
        Assert.Empty(info.ComputeCapabilities); // described: nvidia-smi is not consulted
    }

    [Theory]
    [InlineData("none", null)]
    [InlineData("535.104.05", "none")]
    [InlineData("NONE", "8.6")]
    public void NoneDescribesAMachineWithoutGpu(string driver, string? capability)
    {
        WriteTool("nvidia-smi", "echo '550.54.14, 9.0'");
        var info = GpuDetector.Detect(Context(targetDriver: driver, targetCapability: capability));
        Assert.True(info.IsDescribed);
        Assert.False(info.HasAnyGpu);
    }

    [Fact]
    public void InvalidDescriptionsAreErrorsWithTheirCodes()
    {
        var driver = Assert.Throws<LlmPyException>(() => GpuDetector.Detect(Context(targetDriver: "latest")));
        Assert.Equal(DiagnosticCodes.Accelerators.InvalidTargetCudaDriver, driver.Code);
        Assert.Contains("PythonTargetCudaDriver 'latest'", driver.Message);
        _env[GpuDetector.ComputeCapabilityVariable] = "8.6;ampere";
        var cap = Assert.Throws<LlmPyException>(() => GpuDetector.Detect(Context()));
        Assert.Equal(DiagnosticCodes.Accelerators.InvalidTargetComputeCapability, cap.Code);
        Assert.Contains("'ampere'", cap.Message);
        Assert.Contains(GpuDetector.ComputeCapabilityVariable, cap.Message);
    }

    [Fact]
    public void RocmAgentEnumeratorListsDistinctGpuArchitectures()
    {
        WriteTool("rocm_agent_enumerator", "printf 'gfx000\\ngfx90a\\ngfx90a\\ngfx1100\\n'");
        var info = GpuDetector.Detect(Context());
        Assert.Equal(["gfx90a", "gfx1100"], info.AmdArchitectures);
        Assert.Equal("rocm_agent_enumerator", info.AmdSource);
        Assert.False(info.HasNvidiaGpu);
    }

    [Fact]
    public void RocmAgentEnumeratorIsFoundUnderOptRocmWhenNotOnPath()
    {
        var tool = Path.Combine(_root, "fs", "opt", "rocm", "bin", "rocm_agent_enumerator");
        Directory.CreateDirectory(Path.GetDirectoryName(tool)!);
        File.WriteAllText(tool, "#!/bin/sh\necho gfx000\necho gfx942\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(tool, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        Assert.Equal(["gfx942"], GpuDetector.Detect(Context()).AmdArchitectures);
    }

    [Fact]
    public void WindowsFindsNvidiaSmiUnderProgramFilesWhenNotOnPath()
    {
        var programFiles = Path.Combine(_root, "Program Files");
        var tool = Path.Combine(programFiles, "NVIDIA Corporation", "NVSMI", "nvidia-smi.exe");
        Directory.CreateDirectory(Path.GetDirectoryName(tool)!);
        File.WriteAllText(tool, "#!/bin/sh\necho '472.12, 7.5'\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(tool, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        _env["ProgramFiles"] = programFiles;
        var info = GpuDetector.Detect(Context(windows: true));
        Assert.Equal("472.12", info.NvidiaDriver!.Text);
        Assert.Equal([new(7, 5)], info.ComputeCapabilities);
    }

    [Fact]
    public void KfdTopologyGivesGfxWithoutRocmUserSpace()
    {
        WriteFile("/sys/class/kfd/kfd/topology/nodes/0/properties", "cpu_cores_count 16\ngfx_target_version 0\n");
        WriteFile("/sys/class/kfd/kfd/topology/nodes/1/properties", "simd_count 220\ngfx_target_version 90010\n");
        WriteFile("/sys/class/kfd/kfd/topology/nodes/2/properties", "gfx_target_version 120001\n");
        var info = GpuDetector.Detect(Context());
        Assert.Equal(["gfx90a", "gfx1201"], info.AmdArchitectures);
        Assert.Equal("/sys/class/kfd", info.AmdSource);
    }

    [Fact]
    public void IntelDiscreteGpuIsXpuButIntegratedIsNot()
    {
        WriteFile("/sys/class/drm/card0/device/vendor", "0x8086\n");
        WriteFile("/sys/class/drm/card0/device/device", "0x9a49\n"); // Iris Xe (integrated)
        Assert.False(GpuDetector.Detect(Context()).HasIntelXpu);
        WriteFile("/sys/class/drm/card1/device/vendor", "0x8086\n");
        WriteFile("/sys/class/drm/card1/device/device", "0x56A0\n"); // Arc A770
        var info = GpuDetector.Detect(Context());
        Assert.True(info.HasIntelXpu);
        Assert.Contains("card1", info.IntelSource);
    }

    [Fact]
    public void SyclLsLevelZeroGpuIsXpu()
    {
        WriteTool("sycl-ls", "echo '[level_zero:gpu][level_zero:0] Intel(R) oneAPI Unified Runtime over Level-Zero, Intel(R) Arc(TM) B580 Graphics 20.1.0'");
        Assert.Equal("sycl-ls", GpuDetector.Detect(Context()).IntelSource);
    }

    [Fact]
    public void AHungToolIsStoppedAndIgnored()
    {
        WriteTool("nvidia-smi", "sleep 30");
        var context = Context() with { ProcessTimeout = TimeSpan.FromMilliseconds(300) };
        var started = DateTime.UtcNow;
        var info = GpuDetector.Detect(context);
        Assert.False(info.HasNvidiaGpu);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void ThisMachineCanBeProbedWithoutFailing()
    {
        // No GPU here: the real probes (libcuda P/Invoke, PATH lookups) must stay quiet and fast.
        var info = GpuDetector.Detect(GpuProbeContext.ForThisMachine(targetCudaDriver: null, targetComputeCapability: null));
        Assert.NotNull(info.Describe());
        var report = new LibCudaDriverApi().Query();
        if (report is not null) Assert.True(report.DriverApiVersion > 0);
    }
}
