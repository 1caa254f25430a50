using LlmPython.Resolver.Accelerators;
using LlmPython.Resolver.Diagnostics;

namespace LlmPython.Resolver.Tests.Accelerators;

public class PyTorchFamilyTests
{
    private readonly PyTorchFamilyCatalog _family = new();

    [Theory]
    [InlineData("torch", true)]
    [InlineData("TorchVision", true)]
    [InlineData("pytorch_triton", true)]
    [InlineData("xformers", true)]
    [InlineData("flash-attn", false)]   // pyx-only
    [InlineData("torch-scatter", false)]
    [InlineData("transformers", false)] // not in the table
    public void RoutesOnlyPyTorchSourcePackagesToTheBackendIndex(string name, bool expected) =>
        Assert.Equal(expected, _family.IsRoutedToBackendIndex(name));

    [Fact]
    public void RoutedNamesAreNormalizedAndSorted()
    {
        var names = _family.RoutedPackageNames;
        Assert.Contains("fbgemm-gpu", names);
        Assert.DoesNotContain("vllm", names);
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
    }

    [Theory]
    [InlineData("torchvision", "2.4.0", "0.19.0")]
    [InlineData("torchaudio", "2.4.0", "2.4.0")]
    [InlineData("torchvision", "2.4.0+cu121", "0.19.0")]
    [InlineData("torchvision", "2.4", "0.19.0")]
    [InlineData("torchaudio", "2.0.0", "2.0.1")]   // pip's pairing, not conda's
    [InlineData("torchvision", "2.14.0", "0.29.0")] // "(UNCONFIRMED)" stripped
    [InlineData("torchaudio", "2.12.0", null)]      // no torchaudio after 2.11
    [InlineData("torchvision", "2.15.0", null)]
    [InlineData("torchvision", "3.0.0", null)]
    [InlineData("xformers", "2.4.0", null)]
    public void PairsCompanionReleasesWithTorch(string companion, string torch, string? expected) =>
        Assert.Equal(expected, _family.PairedVersion(companion, torch));

    [Theory]
    [InlineData("torchvision", "0.19.1", "2.4.1")]
    [InlineData("torchaudio", "2.0.2", "2.0.1")]
    [InlineData("torchvision", "0.99.0", null)]
    public void FindsTheTorchOfACompanion(string companion, string version, string? expected) =>
        Assert.Equal(expected, _family.TorchVersionFor(companion, version));

    [Fact]
    public void MergesBackendRequestsOfTheFamily()
    {
        Assert.Equal("auto", PyTorchFamilyCatalog.MergeBackendRequests([("torch", null), ("torchvision", "")]));
        Assert.Equal("cu118", PyTorchFamilyCatalog.MergeBackendRequests([("torch", "auto"), ("torchvision", "CU118")]));
        Assert.Equal("cpu", PyTorchFamilyCatalog.MergeBackendRequests([("torch", null)], projectDefault: "cpu"));
        var e = Assert.Throws<LlmPyException>(() =>
            PyTorchFamilyCatalog.MergeBackendRequests([("torch", "cu124"), ("torchvision", "cu126")]));
        Assert.Equal(DiagnosticCodes.Accelerators.ConflictingBackends, e.Code);
        Assert.Contains("torch", e.Message);
        Assert.Contains("cu126", e.Message);
        Assert.Equal("torchvision", e.PackageName);
    }
}
