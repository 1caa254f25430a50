namespace LlmPython.Resolver.Tags;

/// <summary>Answers the <c>_manylinux</c> module override: true/false decides, null falls back to the glibc check.</summary>
public delegate bool? ManylinuxCompatibility(int glibcMajor, int glibcMinor, string arch);

/// <summary>The facts of a Linux target that decide its platform tags (linux_*, manylinux_*, musllinux_*).</summary>
public sealed record LinuxHost
{
    /// <summary>sysconfig.get_platform(), e.g. "linux-x86_64" (normalized with '_' when used).</summary>
    public required string SysconfigPlatform { get; init; }
    /// <summary>A 32-bit interpreter (struct.calcsize("P") == 4) on a possibly 64-bit kernel.</summary>
    public bool Is32BitInterpreter { get; init; }
    /// <summary>glibc (major, minor); null = not a glibc system.</summary>
    public (int Major, int Minor)? Glibc { get; init; }
    /// <summary>musl (major, minor); null = not a musl system.</summary>
    public (int Major, int Minor)? Musl { get; init; }
    /// <summary>
    /// The interpreter binary's ELF ABI fits manylinux: armhf for armv7l, i386 for i686. Only consulted
    /// for those two arches (an x32 or soft-float interpreter gets no manylinux tags).
    /// </summary>
    public bool ElfAbiFitsManylinux { get; init; } = true;
    /// <summary>The interpreter's <c>_manylinux</c> module override, if any.</summary>
    public ManylinuxCompatibility? ManylinuxOverride { get; init; }
}
