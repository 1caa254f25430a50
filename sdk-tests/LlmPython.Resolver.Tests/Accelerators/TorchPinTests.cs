using LlmPython.Resolver.Accelerators;
using LlmPython.Resolver.Restore;

namespace LlmPython.Resolver.Tests.Accelerators;

/// <summary>The torch pin production reads (<c>RestoreSession.PinnedTorch</c> → <see cref="TorchPin.Release"/>).</summary>
public class TorchPinTests
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
        Assert.Equal(expected, TorchPin.Release(spec));

    [Theory]
    [InlineData("2.4.0", "2.4.0")]
    [InlineData("==2.4.0+cu118", "2.4.0")]  // the release the architecture tables and torchvision pairing know
    [InlineData("===2.4.0", null)]
    [InlineData(">=2.4,<2.5", null)]
    public void TheValidatedTorchRootPinsThroughIt(string version, string? expected)
    {
        var validated = RequestValidator.Validate(new RestoreRequest
        {
            ProjectPath = "/p/App.csproj", LockFilePath = "/p/python.lock.json", EnvironmentDirectory = "/p/venv",
            Packages = [new PackageItem("Torch", version), new PackageItem("torchvision")],
        }, BackendSelector.IsBackendName);
        var torch = validated.Roots.Single(r => r.Name.Value == "torch");
        Assert.Equal(expected, TorchPin.Release(torch.Requirement.Specifier.ToString()));
    }
}
