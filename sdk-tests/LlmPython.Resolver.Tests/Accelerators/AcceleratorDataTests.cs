using LlmPython.Resolver.Accelerators;

namespace LlmPython.Resolver.Tests.Accelerators;

public class AcceleratorDataTests
{
    private static readonly string DataDirectory = Path.Combine(TestPaths.RepoRoot, "src", "Resolver", "Data");
    private static AcceleratorData Data => AcceleratorData.Default;

    private static int DataRows(string file) =>
        File.ReadAllLines(Path.Combine(DataDirectory, file)).Skip(1).Count(l => !string.IsNullOrWhiteSpace(l));

    [Fact]
    public void EveryEmbeddedTableParsesWithOneRowPerTsvLine()
    {
        Assert.Equal(DataRows(AcceleratorData.BackendTableFile), Data.Backends.Count);
        Assert.Equal(DataRows(AcceleratorData.CudaArchTableFile), Data.CudaArchRows.Count);
        Assert.Equal(DataRows(AcceleratorData.RocmArchTableFile), Data.RocmArchitectures.Values.Sum(s => s.Count));
        Assert.Equal(DataRows(AcceleratorData.PackageRouteFile), Data.PackageRoutes.Count);
        Assert.Equal(DataRows(AcceleratorData.TorchReleaseFile), Data.TorchReleases.Count);
        Assert.Equal(DataRows(AcceleratorData.ToolkitDriverFile), Data.ToolkitDriverFloors.Count);
    }

    [Fact]
    public void RowCountsAreTheOnesReviewed()
    {
        // Changing a table changes these: review the new rows, then update the numbers.
        Assert.Equal(49, Data.Backends.Count);
        Assert.Equal(26, Data.CudaArchRows.Count);
        Assert.Equal(9, Data.RocmArchitectures.Count);
        Assert.Equal(33, Data.PackageRoutes.Count);
        Assert.Equal(29, Data.TorchReleases.Count);
        Assert.Equal(59, Data.ToolkitDriverFloors.Count);
    }

    [Fact]
    public void EmbeddedTablesEqualTheSourceTsvFiles()
    {
        var fromFiles = AcceleratorData.LoadFromDirectory(DataDirectory);
        Assert.Equal(fromFiles.Backends, Data.Backends);
        Assert.Equal(fromFiles.TorchReleases.Select(r => r.TorchVersion), Data.TorchReleases.Select(r => r.TorchVersion));
    }

    [Fact]
    public void BackendTableKnowsDriverFloorsAndOrder()
    {
        var cu118 = Data.FindBackend("cu118")!;
        Assert.Equal(AcceleratorKind.Cuda, cu118.Kind);
        Assert.Equal(DriverVersion.Parse("450.80.02"), cu118.MinDriverLinux);
        Assert.Equal(DriverVersion.Parse("452.39"), cu118.MinDriverWindows);
        Assert.Equal(new Version(11, 8), cu118.ToolkitVersion);
        Assert.Equal(1, Data.FindBackend("cu132")!.AutoOrder);
        Assert.Null(Data.FindBackend("cpu")!.AutoOrder);
        Assert.Null(Data.FindBackend("rocm5.7")!.AutoOrder); // manual-only
        Assert.Equal(AcceleratorKind.Xpu, Data.FindBackend("XPU")!.Kind);
        Assert.Null(Data.FindBackend("cu999"));
    }

    [Fact]
    public void ArchListKnowsPascalAndBlackwellFacts()
    {
        var cu128 = Data.FindCudaArchRow("cu128", "2.8.0", AcceleratorPlatform.LinuxX64)!;
        Assert.DoesNotContain(new ComputeCapability(6, 1), cu128.Cubins);
        Assert.False(cu128.RunsOn(new ComputeCapability(6, 1), AcceleratorPlatform.LinuxX64));
        Assert.True(cu128.RunsOn(new ComputeCapability(12, 0), AcceleratorPlatform.LinuxX64));
        var cu126 = Data.FindCudaArchRow("cu126", "2.8.0+cu126", AcceleratorPlatform.LinuxX64)!;
        Assert.True(cu126.RunsOn(new ComputeCapability(6, 1), AcceleratorPlatform.LinuxX64)); // sm_60 cubin
        Assert.False(cu126.RunsOn(new ComputeCapability(12, 0), AcceleratorPlatform.LinuxX64));
        Assert.Null(Data.FindCudaArchRow("cu128", "2.4.0", AcceleratorPlatform.LinuxX64));
        // "2.11.x,2.12.1,2.13.x": 2.12.1 is listed, 2.12.0 is not.
        Assert.NotNull(Data.FindCudaArchRow("cu129", "2.12.1", AcceleratorPlatform.LinuxX64));
        Assert.Null(Data.FindCudaArchRow("cu129", "2.12.0", AcceleratorPlatform.LinuxX64));
    }

