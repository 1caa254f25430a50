using LlmPython.Resolver.Locking;

namespace LlmPython.Resolver.Exporting;

/// <summary>The PEP 508 marker of the machines a lock section was resolved for ("cp311-linux-x86_64-cu124").</summary>
internal static class LockSectionMarkers
{
    public static string For(LockedEnvironment section)
    {
        var parts = section.Name.Split('-');
        var version = string.Join('.', section.PythonVersion.Split('.').Take(2));
        var marker = $"python_version == '{version}'";
        if (parts.Length < 3)
            return marker;
        var (platform, machine) = (parts[1], parts[2]) switch
        {
            ("linux", var m) => ("linux", m),
            ("windows", "x86_64") => ("win32", "AMD64"),
            ("windows", "arm64" or "aarch64") => ("win32", "ARM64"),
            ("windows", var m) => ("win32", m),
            ("darwin", var m) => ("darwin", m),
            var (os, m) => (os, m),
        };
        return marker + $" and sys_platform == '{platform}' and platform_machine == '{machine}'";
    }

    /// <summary>A section name as the <c>&lt;name&gt;</c> of <c>pylock.&lt;name&gt;.toml</c> (PEP 751: no dots).</summary>
    public static string FileSafeName(string sectionName) =>
        new(sectionName.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());
}
