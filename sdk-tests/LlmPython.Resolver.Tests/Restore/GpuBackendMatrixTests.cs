using LlmPython.Resolver.Accelerators;
using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Locking;
using LlmPython.Resolver.Restore;

namespace LlmPython.Resolver.Tests.Restore;

/// <summary>
/// GPU-aware backend choice end to end: described machines × torch requests through <see cref="RestoreEngine"/>
/// against PyTorch-like per-backend indexes and a PyPI-like index with decoys. Each row checks the backend, the
/// routing of every locked file, the torchvision/torchaudio pairing, the lock section and the log line.
/// </summary>
public class GpuBackendMatrixTests : IClassFixture<GpuIndexFixture>
{
    private static readonly PackageItem[] LlmStack = [new("transformers"), new("accelerate")];

    private readonly GpuIndexFixture _index;

    public GpuBackendMatrixTests(GpuIndexFixture index) { _index = index; }

    private static PackageItem[] Stack(string? torch, string? cuda = null, bool audio = false) =>
        [new("torch", torch, Cuda: cuda), new("torchvision"), .. audio ? new[] { new PackageItem("torchaudio") } : [], .. LlmStack];

    public static readonly IReadOnlyList<GpuMatrixCase> Cases =
    [
        new("no-gpu", "none", null, Stack(null), "cpu", "2.8.0",
            ["(Cuda=auto; the described machine has no GPU)"], BuildVenv: true),
        new("driver-450-turing", "450.80.02", "7.5", Stack(null), "cu118", "2.7.1",
            ["driver 450.80.02 >= 450.80.2", "torch 2.7.1 cu118 wheels run on sm_75"]),
        new("driver-450-before-cu118-floor", "450.51.06", "7.0", Stack(null), "cpu", "2.8.0",
            ["no matching torch on the cu110, cu102, cu101, cu100, cu92 and 3 more indexes"], DiagnosticCodes.Accelerators.FallbackToCpu),
        new("driver-470-ampere-torch-2.4", "470.82.01", "8.6", Stack("2.4.0"), "cu118", "2.4.0",
            ["driver 470.82.01 >= 450.80.2", "torch 2.4.0 cu118 wheels run on sm_86"], BuildVenv: true),
        new("driver-520-ampere-range", "520.61.05", "8.0", Stack(">=2.5"), "cu118", "2.7.1",
            ["torch 2.7.1 cu118 wheels run on sm_80"]),
        new("driver-535-torch-2.4-on-cu124", "535.104.05", "8.6", Stack("2.4.0"), "cu124", "2.4.0",
            ["driver 535.104.05 >= 525.60.13", "skipped: no matching torch on the cu129, cu128, cu126, cu125 indexes"]),
        new("driver-550-ada-latest", "550.54.15", "8.9", Stack(null), "cu128", "2.11.0",
            ["torch 2.11.0 cu128 wheels run on sm_89", "skipped: no matching torch on the cu129 index"]),
        new("driver-570-hopper-torch-2.5.1", "570.124.06", "9.0", Stack("2.5.1", audio: true), "cu124", "2.5.1",
            ["torch 2.5.1 cu124 wheels run on sm_90"]),
        new("driver-580-blackwell-torch-2.8", "580.65.06", "12.0", Stack("2.8.0"), "cu128", "2.8.0",
            ["driver 580.65.06 >= 525.60.13", "torch 2.8.0 cu128 wheels run on sm_120", "no matching torch on the cu132, cu130, cu129 indexes"]),
        new("blackwell-torch-2.4-falls-back", "570.124.06", "12.0", Stack("2.4.0"), "cpu", "2.4.0",
            ["sm_120 needs cu128 or newer", "torch 2.4.0 has no such build"], DiagnosticCodes.Accelerators.FallbackToCpu),
        new("pascal-torch-2.8-not-cu128", "550.54.15", "6.1", Stack("2.8.0"), "cu126", "2.8.0",
            ["torch 2.8.0 cu126 wheels run on sm_61", "cu128: torch 2.8.0 cu128 wheels have no kernel for sm_61"], BuildVenv: true),
        new("pascal-unpinned", "550.54.15", "6.1", Stack(null), "cu126", "2.8.0",
            ["cu128: torch 2.11.0 cu128 wheels have no kernel for sm_61", "(nor do the 2 older matching torch versions on its index)"]),
        new("volta-newest-on-index-lacks-sm70", "570.124.06", "7.0", Stack(null), "cu128", "2.8.0",
            ["torch 2.8.0 cu128 wheels run on sm_70"]),
        new("mixed-ampere-pascal", "550.54.15", "8.6;6.1", Stack("2.8.0"), "cu126", "2.8.0",
            ["torch 2.8.0 cu126 wheels run on sm_86, sm_61", "no kernel for sm_61"], ThroughSeam: true),
        new("mixed-blackwell-ampere", "570.124.06", "12.0;8.6", Stack(null), "cu128", "2.11.0",
            ["wheels run on sm_120, sm_86"], ThroughSeam: true),
        new("mixed-blackwell-pascal-falls-back", "570.124.06", "12.0;6.1", Stack("2.8.0"), "cpu", "2.8.0",
            ["sm_120 needs cu128 or newer", "sm_61 is only in cu116..cu126 builds"], DiagnosticCodes.Accelerators.FallbackToCpu, ThroughSeam: true),
        new("windows-driver-file-version", "31.0.15.2737", "8.6", Stack("2.4.0"), "cu118", "2.4.0",
            ["NVIDIA driver 527.37", "driver 527.37 >= 452.39", "torch 2.4.0 cu118 wheels run on sm_86"], RuntimeIdentifier: "win-x64"),
        new("linux-same-driver-527", "527.37", "8.6", Stack("2.4.0"), "cu124", "2.4.0",
            ["driver 527.37 >= 525.60.13"]),
        new("explicit-cu118-without-gpu", "none", null, Stack("2.4.0", cuda: "cu118"), "cu118", "2.4.0",
            ["(Cuda=\"cu118\"; described machine: no GPU)"]),
        new("explicit-cpu-on-hopper", "570.124.06", "9.0", Stack(null, cuda: "cpu"), "cpu", "2.8.0",
            ["(Cuda=\"cpu\";"]),
        new("explicit-cu128-on-pascal-warns", "550.54.15", "6.1", Stack("2.8.0", cuda: "cu128"), "cu128", "2.8.0",
            ["despite: LLMPY0503"], DiagnosticCodes.Accelerators.ExplicitBackendLacksArchitecture),
        new("project-default-cu121", "535.104.05", "8.6", Stack("2.4.0"), "cu121", "2.4.0",
            ["(Cuda=\"cu121\";"], PythonCuda: "cu121"),
        new("pinned-2.7.1-only-some-backends", "520.61.05", "8.6", Stack("2.7.1"), "cu118", "2.7.1",
            ["torch 2.7.1 cu118 wheels run on sm_86"]),
        new("pinned-2.8-not-on-cu118-falls-back", "520.61.05", "8.6", Stack("2.8.0"), "cpu", "2.8.0",
            ["no matching torch on the cu118, cu117, cu116, cu115, cu114 and 11 more indexes"], DiagnosticCodes.Accelerators.FallbackToCpu),
        new("range-below-2.6", "550.54.15", "8.6", Stack(">=2.4,<2.6", audio: true), "cu124", "2.5.1",
            ["torch 2.5.1 cu124 wheels run on sm_86", "no matching torch on the cu129, cu128, cu126, cu125 indexes"]),
        new("capability-only", null, "8.6", Stack(null), "cu128", "2.11.0",
            ["NVIDIA driver unknown", "driver version not known, not checked", "torch 2.11.0 cu128 wheels run on sm_86"]),
    ];

