using System.Globalization;
using System.Text.RegularExpressions;

namespace LlmPython.Resolver.Distributions;

/// <summary>
/// What the local version label of an extension wheel says it was built for:
/// <c>+cu123torch2.4cxx11abiFALSE</c> (flash-attn), <c>+cu118</c> (autoawq), <c>+pt21cu118</c> (PyG),
/// <c>+cu.12.8torch.2.11</c>. Parts the label does not name are null. A label that names none of them
/// (<c>+local1</c>) is not a build variant.
/// </summary>
public sealed partial record BuildVariantLabel
{
    /// <summary>CUDA (major, minor); minor is null for <c>cu12</c> (any 12.x).</summary>
    public (int Major, int? Minor)? Cuda { get; init; }
    /// <summary>The label says <c>cpu</c>.</summary>
    public bool Cpu { get; init; }
    /// <summary>ROCm version text (<c>6.2</c>) for <c>rocm6.2</c>.</summary>
    public string? Rocm { get; init; }
    /// <summary>torch (major, minor) the wheel was compiled against.</summary>
    public (int Major, int Minor)? Torch { get; init; }
    /// <summary>The <c>_GLIBCXX_USE_CXX11_ABI</c> value the wheel was compiled with.</summary>
    public bool? Cxx11Abi { get; init; }

    public bool NamesAccelerator => Cuda is not null || Cpu || Rocm is not null;

    /// <summary>Reads a local label (any case, any of <c>. _ -</c> as separators); null when it names no build part.</summary>
    public static BuildVariantLabel? Parse(string? local)
    {
        if (string.IsNullOrEmpty(local)) return null;
        var text = local.ToLowerInvariant().Replace('_', '.').Replace('-', '.');
        var label = new BuildVariantLabel();
        if (AbiPattern().Match(text) is { Success: true } abi)
        {
            label = label with { Cxx11Abi = abi.Groups[1].Value == "true" };
            text = text.Remove(abi.Index, abi.Length);
        }
        if (TorchPattern().Match(text) is { Success: true } torch)
        {
            label = label with { Torch = TorchNumber(torch.Groups[1].Value, torch.Groups[2].Value) };
            text = text.Remove(torch.Index, torch.Length);
        }
        if (CudaPattern().Match(text) is { Success: true } cuda)
            label = label with { Cuda = CudaNumber(cuda.Groups[1].Value, cuda.Groups[2].Value) };
        else if (RocmPattern().Match(text) is { Success: true } rocm)
            label = label with { Rocm = rocm.Groups[1].Value };
        else if (CpuPattern().IsMatch(text))
            label = label with { Cpu = true };
        return label.NamesAccelerator || label.Torch is not null || label.Cxx11Abi is not null ? label : null;
    }

    /// <summary>The label of a wheel file name (the text after <c>+</c> in its version), or null.</summary>
    public static BuildVariantLabel? OfWheel(WheelFileName wheel) => Parse(wheel.Version.Local);

    // torch2.4 / torch.2.11 / pt24 / pt113: without a dot the first digit is the major (torch has no 10.x yet).
    private static (int, int) TorchNumber(string first, string second) => second.Length > 0
        ? (Int(first), Int(second))
        : (Int(first[..1]), first.Length > 1 ? Int(first[1..]) : 0);

    // cu118 → 11.8, cu124 → 12.4, cu12 → 12.x, cu.12.8 → 12.8, cu92 → 9.2 (two digits ≥ 20 are X.Y).
    private static (int, int?) CudaNumber(string first, string second)
    {
        if (second.Length > 0) return (Int(first), Int(second));
        return first.Length switch
        {
            <= 2 when Int(first) < 20 => (Int(first), null),
            <= 2 => (Int(first[..1]), Int(first[1..])),
            _ => (Int(first[..2]), Int(first[2..])),
        };
    }

    private static int Int(string digits) => int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);

    public override string ToString()
    {
        var parts = new List<string>();
        if (Cuda is { } c) parts.Add(c.Minor is { } m ? $"CUDA {c.Major}.{m}" : $"CUDA {c.Major}.x");
        if (Rocm is { } r) parts.Add($"ROCm {r}");
        if (Cpu) parts.Add("CPU");
        if (Torch is { } t) parts.Add($"torch {t.Major}.{t.Minor}");
        if (Cxx11Abi is { } abi) parts.Add($"cxx11abi{(abi ? "TRUE" : "FALSE")}");
        return string.Join(", ", parts);
    }

    [GeneratedRegex(@"cxx11abi\.?(true|false)")]
    private static partial Regex AbiPattern();

    [GeneratedRegex(@"(?<![a-z])(?:torch|pt)\.?(\d{1,4})(?:\.(\d{1,3}))?(?![\d])")]
    private static partial Regex TorchPattern();

    [GeneratedRegex(@"(?<![a-z])cu(?:da)?\.?(\d{1,4})(?:\.(\d{1,2}))?(?!\d)")]
    private static partial Regex CudaPattern();

    [GeneratedRegex(@"(?<![a-z])rocm\.?(\d+(?:\.\d+)*)")]
    private static partial Regex RocmPattern();

    [GeneratedRegex(@"(?<![a-z])cpu(?![a-z])")]
    private static partial Regex CpuPattern();
}
