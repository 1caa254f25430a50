namespace LlmPython.Resolver.Tags;

/// <summary>
/// Platform tags per operating system, most preferred first, as packaging.tags computes them for a
/// host, but from explicit inputs (so a target can be described without running on it).
/// </summary>
public static class PlatformTags
{
    // glibc minors enumerated for an older glibc major once the host is past it (packaging assumes 50).
    private const int LastGlibcMinor = 50;

    private static readonly Dictionary<(int, int), string> LegacyManylinux = new()
    {
        [(2, 17)] = "manylinux2014",
        [(2, 12)] = "manylinux2010",
        [(2, 5)] = "manylinux1",
    };

    private static readonly HashSet<string> ManylinuxArches =
        ["x86_64", "aarch64", "ppc64", "ppc64le", "s390x", "loongarch64", "riscv64"];

    /// <summary>linux_&lt;arch&gt; first (PEP 425 native tags, packaging ≥ 26.3), then manylinux, then musllinux.</summary>
    public static IReadOnlyList<string> Linux(LinuxHost host)
    {
        var linux = TagGenerator.NormalizePlatformString(host.SysconfigPlatform);
        if (!linux.StartsWith("linux_", StringComparison.Ordinal))
            return [linux];
        if (host.Is32BitInterpreter)
        {
            if (linux == "linux_x86_64") linux = "linux_i686";
            else if (linux == "linux_aarch64") linux = "linux_armv8l";
        }
        var arch = linux["linux_".Length..];
        IReadOnlyList<string> archs = arch == "armv8l" ? ["armv8l", "armv7l"] : [arch];
        var result = archs.Select(a => "linux_" + a).ToList();
        result.AddRange(Manylinux(archs, host));
        result.AddRange(Musllinux(archs, host.Musl));
        return result;
    }

    /// <summary>manylinux_X_Y_arch from the host's glibc down to 2.17 (2.5 on x86), with the legacy aliases after their glibc.</summary>
    public static IReadOnlyList<string> Manylinux(IReadOnlyList<string> archs, LinuxHost host)
    {
        var result = new List<string>();
        if (host.Glibc is not { } glibc || !HasManylinuxAbi(archs, host)) return result;

        var tooOld = archs.Contains("x86_64") || archs.Contains("i686") ? (Major: 2, Minor: 4) : (Major: 2, Minor: 16);
        var maxima = new List<(int Major, int Minor)> { glibc };
        for (var major = glibc.Major - 1; major > 1; major--)
            maxima.Add((major, LastGlibcMinor)); // compatibility across glibc majors is assumed
        foreach (var arch in archs)
            foreach (var max in maxima)
            {
                var minMinor = max.Major == tooOld.Major ? tooOld.Minor : -1;
                for (var minor = max.Minor; minor > minMinor; minor--)
                {
                    var compatible = IsManylinuxCompatible(arch, (max.Major, minor), host);
                    if (compatible) result.Add($"manylinux_{max.Major}_{minor}_{arch}");
                    if (compatible && LegacyManylinux.TryGetValue((max.Major, minor), out var legacy))
                        result.Add($"{legacy}_{arch}");
                }
            }
        return result;
    }

    /// <summary>Whether a glibc-versioned manylinux tag runs on the host (glibc check, then the <c>_manylinux</c> override).</summary>
    public static bool IsManylinuxCompatible(string arch, (int Major, int Minor) tagGlibc, LinuxHost host)
    {
        if (host.Glibc is not { } sys || sys.CompareTo(tagGlibc) < 0) return false;
        return host.ManylinuxOverride?.Invoke(tagGlibc.Major, tagGlibc.Minor, arch) ?? true;
    }

    /// <summary>musllinux_X_Y_arch from the host's musl minor down to 0.</summary>
    public static IReadOnlyList<string> Musllinux(IReadOnlyList<string> archs, (int Major, int Minor)? musl)
    {
        if (musl is not { } m) return [];
        return [.. from arch in archs from minor in Enumerable.Range(0, m.Minor + 1).Reverse() select $"musllinux_{m.Major}_{minor}_{arch}"];
    }

    private static bool HasManylinuxAbi(IReadOnlyList<string> archs, LinuxHost host)
    {
        if (archs.Contains("armv7l") || archs.Contains("i686")) return host.ElfAbiFitsManylinux;
        return archs.Any(ManylinuxArches.Contains);
    }

    /// <summary>_mac_arch: a 32-bit interpreter on a 64-bit Mac is i386 (ppc for PowerPC).</summary>
    public static string MacArch(string arch, bool is32Bit)
    {
        if (!is32Bit) return arch;
        return arch.StartsWith("ppc", StringComparison.Ordinal) ? "ppc" : "i386";
    }

