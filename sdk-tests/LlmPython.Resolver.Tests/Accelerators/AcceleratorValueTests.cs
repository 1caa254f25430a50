using LlmPython.Resolver.Accelerators;

namespace LlmPython.Resolver.Tests.Accelerators;

public class AcceleratorValueTests
{
    [Theory]
    [InlineData("450.80.2", "450.80.02", 0)]
    [InlineData("537.13", "537.13.0", 0)]
    [InlineData("535.104.05", "535.86.09", 1)]
    [InlineData("525.60.13", "525.85.12", -1)]
    [InlineData("580", "575.57.08", 1)]
    [InlineData("9.0", "10.0", -1)]
    public void DriverVersionsCompareNumerically(string a, string b, int expected)
    {
        var x = DriverVersion.Parse(a);
        var y = DriverVersion.Parse(b);
        Assert.Equal(expected, Math.Sign(x.CompareTo(y)));
        if (expected == 0) Assert.Equal(x.GetHashCode(), y.GetHashCode());
    }

    [Theory]
    [InlineData("31.0.15.3713", "537.13")]
    [InlineData("32.0.15.6094", "560.94")]
    [InlineData("27.21.14.5671", "456.71")]
    [InlineData("537.13", "537.13")]
    public void WindowsFileVersionsBecomeNvidiaNumbers(string text, string expected)
    {
        Assert.True(DriverVersion.TryParseWindows(text, out var v));
        Assert.Equal(expected, v.Text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("535.")]
    [InlineData("r535")]
    [InlineData("535.104.05.1.2")]
    [InlineData("N/A")]
    public void NonDriverTextIsRejected(string text)
    {
        Assert.False(DriverVersion.TryParse(text, out _));
        Assert.Throws<FormatException>(() => DriverVersion.Parse(text));
    }

    [Theory]
    [InlineData("8.6", 8, 6)]
    [InlineData("sm_86", 8, 6)]
    [InlineData("sm_120", 12, 0)]
    [InlineData("compute_90", 9, 0)]
    [InlineData("sm_90a", 9, 0)]
    [InlineData(" 12.1 ", 12, 1)]
    public void ComputeCapabilitiesParse(string text, int major, int minor)
    {
        Assert.Equal(new ComputeCapability(major, minor), ComputeCapability.Parse(text));
    }

    [Theory]
    [InlineData("86")]
    [InlineData("8.6.1")]
    [InlineData("sm_8")]
    [InlineData("ampere")]
    public void NonCapabilitiesAreRejected(string text) =>
        Assert.Throws<FormatException>(() => ComputeCapability.Parse(text));

    [Theory]
    [InlineData("2.4.x-2.5.x", "2.4.0", true)]
    [InlineData("2.4.x-2.5.x", "2.5.1+cu124", true)]
    [InlineData("2.4.x-2.5.x", "2.6.0", false)]
    [InlineData("2.4.x-2.5.x", "2.3.1", false)]
    [InlineData("1.13.x,2.0.x", "2.0.1", true)]
    [InlineData("1.13.x,2.0.x", "2.1.0", false)]
    [InlineData("2.11.x,2.12.1,2.13.x", "2.12.1", true)]
    [InlineData("2.11.x,2.12.1,2.13.x", "2.12.0", false)]
    [InlineData("2.8.x-2.14.x", "2.10.0rc1", true)]
    [InlineData("2.8.x-2.14.x", "2.9", true)]
    public void TorchRangesContainVersions(string range, string version, bool expected) =>
        Assert.Equal(expected, TorchVersionRange.Parse(range).Contains(version));

    [Theory]
    [InlineData("linux-x64", "linux-x86_64")]
    [InlineData("linux-musl-x64", "linux-x86_64")]
    [InlineData("win-x64", "windows-x86_64")]
    [InlineData("linux-arm64", "linux-aarch64")]
    [InlineData("osx-arm64", "darwin-arm64")]
    [InlineData("win-arm64", "windows-arm64")]
    public void RuntimeIdentifiersMapToTablePlatforms(string rid, string expected) =>
        Assert.Equal(expected, AcceleratorPlatform.FromRuntimeIdentifier(rid));

    [Fact]
    public void CubinsRunOnSameMajorNewerMinorOnlyAndPtxOnNewer()
    {
        var row = new CudaArchRow("cu118", TorchVersionRange.Parse("2.4.x"),
            [new(8, 6), new(9, 0)], [AcceleratorPlatform.LinuxX64], new ComputeCapability(8, 6), false, "confirmed");
        Assert.True(row.RunsOn(new(8, 9), AcceleratorPlatform.LinuxX64));   // sm_86 cubin on Ada
        Assert.True(row.RunsOn(new(12, 0), AcceleratorPlatform.LinuxX64));  // only through PTX 8.6
        Assert.False(row.RunsOn(new(8, 0), AcceleratorPlatform.LinuxX64));  // a newer minor's cubin does not run on 8.0
        var noPtx = row with { Ptx = null };
        Assert.False(noPtx.RunsOn(new(12, 0), AcceleratorPlatform.LinuxX64));
        Assert.True(noPtx.RunsOn(new(9, 0), AcceleratorPlatform.LinuxX64));
    }

    [Fact]
    public void ToolkitRangeRulesOutTooNewAndTooOldGpus()
    {
        Assert.False(CudaToolkitArchitectures.CanTarget(new Version(12, 6), new ComputeCapability(12, 0)));
        Assert.True(CudaToolkitArchitectures.CanTarget(new Version(12, 8), new ComputeCapability(12, 0)));
        Assert.True(CudaToolkitArchitectures.CanTarget(new Version(11, 8), new ComputeCapability(8, 9)));
        Assert.False(CudaToolkitArchitectures.CanTarget(new Version(13, 0), new ComputeCapability(6, 1)));
    }
}
