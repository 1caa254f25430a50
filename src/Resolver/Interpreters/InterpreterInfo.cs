using LlmPython.Resolver.Requirements;
using LlmPython.Resolver.Tags;

namespace LlmPython.Resolver.Interpreters;

/// <summary>
/// What an interpreter said about itself when probed (see <see cref="InterpreterProbeScript"/>):
/// version, PEP 508 marker values, the sysconfig facts tags depend on, and the paths a venv writer needs.
/// JSON names are the snake_case of the member names.
/// </summary>
public sealed record InterpreterInfo
{
    /// <summary>Version of the probe script that produced this answer.</summary>
    public int ProbeVersion { get; init; }
    /// <summary>Full version in PEP 440 form: "3.11.7", "3.13.0rc1".</summary>
    public string Version { get; init; } = "";
    /// <summary>sys.version_info[:3].</summary>
    public IReadOnlyList<int> VersionInfo { get; init; } = [];
    /// <summary>sys.implementation.name ("cpython").</summary>
    public string Implementation { get; init; } = "";
    /// <summary>All PEP 508 marker values of this interpreter.</summary>
    public IReadOnlyDictionary<string, string> Markers { get; init; } = new Dictionary<string, string>();
    /// <summary>sys.platform ("linux", "win32", "darwin").</summary>
    public string SysPlatform { get; init; } = "";
    /// <summary>sysconfig.get_platform() ("linux-x86_64", "win-amd64", "macosx-11.0-arm64").</summary>
    public string SysconfigPlatform { get; init; } = "";
    /// <summary>sysconfig SOABI ("cpython-311-x86_64-linux-gnu"); null on Windows before 3.13.</summary>
    public string? Soabi { get; init; }
    /// <summary>sysconfig EXT_SUFFIX (".cpython-311-x86_64-linux-gnu.so").</summary>
    public string? ExtSuffix { get; init; }
    /// <summary>sys.abiflags (POSIX only).</summary>
    public string? Abiflags { get; init; }
    /// <summary>Py_DEBUG, WITH_PYMALLOC, Py_UNICODE_SIZE, Py_GIL_DISABLED, py_version_nodot (null = unset).</summary>
    public bool? PyDebug { get; init; }
    public bool? WithPymalloc { get; init; }
    public int? PyUnicodeSize { get; init; }
    public bool? PyGilDisabled { get; init; }
    public string? PyVersionNodot { get; init; }
    /// <summary>hasattr(sys, "gettotalrefcount"): a debug build.</summary>
    public bool HasTotalRefcount { get; init; }
    /// <summary>importlib.machinery.EXTENSION_SUFFIXES.</summary>
    public IReadOnlyList<string> ExtensionSuffixes { get; init; } = [];
    /// <summary>sys.maxunicode.</summary>
    public int MaxUnicode { get; init; }
    /// <summary>struct.calcsize("P"): 4 on a 32-bit interpreter.</summary>
    public int PointerSize { get; init; }
    /// <summary>os.confstr("CS_GNU_LIBC_VERSION") ("glibc 2.36"); null when not glibc.</summary>
    public string? GlibcVersion { get; init; }
    /// <summary>The musl loader's banner (its stderr); null when not musl.</summary>
    public string? MuslLoaderOutput { get; init; }
    /// <summary>platform.mac_ver()[0] ("14.2"); null off macOS.</summary>
    public string? MacVersion { get; init; }
    /// <summary>The interpreter binary's ELF header; null when not ELF.</summary>
    public ElfHeader? Elf { get; init; }
    /// <summary>sys.executable and its real path (symlinks resolved).</summary>
    public string Executable { get; init; } = "";
    public string RealExecutable { get; init; } = "";
    /// <summary>sys.prefix, sys.base_prefix, sys.base_exec_prefix.</summary>
    public string Prefix { get; init; } = "";
    public string BasePrefix { get; init; } = "";
    public string BaseExecPrefix { get; init; } = "";
    /// <summary>sysconfig.get_paths(): stdlib, platstdlib, purelib, platlib, include, scripts.</summary>
    public string? Stdlib { get; init; }
    public string? Platstdlib { get; init; }
    public string? Purelib { get; init; }
    public string? Platlib { get; init; }
    public string? Include { get; init; }
    public string? Scripts { get; init; }

    /// <summary>"3.11".</summary>
    public string MajorMinor => VersionInfo.Count >= 2 ? $"{VersionInfo[0]}.{VersionInfo[1]}" : "";

    public bool Is32Bit => PlatformTags.Is32BitInterpreter(PointerSize);

    /// <summary>The PEP 508 marker environment.</summary>
    public MarkerEnvironment ToMarkerEnvironment() => new(Markers);

    /// <summary>The inputs of packaging's sys_tags for this interpreter.</summary>
    public TagTarget ToTagTarget()
    {
        var version = VersionInfo.Take(2).ToList();
        var abiConfig = new CpythonAbiConfig
        {
            PyDebug = PyDebug,
            HasTotalRefcount = HasTotalRefcount,
            ExtensionSuffixes = ExtensionSuffixes,
            WithPymalloc = WithPymalloc,
            UnicodeSize = PyUnicodeSize,
            MaxUnicode = MaxUnicode,
            GilDisabled = PyGilDisabled == true,
        };
        return new TagTarget
        {
            Implementation = Implementation,
            PythonVersion = version,
            AbiConfig = abiConfig,
            ExtSuffix = ExtSuffix,
            PyVersionNodot = PyVersionNodot,
            Platforms = PlatformTagList(),
        };
    }

    /// <summary>The ordered supported tags, as packaging.tags.sys_tags() would list them in this interpreter.</summary>
    public SupportedTags ToSupportedTags() => SupportedTags.ForTarget(ToTagTarget());

    private IReadOnlyList<string> PlatformTagList()
    {
        var system = Markers.TryGetValue("platform_system", out var s) ? s : "";
        switch (system)
        {
            case "Darwin":
                var machine = Markers.TryGetValue("platform_machine", out var m) ? m : "x86_64";
                return PlatformTags.Mac(ParseMacVersion(MacVersion), PlatformTags.MacArch(machine, Is32Bit));
            case "Linux":
                return PlatformTags.Linux(new LinuxHost
                {
                    SysconfigPlatform = SysconfigPlatform,
                    Is32BitInterpreter = Is32Bit,
                    Glibc = LibcVersion.ParseGlibc(GlibcVersion),
                    Musl = LibcVersion.ParseMusl(MuslLoaderOutput),
                    // Only consulted for armv7l/i686: the binary must be armhf or i386.
                    ElfAbiFitsManylinux = Elf is { } elf && (elf.IsArmhf || elf.IsI686),
                });
            case "Emscripten":
                return PlatformTags.Emscripten(SysconfigPlatform, null);
            default:
                return PlatformTags.Generic(SysconfigPlatform);
        }
    }

    private static (int, int) ParseMacVersion(string? text)
    {
        var parts = (text ?? "").Split('.');
        return parts.Length >= 2 && int.TryParse(parts[0], out var a) && int.TryParse(parts[1], out var b) ? (a, b)
            : parts.Length == 1 && int.TryParse(parts[0], out var only) ? (only, 0)
            : (11, 0);
    }
}
