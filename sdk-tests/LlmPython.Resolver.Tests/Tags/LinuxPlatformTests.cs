using LlmPython.Resolver.Tags;
using static LlmPython.Resolver.Tests.Tags.TagVectors;

namespace LlmPython.Resolver.Tests.Tags;

/// <summary>
/// linux_platforms rows: upstream mocks the host (glibc/musl version, sysconfig platform, the
/// interpreter's ELF ABI, the _manylinux module). Each row's mock is served through <see cref="LinuxHost"/>.
/// </summary>
public class LinuxPlatformTests
{
    public static TheoryData<int> LinuxRows => Rows("linux_platforms");
    public static TheoryData<int> ManylinuxCompatibleRows
    {
        get
        {
            var data = new TheoryData<int>();
            var cases = Group("manylinux_is_compatible").GetProperty("cases");
            for (var i = 0; i < cases.GetArrayLength(); i++)
                if (cases[i].TryGetProperty("host_glibc", out _)) data.Add(i);
            return data;
        }
    }
    public static TheoryData<int> GlibcRows => Rows("glibc_version_parse");
    public static TheoryData<int> MuslRows => Rows("musl_version_parse");

    // The mocked host of each row, checked against the row's scenario text so a changed vector file is noticed.
    private static (string ScenarioStart, LinuxHost Host) HostOf(int row) => row switch
    {
        0 => ("sysconfig platform linux_x86_64, glibc 2.20, only glibc 2.5", Host("linux_x86_64", (2, 20), overrides: (M, m, _) => (M, m) == (2, 5))),
        1 => ("linux_x86_64, glibc 2.12", Host("linux_x86_64", (2, 12))),
        2 => ("linux_x86_64, glibc 2.17", Host("linux_x86_64", (2, 17))),
        3 => ("linux_x86_64 host, 32-bit interpreter (i386 ELF), glibc 2.17", Host("linux_x86_64", (2, 17))),
        4 => ("linux_aarch64, glibc 3.2", Host("linux_aarch64", (3, 2))),
        5 => ("sysconfig linux_armv7l, 32-bit armhf interpreter, glibc 2.30 but only 2.17", Host("linux_armv7l", (2, 30), overrides: Only217)),
        6 => ("sysconfig linux_armv8l, 32-bit armhf interpreter, glibc 2.30 but only 2.17", Host("linux_armv8l", (2, 30), overrides: Only217)),
        7 => ("sysconfig linux_aarch64, 32-bit armhf interpreter, glibc 2.30 but only 2.17", Host("linux_aarch64", (2, 30), overrides: Only217)),
        8 => ("linux_armv6l, glibc 2.20", Host("linux_armv6l", (2, 20))),
        9 => ("linux_x86_64 with x32 ABI interpreter", Host("linux_x86_64", (2, 17), elfFits: false)),
        10 => ("linux_armv7l with armel", Host("linux_armv7l", (2, 17), elfFits: false)),
        11 => ("not_linux_x86_64 platform string", Host("not_linux_x86_64", (2, 17))),
        12 => ("linux_x86_64, manylinux unsupported", Host("linux_x86_64", null)),
        13 or 14 => ("sysconfig linux-x86_64, no manylinux compatible", Host("linux-x86_64", null)),
        15 or 16 => ("sysconfig linux-aarch64, no manylinux compatible", Host("linux-aarch64", null)),
        17 => ("linux_ppc64, glibc 2.20, _manylinux module says manylinux2014_compatible=False",
            Host("linux_ppc64", (2, 20), overrides: (M, m, _) => (M, m) == (2, 17) ? false : null)),
        18 => ("linux_x86_64, glibc 2.20, _manylinux.manylinux_compatible(2,22,arch) only true for s390x", Host("linux_x86_64", (2, 20), overrides: S390xOn222)),
        19 => ("linux_s390x, glibc 2.22", Host("linux_s390x", (2, 22), overrides: S390xOn222)),
        20 => ("linux_x86_64, glibc 2.30, manylinux_compatible returns False for 2.<25 and None",
            Host("linux_x86_64", (2, 30), overrides: (M, m, _) => M == 2 && m < 25 ? false : null)),
        21 => ("musl 1.1 host linux_armv7l", Host("linux_armv7l", null, musl: (1, 1))),
        22 => ("musl 1.1 host linux_aarch64", Host("linux_aarch64", null, musl: (1, 1))),
        23 => ("musl 1.2 host linux_i386", Host("linux_i386", null, musl: (1, 2))),
        24 => ("musl 1.2 host linux_x86_64", Host("linux_x86_64", null, musl: (1, 2))),
        25 => ("musl 1.1 host linux_armv7l", Host("linux_armv7l", null, musl: (1, 1))),
        26 => ("musl 1.1 host linux_aarch64", Host("linux_aarch64", null, musl: (1, 1))),
        27 => ("musl 1.2 host linux_i386", Host("linux_i386", null, musl: (1, 2))),
        28 => ("musl 1.2 host linux_x86_64", Host("linux_x86_64", null, musl: (1, 2))),
        _ => throw new InvalidOperationException($"linux_platforms row {row} has no host mapping: add one."),
    };

