using System.Globalization;
using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Requirements;

namespace LlmPython.Resolver.Tags;

/// <summary>
/// A target machine described rather than run (e.g. <c>dotnet publish -r linux-arm64</c>): enough to
/// compute its supported tags and its PEP 508 marker values without starting an interpreter.
/// </summary>
public sealed record TargetDescription
{
    /// <summary>Default glibc of a described Linux target: manylinux_2_28 covers current PyTorch/CUDA wheels.</summary>
    public static readonly (int Major, int Minor) DefaultGlibc = (2, 28);
    /// <summary>Default macOS version of a described Mac target.</summary>
    public static readonly (int Major, int Minor) DefaultMacOS = (12, 0);

    /// <summary>"3.11" or "3.11.7".</summary>
    public required string PythonVersion { get; init; }
    /// <summary>sys.implementation.name.</summary>
    public string Implementation { get; init; } = "cpython";
    public required TargetOs Os { get; init; }
    /// <summary>Machine name as Python reports it: x86_64, aarch64 (Linux) / arm64 (macOS), AMD64/ARM64/x86 (Windows); aliases such as "x64" are accepted.</summary>
    public required string Arch { get; init; }
    /// <summary>Linux glibc; null with <see cref="Musl"/> null means <see cref="DefaultGlibc"/>.</summary>
    public (int Major, int Minor)? Glibc { get; init; }
    /// <summary>Linux musl (Alpine); set it instead of glibc.</summary>
    public (int Major, int Minor)? Musl { get; init; }
    /// <summary>macOS version; null = <see cref="DefaultMacOS"/>.</summary>
    public (int Major, int Minor)? MacOSVersion { get; init; }
    /// <summary>iOS version (default 13.0) and multiarch for <see cref="TargetOs.Ios"/>.</summary>
    public (int Major, int Minor)? IosVersion { get; init; }
    public string? IosMultiarch { get; init; }
    /// <summary>Android API level (default 24) for <see cref="TargetOs.Android"/>.</summary>
    public int? AndroidApiLevel { get; init; }
    /// <summary>A free-threaded (3.13t) CPython build.</summary>
    public bool FreeThreaded { get; init; }

    /// <summary>
    /// A .NET runtime identifier (linux-x64, linux-arm64, linux-musl-x64, win-x64, win-x86, win-arm64,
    /// osx-x64, osx-arm64) as a target. Throws <see cref="LlmPyException"/> for an unknown one.
    /// </summary>
    public static TargetDescription FromRuntimeIdentifier(string rid, string pythonVersion)
    {
        var parts = rid.ToLowerInvariant().Split('-');
        TargetDescription? d = parts switch
        {
            ["linux", var a] => new() { PythonVersion = pythonVersion, Os = TargetOs.Linux, Arch = a },
            ["linux", "musl", var a] => new() { PythonVersion = pythonVersion, Os = TargetOs.Linux, Arch = a, Musl = (1, 2) },
            ["win", var a] => new() { PythonVersion = pythonVersion, Os = TargetOs.Windows, Arch = a },
            ["osx", var a] => new() { PythonVersion = pythonVersion, Os = TargetOs.MacOS, Arch = a },
            _ => null,
        };
        if (d is null || !IsKnownArch(d.Os, parts[^1]))
            throw new LlmPyException(DiagnosticCodes.Standards.UnknownRuntimeIdentifier,
                $"No Python platform is known for the runtime identifier '{rid}'. Use one of linux-x64, linux-arm64, " +
                "linux-musl-x64, linux-musl-arm64, win-x64, win-x86, win-arm64, osx-x64, osx-arm64.");
        return d;
    }

    private static bool IsKnownArch(TargetOs os, string arch) => os switch
    {
        TargetOs.Windows => arch is "x64" or "x86" or "arm64",
        TargetOs.MacOS => arch is "x64" or "arm64",
        _ => arch is "x64" or "arm64" or "x86" or "arm",
    };