    /// <summary>The binary formats a macOS version runs for an arch (x86_64 → x86_64, intel, fat64, fat3, universal2, universal).</summary>
    public static IReadOnlyList<string> MacBinaryFormats((int Major, int Minor) version, string cpuArch)
    {
        var formats = new List<string> { cpuArch };
        switch (cpuArch)
        {
            case "x86_64":
                if (version.CompareTo((10, 4)) < 0) return [];
                formats.AddRange(["intel", "fat64", "fat3"]);
                break;
            case "i386":
                if (version.CompareTo((10, 4)) < 0) return [];
                formats.AddRange(["intel", "fat3", "fat"]);
                break;
            case "ppc64":
                if (version.CompareTo((10, 5)) > 0 || version.CompareTo((10, 4)) < 0) return [];
                formats.Add("fat64");
                break;
            case "ppc":
                if (version.CompareTo((10, 6)) > 0) return [];
                formats.AddRange(["fat3", "fat"]);
                break;
        }
        if (cpuArch is "arm64" or "x86_64") formats.Add("universal2");
        if (cpuArch is "x86_64" or "i386" or "ppc64" or "ppc" or "intel") formats.Add("universal");
        return formats;
    }

    /// <summary>macosx_X_Y_format tags from the given macOS version down (10.x minors; 11+ majors, then 10.16..10.4).</summary>
    public static IReadOnlyList<string> Mac((int Major, int Minor) version, string arch)
    {
        var result = new List<string>();
        void Add(int major, int minor, IEnumerable<string> formats) =>
            result.AddRange(formats.Select(f => $"macosx_{major}_{minor}_{f}"));

        if (version.CompareTo((10, 0)) >= 0 && version.CompareTo((11, 0)) < 0)
            for (var minor = version.Minor; minor >= 0; minor--)
                Add(10, minor, MacBinaryFormats((10, minor), arch));
        if (version.CompareTo((11, 0)) >= 0)
        {
            // From macOS 11 the major is bumped yearly; minors are mid-year updates.
            for (var major = version.Major; major > 10; major--)
                Add(major, 0, MacBinaryFormats((major, 0), arch));
            // x86_64 runs older binaries; arm64 only universal2 ones that also target older macOS.
            for (var minor = 16; minor > 3; minor--)
                Add(10, minor, arch == "x86_64" ? MacBinaryFormats((10, minor), arch) : ["universal2"]);
        }
        return result;
    }

    /// <summary>ios_X_Y_multiarch from the version down to 12.0 (every earlier major enumerates minors 9..0).</summary>
    public static IReadOnlyList<string> Ios((int Major, int Minor) version, string multiarch)
    {
        var arch = multiarch.Replace('-', '_');
        if (version.Major < 12) return [];
        var result = new List<string>();
        for (var minor = version.Minor; minor >= 0; minor--) result.Add($"ios_{version.Major}_{minor}_{arch}");
        for (var major = version.Major - 1; major >= 12; major--)
            for (var minor = 9; minor >= 0; minor--) result.Add($"ios_{major}_{minor}_{arch}");
        return result;
    }

    /// <summary>android_N_abi from the API level down to 16.</summary>
    public static IReadOnlyList<string> Android(int apiLevel, string abi)
    {
        var normalized = TagGenerator.NormalizePlatformString(abi);
        var result = new List<string>();
        for (var level = apiLevel; level >= 16; level--) result.Add($"android_{level}_{normalized}");
        return result;
    }

    /// <summary>Emscripten: the pyemscripten platform (when the build names one), then the sysconfig platform.</summary>
    public static IReadOnlyList<string> Emscripten(string sysconfigPlatform, string? pyemscriptenPlatformVersion)
    {
        var result = new List<string>();
        if (!string.IsNullOrEmpty(pyemscriptenPlatformVersion))
            result.Add($"pyemscripten_{pyemscriptenPlatformVersion}_wasm32");
        result.Add(TagGenerator.NormalizePlatformString(sysconfigPlatform));
        return result;
    }

    /// <summary>Any other OS (Windows included): the sysconfig platform, normalized ("win-amd64" → "win_amd64").</summary>
    public static IReadOnlyList<string> Generic(string sysconfigPlatform) => [TagGenerator.NormalizePlatformString(sysconfigPlatform)];

    /// <summary>struct.calcsize("P") == 4: a 32-bit interpreter, whatever the kernel.</summary>
    public static bool Is32BitInterpreter(int pointerSize) => pointerSize == 4;
}
