using System.Runtime.InteropServices;

namespace LlmPython.Resolver.Accelerators;

/// <summary>Platform names as the arch-list table writes them: <c>linux-x86_64</c>, <c>windows-x86_64</c>, <c>linux-aarch64</c> (and <c>darwin-arm64</c>).</summary>
public static class AcceleratorPlatform
{
    public const string LinuxX64 = "linux-x86_64";
    public const string LinuxArm64 = "linux-aarch64";
    public const string WindowsX64 = "windows-x86_64";

    /// <summary>This process's platform.</summary>
    public static string Current => Name(
        OperatingSystem.IsWindows() ? "windows" : OperatingSystem.IsMacOS() ? "darwin" : "linux",
        RuntimeInformation.OSArchitecture);

    /// <summary>From a .NET runtime identifier (<c>linux-x64</c>, <c>win-x64</c>, <c>linux-arm64</c>, <c>osx-arm64</c>); null when it is not one.</summary>
    public static string? FromRuntimeIdentifier(string? rid)
    {
        if (string.IsNullOrWhiteSpace(rid)) return null;
        var dash = rid.LastIndexOf('-');
        if (dash <= 0) return null;
        var os = rid[..dash].ToLowerInvariant();
        var family = os.StartsWith("win", StringComparison.Ordinal) ? "windows"
            : os.StartsWith("osx", StringComparison.Ordinal) || os.StartsWith("maccatalyst", StringComparison.Ordinal) ? "darwin"
            : os.StartsWith("linux", StringComparison.Ordinal) ? "linux"
            : null;
        Architecture? arch = rid[(dash + 1)..].ToLowerInvariant() switch
        {
            "x64" => Architecture.X64,
            "arm64" => Architecture.Arm64,
            "x86" => Architecture.X86,
            "arm" => Architecture.Arm,
            _ => null,
        };
        return family is null || arch is null ? null : Name(family, arch.Value);
    }

    public static bool IsWindows(string platform) => platform.StartsWith("windows", StringComparison.Ordinal);

    public static bool IsLinux(string platform) => platform.StartsWith("linux", StringComparison.Ordinal);

    // As platform.machine() spells it: aarch64 on Linux, arm64 on macOS (Restore's TargetEnvironment agrees).
    private static string Name(string family, Architecture arch) => family + "-" + arch switch
    {
        Architecture.X64 => "x86_64",
        Architecture.Arm64 => family == "linux" ? "aarch64" : "arm64",
        Architecture.X86 => "x86",
        Architecture.Arm => "armv7l",
        var other => other.ToString().ToLowerInvariant(),
    };
}