    /// <summary>The (major, minor[, micro]) numbers of <see cref="PythonVersion"/> ("3.13.0rc1" → 3, 13, 0).</summary>
    public IReadOnlyList<int> VersionParts()
    {
        var m = System.Text.RegularExpressions.Regex.Match(PythonVersion.Trim(), @"^([0-9]+)\.([0-9]+)(?:\.([0-9]+)[0-9a-z]*)?$");
        if (!m.Success)
            throw new LlmPyException(DiagnosticCodes.Standards.InvalidTargetDescription,
                $"PythonVersion '{PythonVersion}' is not of the form 3.11 or 3.11.7. Set PythonVersion to a major.minor version.");
        var numbers = new List<int> { int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) };
        if (m.Groups[3].Success) numbers.Add(int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture));
        return numbers;
    }

    /// <summary>The machine name Python reports (platform.machine()) on this target.</summary>
    public string Machine => (Os, NormalizedArch) switch
    {
        (TargetOs.Windows, "x86_64") => "AMD64",
        (TargetOs.Windows, "aarch64") => "ARM64",
        (TargetOs.Windows, "i686") => "x86",
        (TargetOs.MacOS or TargetOs.Ios, "aarch64") => "arm64",
        (_, var a) => a,
    };

    // Linux spelling of the arch.
    private string NormalizedArch => Arch.ToLowerInvariant() switch
    {
        "x64" or "amd64" or "x86_64" => "x86_64",
        "arm64" or "aarch64" => "aarch64",
        "x86" or "i386" or "i686" or "win32" => "i686",
        "arm" or "armv7l" or "armhf" => "armv7l",
        var other => other,
    };

    /// <summary>The platform tags of this target, most preferred first.</summary>
    public IReadOnlyList<string> PlatformTagList()
    {
        var arch = NormalizedArch;
        switch (Os)
        {
            case TargetOs.Linux:
                return PlatformTags.Linux(new LinuxHost
                {
                    SysconfigPlatform = "linux-" + arch,
                    Glibc = Musl is null ? Glibc ?? DefaultGlibc : null,
                    Musl = Musl,
                });
            case TargetOs.Windows:
                return [arch switch { "x86_64" => "win_amd64", "aarch64" => "win_arm64", "i686" => "win32", _ => "win_" + arch }];
            case TargetOs.MacOS:
                return PlatformTags.Mac(MacOSVersion ?? DefaultMacOS, arch == "aarch64" ? "arm64" : arch);
            case TargetOs.Ios:
                return PlatformTags.Ios(IosVersion ?? (13, 0), IosMultiarch ?? (arch == "aarch64" ? "arm64-iphoneos" : arch + "-iphonesimulator"));
            case TargetOs.Android:
                return PlatformTags.Android(AndroidApiLevel ?? 24, arch switch { "aarch64" => "arm64_v8a", "armv7l" => "armeabi_v7a", "i686" => "x86", _ => arch });
            default:
                throw new LlmPyException(DiagnosticCodes.Standards.InvalidTargetDescription, $"Unknown target OS '{Os}'.");
        }
    }

    /// <summary>The tag inputs of this target.</summary>
    public TagTarget ToTagTarget()
    {
        var version = VersionParts().Take(2).ToList();
        return new TagTarget
        {
            Implementation = Implementation,
            PythonVersion = version,
            AbiConfig = CpythonAbiConfig.Release with { GilDisabled = FreeThreaded },
            // Non-CPython targets: the conventional SOABI of the implementation.
            Abis = TagGenerator.InterpreterShortName(Implementation) == "cp" ? null : [],
            Platforms = PlatformTagList(),
        };
    }

    /// <summary>The ordered supported tags of this target.</summary>
    public SupportedTags ToSupportedTags() => SupportedTags.ForTarget(ToTagTarget());

    /// <summary>The PEP 508 marker values this target has (platform_release/platform_version are unknown and left empty).</summary>
    public MarkerEnvironment ToMarkerEnvironment()
    {
        var v = VersionParts();
        var full = v.Count == 3 ? PythonVersion.Trim() : $"{v[0]}.{v[1]}.0";
        var implementationName = Implementation.ToLowerInvariant();
        var values = new Dictionary<string, string>
        {
            ["implementation_name"] = implementationName,
            ["implementation_version"] = full,
            ["os_name"] = Os == TargetOs.Windows ? "nt" : "posix",
            ["platform_machine"] = Machine,
            ["platform_python_implementation"] = implementationName switch
            {
                "cpython" => "CPython", "pypy" => "PyPy", "graalpy" => "GraalVM", "ironpython" => "IronPython", "jython" => "Jython", _ => Implementation,
            },
            ["platform_release"] = "",
            ["platform_system"] = Os switch
            {
                TargetOs.Linux => "Linux", TargetOs.MacOS => "Darwin", TargetOs.Windows => "Windows", TargetOs.Ios => "iOS", _ => "Android",
            },
            ["platform_version"] = "",
            ["python_full_version"] = full,
            ["python_version"] = $"{v[0]}.{v[1]}",
            ["sys_platform"] = Os switch
            {
                TargetOs.Linux => "linux", TargetOs.MacOS => "darwin", TargetOs.Windows => "win32", TargetOs.Ios => "ios", _ => "android",
            },
        };
        return new MarkerEnvironment(values);
    }
}
