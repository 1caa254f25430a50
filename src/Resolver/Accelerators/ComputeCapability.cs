using System.Globalization;

namespace LlmPython.Resolver.Accelerators;

/// <summary>An NVIDIA compute capability (<c>8.6</c>), the architecture a kernel must be built for (<c>sm_86</c>).</summary>
public readonly record struct ComputeCapability(int Major, int Minor) : IComparable<ComputeCapability>
{
    /// <summary>Parses <c>8.6</c>, <c>sm_86</c>, <c>compute_86</c>, <c>sm_120</c>, <c>12.0</c>; throws <see cref="FormatException"/> otherwise.</summary>
    public static ComputeCapability Parse(string text) =>
        TryParse(text, out var c) ? c : throw new FormatException($"'{text}' is not a compute capability (expected major.minor like 8.6, or sm_86).");

    public static bool TryParse(string? text, out ComputeCapability capability)
    {
        capability = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var t = text.Trim();
        string? digits = null;
        if (t.StartsWith("sm_", StringComparison.OrdinalIgnoreCase)) digits = t[3..];
        else if (t.StartsWith("compute_", StringComparison.OrdinalIgnoreCase)) digits = t[8..];
        if (digits is not null)
        {
            // sm_86 → 8.6, sm_120 → 12.0: the last digit is the minor (an optional a/f suffix is not a capability of its own).
            digits = digits.TrimEnd('a', 'f');
            if (digits.Length < 2 || digits.Length > 3 || !digits.All(char.IsAsciiDigit)) return false;
            capability = new ComputeCapability(
                int.Parse(digits[..^1], CultureInfo.InvariantCulture), digits[^1] - '0');
            return true;
        }
        var dot = t.Split('.');
        if (dot.Length != 2 || dot.Any(p => p.Length == 0 || p.Length > 2 || !p.All(char.IsAsciiDigit))) return false;
        capability = new ComputeCapability(
            int.Parse(dot[0], CultureInfo.InvariantCulture), int.Parse(dot[1], CultureInfo.InvariantCulture));
        return true;
    }

    /// <summary>The kernel architecture name: <c>sm_86</c>.</summary>
    public string SmName => $"sm_{Major}{Minor}";

    public int CompareTo(ComputeCapability other) =>
        Major != other.Major ? Major.CompareTo(other.Major) : Minor.CompareTo(other.Minor);

    public static bool operator <(ComputeCapability a, ComputeCapability b) => a.CompareTo(b) < 0;
    public static bool operator >(ComputeCapability a, ComputeCapability b) => a.CompareTo(b) > 0;
    public static bool operator <=(ComputeCapability a, ComputeCapability b) => a.CompareTo(b) <= 0;
    public static bool operator >=(ComputeCapability a, ComputeCapability b) => a.CompareTo(b) >= 0;

    public override string ToString() => $"{Major}.{Minor}";
}