    [Fact]
    public void PtxCellsAreParsedWithTheirLinuxOnlyNote()
    {
        var cu130 = Data.CudaArchRows.First(r => r.Backend == "cu130" && r.Platforms.Contains(AcceleratorPlatform.WindowsX64));
        Assert.Equal(new ComputeCapability(12, 0), cu130.Ptx);
        Assert.True(cu130.PtxLinuxOnly);
        Assert.Equal([AcceleratorPlatform.LinuxX64, AcceleratorPlatform.WindowsX64], cu130.Platforms);
        // PTX 12.0 JIT-compiles for a future 12.x+ GPU on Linux only.
        Assert.True(cu130.RunsOn(new ComputeCapability(13, 0), AcceleratorPlatform.LinuxX64));
        Assert.False(cu130.RunsOn(new ComputeCapability(13, 0), AcceleratorPlatform.WindowsX64));
        var qualified = Data.CudaArchRows.First(r => r.Backend == "cu126" && r.TorchVersions.Contains("2.8.0"));
        Assert.Equal([AcceleratorPlatform.LinuxX64], qualified.Platforms); // "(windows-x86_64 stated for 2.12-2.14 only)" is not a platform
    }

    [Fact]
    public void RocmAndReleaseAndToolkitTablesKnowFacts()
    {
        Assert.Contains("gfx1201", Data.RocmArchitectures["rocm6.4"]);
        Assert.DoesNotContain("gfx1201", Data.RocmArchitectures["rocm6.2"]);
        var r240 = Data.FindTorchRelease("2.4.0")!;
        Assert.Equal("0.19.0", r240.Torchvision);
        Assert.Contains("cu124", r240.Variants);
        Assert.Equal("cu121", r240.PypiDefaultCuda);
        Assert.Null(Data.FindTorchRelease("2.12.0")!.Torchaudio);
        Assert.Null(Data.FindTorchRelease("2.15.0")!.Torchvision);
        Assert.Empty(Data.FindTorchRelease("2.15.0")!.Variants);
        var floor = Data.ToolkitDriverFloors.First(f => f.CudaVersion == "12.2 Update 2");
        Assert.Equal(DriverVersion.Parse("535.104.05"), floor.LinuxMinDriver);
        Assert.Equal(DriverVersion.Parse("537.13"), floor.WindowsMinDriver);
        Assert.Null(Data.ToolkitDriverFloors.First(f => f.CudaVersion == "13.2 GA").WindowsMinDriver);
    }

    [Fact]
    public void MalformedTablesAreFormatErrorsNamingTheFileAndLine()
    {
        string Table(string file) => File.ReadAllText(Path.Combine(DataDirectory, file));
        AcceleratorData With(string file, string text) => AcceleratorData.Load(f => f == file ? text : Table(f));

        var shortRow = Assert.Throws<FormatException>(() => With(AcceleratorData.BackendTableFile,
            Table(AcceleratorData.BackendTableFile) + "cu999\tcuda\n"));
        Assert.Contains("cuda-driver-table.tsv line 51", shortRow.Message);
        var badDriver = Table(AcceleratorData.BackendTableFile).Replace("450.80.2\t452.39", "450.80.x\t452.39");
        Assert.Throws<FormatException>(() => With(AcceleratorData.BackendTableFile, badDriver));
        var badRange = Table(AcceleratorData.CudaArchTableFile).Replace("2.4.x-2.5.x", "2.5.x-2.4.x");
        Assert.Throws<FormatException>(() => With(AcceleratorData.CudaArchTableFile, badRange));
        Assert.Throws<FormatException>(() => With(AcceleratorData.PackageRouteFile, "package\trouted_with_pytorch_source\trouted_with_pyx_source\thas_system_dependency\ntorch\tmaybe\tyes\tyes\n"));
        Assert.Throws<FormatException>(() => With(AcceleratorData.RocmArchTableFile, "backend\tgpu_architecture\nrocm6.2\tnavi31\n"));
        Assert.Throws<FormatException>(() => With(AcceleratorData.CudaArchTableFile, "cuda_variant\ttorch_versions\n"));
    }
}
