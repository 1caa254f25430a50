namespace LlmPython.Resolver.Interpreters;

/// <summary>The ELF header fields of an interpreter binary that decide manylinux eligibility on 32-bit ARM and x86.</summary>
public sealed record ElfHeader
{
    /// <summary>EI_CLASS: 1 = 32-bit, 2 = 64-bit.</summary>
    public int Class { get; init; }
    /// <summary>EI_DATA: 1 = little endian.</summary>
    public int Data { get; init; }
    /// <summary>e_machine: 3 = i386, 40 = ARM, 62 = x86-64.</summary>
    public int Machine { get; init; }
    /// <summary>e_flags.</summary>
    public long Flags { get; init; }

    /// <summary>A 32-bit little-endian ARM EABI5 hard-float binary (the armhf ABI manylinux armv7l needs).</summary>
    public bool IsArmhf => Class == 1 && Data == 1 && Machine == 40
        && (Flags & 0xFF000000) == 0x05000000 && (Flags & 0x400) == 0x400;

    /// <summary>A 32-bit little-endian i386 binary (not x32).</summary>
    public bool IsI686 => Class == 1 && Data == 1 && Machine == 3;
}
