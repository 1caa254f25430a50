using System.Globalization;

namespace LlmPython.Resolver.Accelerators;

/// <summary>
/// An NVIDIA driver number such as <c>535.104.05</c> (Linux) or <c>537.13</c> (Windows).
/// Compared numerically part by part, so the table's <c>450.80.2</c> equals <c>450.80.02</c>.
/// </summary>
public sealed class DriverVersion : IComparable<DriverVersion>, IEquatable<DriverVersion>
{
    private readonly int[] _parts;

    private DriverVersion(int[] parts, string text)
    {
        _parts = parts;
        Text = text;
    }

    /// <summary>The text as written (leading zeros kept: <c>535.104.05</c>).</summary>
    public string Text { get; }

    public int Major => _parts[0];

    public IReadOnlyList<int> Parts => _parts;

    /// <summary>Parses <c>535</c>, <c>537.13</c>, <c>535.104.05</c>; throws <see cref="FormatException"/> otherwise.</summary>
    public static DriverVersion Parse(string text) =>
        TryParse(text, out var v) ? v : throw new FormatException($"'{text}' is not an NVIDIA driver version (expected digits and dots, like 535.104.05).");

    public static bool TryParse(string? text, out DriverVersion version)
    {
        version = null!;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var trimmed = text.Trim();
        var pieces = trimmed.Split('.');
        if (pieces.Length > 4) return false;
        var parts = new int[pieces.Length];
        for (var i = 0; i < pieces.Length; i++)
        {
            if (pieces[i].Length == 0 || pieces[i].Length > 9 || !pieces[i].All(char.IsAsciiDigit)) return false;
            parts[i] = int.Parse(pieces[i], CultureInfo.InvariantCulture);
        }
        version = new DriverVersion(parts, trimmed);
        return true;
    }

    /// <summary>
    /// Converts the Windows file version of the display driver (<c>31.0.15.3713</c>, as WMI and the
    /// registry report it) to NVIDIA's number (<c>537.13</c>): the last five digits, split 3 + 2.
    /// A plain NVIDIA number is returned as is.
    /// </summary>
    public static bool TryParseWindows(string? text, out DriverVersion version)
    {
        version = null!;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var pieces = text.Trim().Split('.');
        if (pieces.Length == 4 && pieces.All(p => p.Length > 0 && p.All(char.IsAsciiDigit)))
        {
            var digits = pieces[2] + pieces[3].PadLeft(4, '0');
            if (digits.Length < 5) return false;
            var last5 = digits[^5..];
            return TryParse($"{int.Parse(last5[..3], CultureInfo.InvariantCulture)}.{last5[3..]}", out version);
        }
        return TryParse(text, out version);
    }

    public int CompareTo(DriverVersion? other)
    {
        if (other is null) return 1;
        for (var i = 0; i < Math.Max(_parts.Length, other._parts.Length); i++)
        {
            var a = i < _parts.Length ? _parts[i] : 0;
            var b = i < other._parts.Length ? other._parts[i] : 0;
            if (a != b) return a.CompareTo(b);
        }
        return 0;
    }

    public bool Equals(DriverVersion? other) => other is not null && CompareTo(other) == 0;
    public override bool Equals(object? obj) => obj is DriverVersion v && Equals(v);
    public override int GetHashCode()
    {
        // Trailing zeros do not count (537.13 == 537.13.0), as in CompareTo.
        var last = _parts.Length - 1;
        while (last > 0 && _parts[last] == 0) last--;
        var hash = new HashCode();
        for (var i = 0; i <= last; i++) hash.Add(_parts[i]);
        return hash.ToHashCode();
    }

    public override string ToString() => Text;

    public static bool operator <(DriverVersion a, DriverVersion b) => a.CompareTo(b) < 0;
    public static bool operator >(DriverVersion a, DriverVersion b) => a.CompareTo(b) > 0;
    public static bool operator <=(DriverVersion a, DriverVersion b) => a.CompareTo(b) <= 0;
    public static bool operator >=(DriverVersion a, DriverVersion b) => a.CompareTo(b) >= 0;
}
