using System.Text.Json;
using LlmPython.Resolver.Tags;
using static LlmPython.Resolver.Tests.Tags.TagVectors;

namespace LlmPython.Resolver.Tests.Tags;

public class PlatformTagTests
{
    public static TheoryData<int> MacArchRows => Rows("mac_arch");
    public static TheoryData<int> MacBinaryFormatRows => Rows("mac_binary_formats");
    public static TheoryData<int> MacPlatformRows => Rows("mac_platforms");
    public static TheoryData<int> IosRows => Rows("ios_platforms");
    public static TheoryData<int> AndroidRows => Rows("android_platforms");
    public static TheoryData<int> NormalizationRows => Rows("platform_tag_normalization");
    public static TheoryData<int> Is32BitRows => Rows("is_32bit_interpreter");

    [Theory, MemberData(nameof(MacArchRows))]
    public void MacArch(int row)
    {
        var c = Case("mac_arch", row);
        Assert.Equal(c.GetProperty("expected").GetString(),
            PlatformTags.MacArch(c.GetProperty("arch").GetString()!, c.GetProperty("is_32bit").GetBoolean()));
    }

    [Theory, MemberData(nameof(MacBinaryFormatRows))]
    public void MacBinaryFormats(int row)
    {
        var c = Case("mac_binary_formats", row);
        Assert.Equal(c.GetProperty("expected").Strings(),
            PlatformTags.MacBinaryFormats(c.GetProperty("version").Pair(), c.GetProperty("arch").GetString()!));
    }

    [Theory, MemberData(nameof(MacPlatformRows))]
    public void MacPlatforms(int row)
    {
        var c = Case("mac_platforms", row);
        var actual = PlatformTags.Mac(c.GetProperty("version").Pair(), c.GetProperty("arch").GetString()!);
        if (c.TryGetProperty("expected", out var expected) && expected.ValueKind == JsonValueKind.Array)
            Assert.Equal(expected.Strings(), actual);
        else
            Assert.Equal(c.GetProperty("expected_count").GetInt32(), actual.Count);
    }

    [Theory]
    [InlineData("x86_64")]
    [InlineData("arm64")]
    public void MacOS11Membership(string arch)
    {
        var asserts = Group("mac_platforms").GetProperty("membership_asserts_macos_11").GetProperty(arch);
        var mac11 = PlatformTags.Mac((11, 0), arch);
        var mac12 = PlatformTags.Mac((12, 0), arch);
        foreach (var item in asserts.GetProperty("in").Strings())
        {
            const string major12 = "(major>=12) ";
            if (item.StartsWith(major12, StringComparison.Ordinal))
            {
                // "(major>=12) macosx_12_0_x86_64/universal/universal2": every listed format on 12.0.
                var formats = item[major12.Length..]["macosx_12_0_".Length..].Split('/');
                foreach (var f in formats) Assert.Contains("macosx_12_0_" + f, mac12);
            }
            else Assert.Contains(item, mac11);
        }
        foreach (var item in asserts.GetProperty("not_in").Strings()) Assert.DoesNotContain(item, mac11);
    }

    [Theory, MemberData(nameof(IosRows))]
    public void IosPlatforms(int row)
    {
        var c = Case("ios_platforms", row);
        Assert.Equal(c.GetProperty("expected").Strings(),
            PlatformTags.Ios(c.GetProperty("version").Pair(), c.GetProperty("multiarch").GetString()!));
    }

    [Theory, MemberData(nameof(AndroidRows))]
    public void AndroidPlatforms(int row)
    {
        var c = Case("android_platforms", row);
        Assert.Equal(c.GetProperty("expected").Strings(),
            PlatformTags.Android(c.GetProperty("api_level").GetInt32(), c.GetProperty("abi").GetString()!));
    }

    [Theory, MemberData(nameof(NormalizationRows))]
    public void PlatformTagNormalization(int row)
    {
        var c = Case("platform_tag_normalization", row);
        var platform = c.GetProperty("sysconfig_platform").GetString()!;
        IReadOnlyList<string> actual = c.TryGetProperty("config", out var config)
            ? PlatformTags.Emscripten(platform, config.GetProperty("PYEMSCRIPTEN_PLATFORM_VERSION").GetString())
            : PlatformTags.Generic(platform);
        Assert.Equal(c.GetProperty("expected").Strings(), actual);
    }

    [Theory, MemberData(nameof(Is32BitRows))]
    public void Is32BitInterpreterFollowsPointerSize(int row)
    {
        // packaging decides by struct.calcsize("P") alone; sys.maxsize is not consulted.
        var c = Case("is_32bit_interpreter", row);
        Assert.Equal(c.GetProperty("expected").GetBoolean(), PlatformTags.Is32BitInterpreter(c.GetProperty("sizeof_voidp").GetInt32()));
    }
}
