using LlmPython.Resolver.Interpreters;

namespace LlmPython.Resolver.Tests.Interpreters;

/// <summary>Tags of probe answers from hosts this machine is not (Windows, macOS, 32-bit ARM, musl, free-threaded).</summary>
public class InterpreterInfoTests
{
    private static InterpreterInfo Info(string system, string machine, string sysconfigPlatform, int[] version) => new()
    {
        ProbeVersion = 2,
        Version = string.Join('.', version),
        VersionInfo = version,
        Implementation = "cpython",
        Markers = new Dictionary<string, string> { ["platform_system"] = system, ["platform_machine"] = machine },
        SysconfigPlatform = sysconfigPlatform,
        PointerSize = 8,
    };

    private static List<string> Tags(InterpreterInfo info) => [.. info.ToSupportedTags().Ordered.Select(t => t.ToString())];

    [Fact]
    public void Windows()
    {
        var tags = Tags(Info("Windows", "AMD64", "win-amd64", [3, 11, 7]) with { ExtSuffix = ".cp311-win_amd64.pyd" });
        Assert.Equal(["cp311-cp311-win_amd64", "cp311-abi3-win_amd64", "cp311-none-win_amd64"], tags.Take(3));
    }

    [Fact]
    public void MacArm64()
    {
        var tags = Tags(Info("Darwin", "arm64", "macosx-11.0-arm64", [3, 12, 1]) with { MacVersion = "14.2" });
        Assert.Equal(["cp312-cp312-macosx_14_0_arm64", "cp312-cp312-macosx_14_0_universal2", "cp312-cp312-macosx_13_0_arm64"], tags.Take(3));
    }

    [Fact]
    public void ArmhfGetsManylinuxButArmelDoesNot()
    {
        var armhf = Info("Linux", "armv7l", "linux-armv7l", [3, 11, 2]) with
        {
            PointerSize = 4,
            GlibcVersion = "glibc 2.31",
            Elf = new ElfHeader { Class = 1, Data = 1, Machine = 40, Flags = 0x05000400 },
        };
        Assert.Contains("cp311-cp311-manylinux_2_31_armv7l", Tags(armhf));
        var armel = armhf with { Elf = new ElfHeader { Class = 1, Data = 1, Machine = 40, Flags = 0x05000200 } };
        Assert.DoesNotContain(Tags(armel), t => t.Contains("manylinux"));
    }

    [Fact]
    public void MuslAndFreeThreaded()
    {
        var info = Info("Linux", "x86_64", "linux-x86_64", [3, 13, 0]) with
        {
            MuslLoaderOutput = "musl libc (x86_64)\nVersion 1.2.4\nDynamic Program Loader\n",
            PyGilDisabled = true,
        };
        var tags = Tags(info);
        Assert.Equal(["cp313-cp313t-linux_x86_64", "cp313-cp313t-musllinux_1_2_x86_64"], tags.Take(2));
        Assert.Contains("cp312-abi3t-musllinux_1_0_x86_64", tags);
        Assert.DoesNotContain(tags, t => t.Contains("manylinux"));
    }

    [Fact]
    public void PyPyUsesExtSuffixAbiAndPp3Fallback()
    {
        var info = Info("Linux", "x86_64", "linux-x86_64", [3, 10, 14]) with
        {
            Implementation = "pypy",
            ExtSuffix = ".pypy310-pp73-x86_64-linux-gnu.so",
            GlibcVersion = "glibc 2.17",
        };
        var tags = Tags(info);
        Assert.Equal("pp310-pypy310_pp73-linux_x86_64", tags[0]);
        Assert.Contains("pp3-none-any", tags);
        Assert.DoesNotContain(tags, t => t.Contains("abi3"));
    }
}