    private static bool? Only217(int major, int minor, string arch) => (major, minor) == (2, 17);
    private static bool? S390xOn222(int major, int minor, string arch) => (major, minor) == (2, 22) && arch == "s390x";

    private static LinuxHost Host(string platform, (int, int)? glibc, (int, int)? musl = null, bool elfFits = true, ManylinuxCompatibility? overrides = null) =>
        new() { SysconfigPlatform = platform, Glibc = glibc, Musl = musl, ElfAbiFitsManylinux = elfFits, ManylinuxOverride = overrides };

    [Theory, MemberData(nameof(LinuxRows))]
    public void LinuxPlatforms(int row)
    {
        var c = Case("linux_platforms", row);
        var (scenarioStart, host) = HostOf(row);
        Assert.StartsWith(scenarioStart, c.GetProperty("scenario").GetString());
        host = host with { Is32BitInterpreter = c.GetProperty("is_32bit").GetBoolean() };
        var actual = PlatformTags.Linux(host);
        if (c.TryGetProperty("expected", out var expected))
            Assert.Equal(expected.Strings(), actual);
        else
        {
            var prefix = c.GetProperty("expected_prefix").Strings();
            Assert.Equal(prefix, actual.Take(prefix.Length));
        }
    }

    [Theory, MemberData(nameof(ManylinuxCompatibleRows))]
    public void ManylinuxIsCompatible(int row)
    {
        var c = Case("manylinux_is_compatible", row);
        var host = Host("linux_x86_64", c.GetProperty("host_glibc").Pair());
        Assert.Equal(c.GetProperty("compatible").GetBoolean(),
            PlatformTags.IsManylinuxCompatible("x86_64", c.GetProperty("tag_glibc").Pair(), host));
    }

    [Fact]
    public void ManylinuxLegacyOverrideRow()
    {
        // The note row: a _manylinux attribute decides its glibc; a missing one falls back to the glibc check.
        var note = Group("manylinux_is_compatible").GetProperty("cases").EnumerateArray().Single(c => c.TryGetProperty("note", out _));
        Assert.Contains("missing attribute -> fall back to glibc check", note.GetProperty("note").GetString());
        var host = Host("linux_x86_64", (2, 20), overrides: (M, m, _) => (M, m) == (2, 5) ? false : null);
        Assert.False(PlatformTags.IsManylinuxCompatible("x86_64", (2, 5), host));
        Assert.True(PlatformTags.IsManylinuxCompatible("x86_64", (2, 12), host));
    }

    [Theory, MemberData(nameof(GlibcRows))]
    public void GlibcVersionParse(int row)
    {
        var c = Case("glibc_version_parse", row);
        var input = c.GetProperty("input").GetString()!;
        const string confstr = "confstr output '";
        if (input.StartsWith(confstr, StringComparison.Ordinal)) input = input[confstr.Length..^1];
        var expected = c.GetProperty("expected").Pair();
        var actual = LibcVersion.ParseGlibc(input);
        Assert.Equal(expected == (-1, -1) ? null : expected, actual);
    }

    [Theory, MemberData(nameof(MuslRows))]
    public void MuslVersionParse(int row)
    {
        var c = Case("musl_version_parse", row);
        var expected = c.GetProperty("expected");
        var actual = LibcVersion.ParseMusl(c.GetProperty("output").GetString());
        Assert.Equal(expected.ValueKind == System.Text.Json.JsonValueKind.Null ? null : expected.Pair(), actual);
    }
}
