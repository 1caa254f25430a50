using LlmPython.Sdk.EndToEnd.Harness;

namespace LlmPython.Sdk.EndToEnd;

/// <summary>
/// dotnet build for a GPU machine described by properties (this machine has none), against PyTorch-like
/// per-backend indexes: the backend choice reaches the lock, the venv and the log, and the report targets
/// (PythonGpuInfo, PythonTree, PythonWhy) print readable answers.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class GpuBuildTests : IClassFixture<PyTorchLikeIndex>
{
    private readonly PackedSdk _sdk = PackedSdk.Instance;
    private readonly PyTorchLikeIndex _index;

    public GpuBuildTests(PyTorchLikeIndex index) { _index = index; }

    private static readonly string[] Ampere = ["-p:PythonTargetCudaDriver=550.54.14", "-p:PythonTargetComputeCapability=8.6"];

    private TestProject Project(string name) => TestProject.ConsoleApp(_sdk, name, AppProjectXml.FromIndex(_index.Server.IndexUrl,
        """
        <PythonPackage Include="torch" Version="2.4.0" />
        <PythonPackage Include="torchvision" />
        """,
        $"<PyTorchIndexUrl>{_index.Server.PyTorchIndexUrl}</PyTorchIndexUrl>"));

    [Fact]
    public void DescribedAmpereMachine_GetsCu124_AndTheReportTargetsExplainIt()
    {
        var project = Project("GpuAmpere");

        var build = project.Build([.. Ampere, "-v:n"]).ShouldSucceed();

        Assert.Contains("PyTorch backend: cu124 (", build.Output, StringComparison.Ordinal);
        string lockPath = project.PathOf("python.lock.json");
        var torch = LockFileView.Single(lockPath, "torch");
        Assert.Equal(("2.4.0+cu124", "cu124"), (torch.Version, torch.Backend));
        Assert.StartsWith(_index.BackendFolder("cu124"), torch.Url, StringComparison.Ordinal);
        var vision = LockFileView.Single(lockPath, "torchvision");
        Assert.Equal("0.19.0+cu124", vision.Version);
        Assert.StartsWith(_index.BackendFolder("cu124"), vision.Url, StringComparison.Ordinal);
        // numpy comes from /simple/, not from a PyTorch index.
        Assert.StartsWith(_index.Server.BaseUrl + "/packages/", LockFileView.Single(lockPath, "numpy").Url, StringComparison.Ordinal);
        var import = VenvPython.Run(project.PathOf("obj/python/venv"), "-c", "import torch, torchvision; print(torch.__version__, torchvision.__version__)").ShouldSucceed();
        Assert.Equal("2.4.0+cu124 0.19.0+cu124", import.StdOut.Trim());

        var info = project.Build(["-t:PythonGpuInfo", .. Ampere]).ShouldSucceed();
        Assert.Contains("GPU: described machine: NVIDIA driver 550.54.14 (PythonTargetCudaDriver), GPU sm_86 (PythonTargetComputeCapability)", info.Output, StringComparison.Ordinal);
        Assert.Contains("Candidates:", info.Output, StringComparison.Ordinal);
        Assert.Contains("cu126: dropped (its index has no torch that satisfies the request)", info.Output, StringComparison.Ordinal);
        Assert.Contains("cu124: chosen (", info.Output, StringComparison.Ordinal);
        Assert.Contains("cu118: notneeded (cu124 was chosen first)", info.Output, StringComparison.Ordinal);

        var tree = project.Build(["-t:PythonTree", .. Ampere]).ShouldSucceed();
        Assert.Contains("(PyTorch backend cu124)", tree.Output, StringComparison.Ordinal);
        Assert.Contains("  torch 2.4.0+cu124", tree.Output, StringComparison.Ordinal);
        Assert.Contains("  torchvision 0.19.0+cu124", tree.Output, StringComparison.Ordinal);
        Assert.Contains("└─ numpy 1.26.4", tree.Output, StringComparison.Ordinal);

        var why = project.Build(["-t:PythonWhy", "-p:Package=numpy", .. Ampere]).ShouldSucceed();
        Assert.Contains("torchvision 0.19.0+cu124 (needs numpy) → numpy 1.26.4", why.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void DescribedMachineWithoutGpu_GetsCpu()
    {
        var project = Project("GpuNone");
        _index.Server.ResetCounts(); // tests of a class run one at a time: what the server sees next is this build's

        var build = project.Build("-p:PythonTargetCudaDriver=none", "-v:n").ShouldSucceed();

        Assert.Contains("PyTorch backend: cpu (", build.Output, StringComparison.Ordinal);
        string lockPath = project.PathOf("python.lock.json");
        var torch = LockFileView.Single(lockPath, "torch");
        Assert.Equal(("2.4.0+cpu", "cpu"), (torch.Version, torch.Backend));
        Assert.StartsWith(_index.BackendFolder("cpu"), torch.Url, StringComparison.Ordinal);
        Assert.Equal("0.19.0+cpu", LockFileView.Single(lockPath, "torchvision").Version);
        // No CUDA index is needed when the described machine has no GPU.
        Assert.DoesNotContain(_index.Server.Requests, r => r.Path.StartsWith("/whl/cu", StringComparison.Ordinal));
    }
}