    public static TheoryData<string> CaseNames() => [.. Cases.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Chooses_the_backend_and_routes_every_package(string name)
    {
        var c = Cases.Single(x => x.Name == name);
        var request = _index.Request(c.Name, c.Packages) with
        {
            LockOnly = !c.BuildVenv,
            PythonCuda = c.PythonCuda,
            RuntimeIdentifier = c.RuntimeIdentifier,
            TargetCudaDriver = c.ThroughSeam ? null : c.Driver,
            TargetComputeCapability = c.ThroughSeam ? null : c.Capability,
        };
        var log = new RecordingRestoreLog();
        var engine = c.ThroughSeam
            ? new RestoreEngine(log) { DetectGpu = _ => GpuDetector.Describe(c.Driver, c.Capability) }
            : new RestoreEngine(log);

        var result = engine.Run(request);

        Assert.True(result.Success, log.All);
        Assert.Empty(log.Errors);
        Assert.Equal(c.Warning is null ? [] : [c.Warning], log.Warnings.Select(w => w.Code).Distinct());

        // The lock section names the backend and carries the same explanation the log shows.
        var lockText = File.ReadAllText(request.LockFilePath);
        using (var json = System.Text.Json.JsonDocument.Parse(lockText))
        {
            var env = Assert.Single(json.RootElement.GetProperty("environments").EnumerateArray().ToList());
            Assert.Equal(c.Backend, env.GetProperty("backend").GetString());
            Assert.StartsWith($"PyTorch backend {c.Backend} ", env.GetProperty("backendReason").GetString());
        }
        var lockFile = LockFileReader.Parse(lockText);
        var section = Assert.Single(lockFile.Environments);
        var platform = c.RuntimeIdentifier == "win-x64" ? "windows-x86_64" : "linux-x86_64";
        Assert.Equal($"cp311-{platform}-{c.Backend}", section.Name);
        Assert.Equal(c.Backend, section.Backend);
        Assert.NotNull(section.BackendReason);
        Assert.StartsWith($"PyTorch backend {c.Backend} from {_index.BackendFolder(c.Backend)} (", section.BackendReason);
        foreach (var fragment in c.Explains)
            Assert.True(section.BackendReason!.Contains(fragment, StringComparison.Ordinal), $"'{fragment}' not in: {section.BackendReason}");
        var logLine = Assert.Single(log.Messages, m => m.StartsWith("PyTorch backend: ", StringComparison.Ordinal));
        Assert.Equal($"PyTorch backend: {c.Backend} ({section.BackendReason})", logLine);
        Assert.DoesNotContain('\n', logLine);

        // One torch, from the chosen backend's index, never the decoy from /simple/.
        var torch = Assert.Single(section.Packages, p => p.Name == "torch");
        Assert.Equal($"{c.Torch}+{c.Backend}", torch.Version);
        var vision = Assert.Single(section.Packages, p => p.Name == "torchvision");
        Assert.Equal($"{GpuIndexFixture.Paired[c.Torch].Vision}+{c.Backend}", vision.Version);
        if (section.Find("torchaudio") is { } audio)
            Assert.Equal($"{GpuIndexFixture.Paired[c.Torch].Audio}+{c.Backend}", audio.Version);
        Assert.Equal(c.Packages.Any(p => p.Include == "torchaudio"), section.Find("torchaudio") is not null);

        foreach (var p in section.Packages)
        {
            if (GpuIndexFixture.FamilyNames.Contains(p.Name))
            {
                Assert.StartsWith(_index.BackendFolder(c.Backend), p.Url);
                Assert.Contains($"+{c.Backend}-", p.FileName);
                Assert.Contains(c.RuntimeIdentifier == "win-x64" ? "win_amd64" : "linux_x86_64", p.FileName);
            }
            else
            {
                Assert.StartsWith(_index.PyPiFiles, p.Url);
                Assert.DoesNotContain("9.9.9", p.Version);
            }
        }
        Assert.Equal(["accelerate", "filelock", "numpy", "torch", "torchvision", "transformers", "typing-extensions"],
            section.Packages.Select(p => p.Name).Where(n => n != "torchaudio").Order(StringComparer.Ordinal));
        Assert.Equal(result.Packages.Select(p => (p.Name, p.Version, p.Url)).Order(), section.Packages.Select(p => (p.Name, p.Version, p.Url)).Order());

        if (c.BuildVenv)
        {
            Assert.NotNull(result.EnvironmentPython);
            var (code, output) = RestoreFixture.Exec(result.EnvironmentPython!, "-c",
                "import torch, torchvision, transformers, accelerate, numpy; print(torch.__version__, torch.BACKEND, torch.ORIGIN, torch.version.cuda, torchvision.__version__, numpy.ORIGIN)");
            Assert.True(code == 0, output);
            var cuda = c.Backend == "cpu" ? "None" : $"{c.Backend[2..^1]}.{c.Backend[^1..]}";
            Assert.Equal($"{c.Torch}+{c.Backend} {c.Backend} pytorch-index {cuda} {GpuIndexFixture.Paired[c.Torch].Vision}+{c.Backend} pypi", output.Trim());
        }
    }

    [Fact]
    public void The_matrix_covers_the_machines_the_issue_names()
    {
        Assert.True(Cases.Count >= 20);
        foreach (var driver in new[] { "450.", "470.", "520.", "535.", "550.", "570.", "580." })
            Assert.Contains(Cases, c => c.Driver?.StartsWith(driver, StringComparison.Ordinal) == true);
        Assert.Contains(Cases, c => c.Driver == "none");
        Assert.Equal(3, Cases.Count(c => c.BuildVenv));
        Assert.Equal(Cases.Count, Cases.Select(c => c.Name).Distinct().Count());
    }
}
