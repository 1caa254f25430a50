namespace LlmPython.Resolver.Installation;

/// <summary>
/// The <c>Wheel-Version</c> of a wheel's WHEEL file, judged as the binary distribution format asks: a greater
/// major version than <see cref="Supported"/> is refused, a greater minor version is installed with a warning,
/// anything older (0.x, 1.0) is installed. Compared part by part like pip's version tuples (1.0.1 &gt; 1.0).
/// </summary>
public sealed class WheelFormatVersion
{
    private readonly int[] _parts;

    private WheelFormatVersion(string text, int[] parts)
    {
        Text = text;
        _parts = parts;
    }

    /// <summary>The newest format this installer implements.</summary>
    public static WheelFormatVersion Supported { get; } = new("1.0", [1, 0]);

    /// <summary>The value as written in WHEEL.</summary>
    public string Text { get; }

    public int Major => _parts[0];

    /// <summary>The major version is one this installer reads (0 or 1).</summary>
    public bool IsSupported => Major <= Supported.Major;

    /// <summary>Supported, but newer than <see cref="Supported"/> (e.g. 1.9): installed with a warning.</summary>
    public bool IsNewerThanSupported => IsSupported && Compare(_parts, Supported._parts) > 0;

    /// <summary>Parses <c>1.0</c>, <c>0.1</c>, <c>2</c>; null for a missing or non-numeric value.</summary>
    public static WheelFormatVersion? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var parts = new List<int>();
        foreach (var part in text.Trim().Split('.'))
        {
            if (part.Length == 0 || !part.All(char.IsAsciiDigit) || !int.TryParse(part, out var n))
                return null;
            parts.Add(n);
        }
        return new WheelFormatVersion(text.Trim(), [.. parts]);
    }

    private static int Compare(int[] a, int[] b)
    {
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var x = i < a.Length ? a[i] : -1;
            var y = i < b.Length ? b[i] : -1;
            if (x != y)
                return x.CompareTo(y);
        }
        return 0;
    }

    public override string ToString() => Text;
}
