using LlmPython.Resolver.Accelerators;
using LlmPython.Resolver.Diagnostics;

namespace LlmPython.Resolver.Tests.Accelerators;

public class TorchFamilyRequestTests
{
    [Theory]
    [InlineData("2.4.0", "2.4.0")]
    [InlineData("==2.4.0", "2.4.0")]
    [InlineData(" == 2.5.1+cu124 ", "2.5.1")]
    [InlineData(">=2.4", null)]
    [InlineData("==2.*", null)]
    [InlineData("==2.4.0,<3", null)]
    [InlineData("===2.4.0", null)]
    [InlineData("~=2.4", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void ReadsOnlyExactPins(string? spec, string? expected) =>
        Assert.Equal(expected, TorchFamilyRequest.PinnedVersion(spec));

    [Fact]
    public void BuildsTheRequestFromFamilyItemsOnly()
    {
        var request = TorchFamilyRequest.Create(
            [("transformers", "==4.40.0", "cu999"), ("Torch", "2.4.0", null), ("torchvision", null, "cu121")],
            projectCuda: "auto", GpuInfo.None, AcceleratorPlatform.LinuxX64, "http://127.0.0.1:9/whl");
        Assert.Equal("cu121", request.Requested); // transformers' Cuda is not a family request
        Assert.Equal("2.4.0", request.TorchVersion);
        Assert.Equal("http://127.0.0.1:9/whl", request.PyTorchIndexUrl);
    }

    [Fact]
    public void APinnedTorchvisionImpliesItsTorch()
    {
        var request = TorchFamilyRequest.Create([("torch", null, null), ("torchvision", "0.19.1", null)],
            "cpu", GpuInfo.None, AcceleratorPlatform.LinuxX64, "https://download.pytorch.org/whl");
        Assert.Equal("2.4.1", request.TorchVersion);
        Assert.Equal("cpu", request.Requested);
    }

    [Fact]
    public void ConflictingFamilyBackendsAreAnError()
    {
        var e = Assert.Throws<LlmPyException>(() => TorchFamilyRequest.Create(
            [("torch", null, "cu118"), ("torchaudio", null, "cu124")], "auto", GpuInfo.None, AcceleratorPlatform.LinuxX64, "x"));
        Assert.Equal(AcceleratorDiagnosticCodes.ConflictingBackends, e.Code);
    }
}
