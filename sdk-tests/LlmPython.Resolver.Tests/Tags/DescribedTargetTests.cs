using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Tags;

namespace LlmPython.Resolver.Tests.Tags;

public class DescribedTargetTests
{
    [Fact]
    public void LinuxX64UsesDefaultGlibcAndPackagingOrder()
    {
        var tags = TargetDescription.FromRuntimeIdentifier("linux-x64", "3.11").ToSupportedTags().Ordered.Strs();
        Assert.Equal("cp311-cp311-linux_x86_64", tags[0]);
        Assert.Equal("cp311-cp311-manylinux_2_28_x86_64", tags[1]);
        Assert.Contains("cp311-cp311-manylinux2014_x86_64", tags);
        Assert.DoesNotContain("cp311-cp311-manylinux_2_29_x86_64", tags);
        Assert.Contains("cp38-abi3-manylinux1_x86_64", tags);
        Assert.Equal("py30-none-any", tags[^1]);
        Assert.True(Array.IndexOf(tags, "cp311-none-any") < Array.IndexOf(tags, "py3-none-any"));
    }

    [Fact]
    public void LinuxArm64StopsAtGlibc217()
    {
        var d = TargetDescription.FromRuntimeIdentifier("linux-arm64", "3.12") with { Glibc = (2, 31) };
        var platforms = d.PlatformTagList();
        Assert.Equal("manylinux_2_31_aarch64", platforms[1]);
        Assert.Equal("manylinux2014_aarch64", platforms[^1]);
        Assert.Equal("aarch64", d.ToMarkerEnvironment()["platform_machine"]);
    }

    [Fact]
    public void MuslTargetHasMusllinuxOnly()
    {
        var platforms = TargetDescription.FromRuntimeIdentifier("linux-musl-x64", "3.12").PlatformTagList();
        Assert.Equal(["linux_x86_64", "musllinux_1_2_x86_64", "musllinux_1_1_x86_64", "musllinux_1_0_x86_64"], platforms);
    }

    [Theory]
    [InlineData("win-x64", "win_amd64", "AMD64")]
    [InlineData("win-x86", "win32", "x86")]
    [InlineData("win-arm64", "win_arm64", "ARM64")]
    public void Windows(string rid, string platform, string machine)
    {
        var d = TargetDescription.FromRuntimeIdentifier(rid, "3.10");
        Assert.Equal([platform], d.PlatformTagList());
        var markers = d.ToMarkerEnvironment();
        Assert.Equal("win32", markers["sys_platform"]);
        Assert.Equal("nt", markers["os_name"]);
        Assert.Equal(machine, markers["platform_machine"]);
        Assert.Equal("cp310-cp310-" + platform, d.ToSupportedTags().Ordered[0].ToString());
    }

    [Fact]
    public void MacArm64AcceptsUniversal2AndOlderMajors()
    {
        var d = TargetDescription.FromRuntimeIdentifier("osx-arm64", "3.11") with { MacOSVersion = (14, 0) };
        var platforms = d.PlatformTagList();
        Assert.Equal(["macosx_14_0_arm64", "macosx_14_0_universal2", "macosx_13_0_arm64"], platforms.Take(3));
        Assert.Contains("macosx_10_9_universal2", platforms);
        Assert.DoesNotContain("macosx_10_9_x86_64", platforms);
        Assert.Equal("darwin", d.ToMarkerEnvironment()["sys_platform"]);
    }

    [Fact]
    public void FreeThreadedTargetUsesAbi3t()
    {
        var d = new TargetDescription { PythonVersion = "3.13", Os = TargetOs.Linux, Arch = "x86_64", FreeThreaded = true };
        var tags = d.ToSupportedTags().Ordered.Strs();
        Assert.Equal("cp313-cp313t-linux_x86_64", tags[0]);
        Assert.Contains("cp312-abi3t-manylinux_2_17_x86_64", tags);
        Assert.DoesNotContain("cp312-abi3-manylinux_2_17_x86_64", tags);
    }

    [Fact]
    public void FullAndPrereleaseVersionsGiveMarkerValues()
    {
        var d = TargetDescription.FromRuntimeIdentifier("linux-x64", "3.13.0rc1");
        Assert.Equal("3.13.0rc1", d.ToMarkerEnvironment()["python_full_version"]);
        Assert.Equal("3.13", d.ToMarkerEnvironment()["python_version"]);
        Assert.Equal("3.12.0", TargetDescription.FromRuntimeIdentifier("win-x64", "3.12").ToMarkerEnvironment()["python_full_version"]);
        Assert.Equal("cp313-cp313-linux_x86_64", d.ToSupportedTags().Ordered[0].ToString());
    }

    [Fact]
    public void UnknownRuntimeIdentifierIsReported()
    {
        var e = Assert.Throws<LlmPyException>(() => TargetDescription.FromRuntimeIdentifier("freebsd-x64", "3.11"));
        Assert.Equal(DiagnosticCodes.Standards.UnknownRuntimeIdentifier, e.Code);
        Assert.Contains("freebsd-x64", e.Message);
        var bad = new TargetDescription { PythonVersion = "three", Os = TargetOs.Linux, Arch = "x64" };
        Assert.Equal(DiagnosticCodes.Standards.InvalidTargetDescription, Assert.Throws<LlmPyException>(() => bad.ToTagTarget()).Code);
    }
}
